/**
 * The hash chain in Redis. Several audit replicas may append at once: each append is a Lua
 * compare-and-set on the chain head, retried on conflict, and an event id already stored is
 * skipped, so at-least-once delivery never produces a second record for one event.
 *
 * What the chain does and does not prove: VerifyChain detects a record edited, deleted or moved
 * and a head that does not match the last record. It cannot detect someone with write access to
 * Redis rewriting the whole chain from the first changed record onwards, head included: every
 * hash is recomputable by anyone. The anchor against that is outside Redis: the forwarders send
 * every record with its hash to a system the Redis writer does not control (a SIEM, syslog
 * server, Elasticsearch), where the hashes can be compared.
 *
 * Retention: `prune` removes the oldest records (older than the retention) and moves the
 * checkpoint — the seq and hash of the last removed record, MAC'd under the audit key — in the
 * same atomic step. VerifyChain starts at the checkpoint: the first kept record must link to its
 * hash. Deleting or moving the checkpoint without the audit key is detected like any other edit.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { type AuditEvent, StoredAuditEventSchema } from "@keyfrag/bus";
import { InternalError } from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import { z } from "zod";
import { type AuditRecord, chainRecord, GENESIS_HASH, recordHash } from "./audit-record.js";

/** Redis keys of one chain, under the service's prefix. */
export interface ChainKeys {
  /** Hash `{seq, hash}` of the last record. */
  head: string;
  /** Hash seq → record JSON. */
  records: string;
  /** Hash event id → seq. */
  ids: string;
  /** Sorted set (all scores 0, ordered by member) of `indexMember`s: every record by time. */
  byTime: string;
  /** The same, restricted to one actor access id, action, result or path prefix (`pathPrefixes`). */
  index(kind: IndexKind, value: string): string;
  /** Hash `{seq, hash, time, mac}`: where the kept chain starts (the last pruned record). */
  checkpoint: string;
  /** Set once every kept record is in the path index (records from before it existed included). */
  pathIndexReady: string;
}

export type IndexKind = "actor" | "action" | "result" | "path";

/** How many `/`-ended prefixes of a path are indexed (the deepest serves deeper queries). */
export const PATH_INDEX_DEPTH = 8;

/**
 * The prefixes a record's path is indexed under: each prefix ending in `/` (the lone root `/`
 * excluded: it selects nearly everything, the time index does that), at most PATH_INDEX_DEPTH.
 * A query for any path prefix walks the index of its own deepest such prefix, which holds every
 * record whose path starts with the query.
 */
export function pathPrefixes(path: string): string[] {
  const out: string[] = [];
  for (let i = path.indexOf("/"); i >= 0 && out.length < PATH_INDEX_DEPTH; ) {
    if (i > 0) out.push(path.slice(0, i + 1));
    i = path.indexOf("/", i + 1);
  }
  return out;
}

/** Every index key a record belongs to (besides the time index). */
export function recordIndexKeys(keys: ChainKeys, r: AuditEvent): string[] {
  return [
    keys.index("actor", r.actor.accessId),
    keys.index("action", r.action),
    keys.index("result", r.result),
    ...pathPrefixes(r.path).map((prefix) => keys.index("path", prefix)),
  ];
}

/** The keys of the chain under `prefix` (`kf:audit` → `kf:audit:head`…). */
export function chainKeys(prefix: string): ChainKeys {
  const p = prefix.endsWith(":") ? prefix : `${prefix}:`;
  return {
    head: `${p}head`,
    records: `${p}records`,
    ids: `${p}ids`,
    byTime: `${p}idx:time`,
    // Values are caller-chosen strings: hash them so key length and characters stay bounded.
    index: (kind, value) =>
      `${p}idx:${kind}:${createHash("sha256").update(value, "utf8").digest("hex").slice(0, 32)}`,
    checkpoint: `${p}checkpoint`,
    pathIndexReady: `${p}idx:path-ready`,
  };
}

const TIME_DIGITS = 15;
const SEQ_DIGITS = 16;

/** The index member of a record: fixed-width time then seq, so lexical order is (time, seq). */
export function indexMember(time: number, seq: number): string {
  return `${String(time).padStart(TIME_DIGITS, "0")}:${String(seq).padStart(SEQ_DIGITS, "0")}`;
}

/** The inverse of `indexMember`; undefined when `member` is not one. */
export function parseIndexMember(member: string): { time: number; seq: number } | undefined {
  const m = /^(\d{15}):(\d{16})$/.exec(member);
  if (!m?.[1] || !m[2]) return undefined;
  return { time: Number(m[1]), seq: Number(m[2]) };
}

/** Lower bound (inclusive) of the members at or after `time`, for ZRANGE BYLEX. */
export function timeLowerBound(time: number): string {
  return `[${String(time).padStart(TIME_DIGITS, "0")}:`;
}

/** Upper bound (exclusive) of the members at or before `time`, for ZRANGE BYLEX. */
export function timeUpperBound(time: number): string {
  return `(${String(time + 1).padStart(TIME_DIGITS, "0")}:`;
}

// KEYS: head, records, ids, byTime, then each record's index keys.
// ARGV: expected head seq, expected head hash, count, then 5 per record: id, seq, json, member,
// number of index keys; last, the new head hash.
// Returns {"ok"}, {"conflict"} (the head moved), {"dup", ids…} (already stored; nothing written)
// or {"occupied", seq} (a record already sits at a seq the head says is free: the head was
// tampered with or lost; refusing to overwrite keeps the evidence).
const APPEND_SCRIPT = `
local head = redis.call('HMGET', KEYS[1], 'seq', 'hash')
local seq = head[1] or '0'
local hash = head[2] or '${GENESIS_HASH}'
if seq ~= ARGV[1] or hash ~= ARGV[2] then return {'conflict'} end
local n = tonumber(ARGV[3])
local dups = {}
for i = 0, n - 1 do
  local id = ARGV[4 + i * 5]
  if redis.call('HEXISTS', KEYS[3], id) == 1 then dups[#dups + 1] = id end
end
if #dups > 0 then
  table.insert(dups, 1, 'dup')
  return dups
end
for i = 0, n - 1 do
  local s = ARGV[5 + i * 5]
  if redis.call('HEXISTS', KEYS[2], s) == 1 then return {'occupied', s} end
end
local last
local k = 5
for i = 0, n - 1 do
  local id, s, json, member = ARGV[4 + i * 5], ARGV[5 + i * 5], ARGV[6 + i * 5], ARGV[7 + i * 5]
  redis.call('HSET', KEYS[2], s, json)
  redis.call('HSET', KEYS[3], id, s)
  redis.call('ZADD', KEYS[4], 0, member)
  for j = 1, tonumber(ARGV[8 + i * 5]) do
    redis.call('ZADD', KEYS[k], 0, member)
    k = k + 1
  end
  last = s
end
redis.call('HSET', KEYS[1], 'seq', last, 'hash', ARGV[#ARGV])
return {'ok'}
`;

// KEYS: checkpoint, records, ids, byTime, then each pruned record's index keys.
// ARGV: expected checkpoint seq, new seq, new hash, new time, new mac, count, then 4 per record:
// seq, id, member, number of index keys.
// Moves the checkpoint and removes the records in one step, or returns {"conflict"} when another
// replica moved the checkpoint first.
const PRUNE_SCRIPT = `
local cp = redis.call('HGET', KEYS[1], 'seq') or '0'
if cp ~= ARGV[1] then return {'conflict'} end
local n = tonumber(ARGV[6])
local k = 5
for i = 0, n - 1 do
  local s, id, member = ARGV[7 + i * 4], ARGV[8 + i * 4], ARGV[9 + i * 4]
  redis.call('HDEL', KEYS[2], s)
  if redis.call('HGET', KEYS[3], id) == s then redis.call('HDEL', KEYS[3], id) end
  redis.call('ZREM', KEYS[4], member)
  for j = 1, tonumber(ARGV[10 + i * 4]) do
    redis.call('ZREM', KEYS[k], member)
    k = k + 1
  end
end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'hash', ARGV[3], 'time', ARGV[4], 'mac', ARGV[5])
return {'ok'}
`;

/** Where the kept chain starts: the last pruned record (seq 0 and GENESIS_HASH when none was). */
export interface ChainCheckpoint {
  seq: number;
  hash: string;
  /** The pruned record's time (Unix ms). */
  time: number;
}

/** What one `prune` removed. */
export interface PruneResult {
  pruned: number;
  checkpoint: ChainCheckpoint;
}

/** What VerifyChain found. */
export interface VerifyResult {
  ok: boolean;
  /** Records checked (those after the checkpoint up to the head, when ok). */
  records: number;
  /** The checkpoint the walk started from (0 when nothing was pruned). */
  prunedThroughSeq: number;
  /** The first seq that does not fit (0 when ok). */
  brokenSeq: number;
  problem: string;
}

/** The chain as the rest of the service sees it. */
export interface ChainStore {
  readonly keys: ChainKeys;
  /**
   * Appends the events not stored yet, in order, and returns the records written (events
   * already in the chain are skipped). Resolves only once they are in Redis.
   */
  append(events: readonly AuditEvent[]): Promise<AuditRecord[]>;
  /** The last record's seq and hash (0 and GENESIS_HASH for an empty chain). */
  head(): Promise<{ seq: number; hash: string }>;
  /** The records at `seqs` (null where missing or unreadable). */
  records(seqs: readonly number[]): Promise<(AuditRecord | null)[]>;
  /** The records of these event ids (null where not stored). */
  recordsOfIds(ids: readonly string[]): Promise<(AuditRecord | null)[]>;
  /** Walks the chain from the checkpoint and reports the first record that does not fit. */
  verify(batchSize?: number): Promise<VerifyResult>;
  /** The current checkpoint. */
  checkpoint(): Promise<ChainCheckpoint>;
  /**
   * Removes the oldest records whose time is before `beforeMs` (in seq order, stopping at the
   * first newer one), after checking that they still link up, and moves the checkpoint.
   */
  prune(beforeMs: number, batchSize?: number): Promise<PruneResult>;
  /** Adds every kept record to the path index once (records stored before it existed). */
  buildPathIndex(batchSize?: number): Promise<void>;
  /** Whether queries may use the path index. */
  pathIndexReady(): Promise<boolean>;
}

const MAX_APPEND_ATTEMPTS = 1_000;

/**
 * Creates the chain store over `redis` under `prefix`. `auditKey` (the cluster audit key) MACs
 * the checkpoint, so that only the audit service can move where verification starts.
 */
export function createChainStore(deps: {
  redis: Redis;
  prefix: string;
  auditKey: Uint8Array;
}): ChainStore {
  const { redis } = deps;
  const keys = chainKeys(deps.prefix);
  const checkpointKey = Buffer.from(
    hkdfSync("sha256", deps.auditKey, "", "keyfrag audit chain checkpoint v1", 32),
  );
  const checkpointMac = (cp: ChainCheckpoint) =>
    createHmac("sha256", checkpointKey)
      .update(`${deps.prefix}\n${cp.seq}\n${cp.hash}\n${cp.time}`)
      .digest("hex");

  /** The checkpoint as stored, and whether its MAC is right. */
  async function readCheckpoint(): Promise<ChainCheckpoint & { authentic: boolean }> {
    const [seq, hash, time, mac] = await redis.hmget(keys.checkpoint, "seq", "hash", "time", "mac");
    if (seq === null && hash === null && time === null && mac === null) {
      return { seq: 0, hash: GENESIS_HASH, time: 0, authentic: true };
    }
    const cp = { seq: Number(seq), hash: hash ?? "", time: Number(time) };
    const expected = Buffer.from(checkpointMac(cp));
    const given = Buffer.from(mac ?? "");
    const authentic =
      Number.isSafeInteger(cp.seq) &&
      cp.seq > 0 &&
      given.length === expected.length &&
      timingSafeEqual(given, expected);
    return { ...cp, authentic };
  }

  async function head(): Promise<{ seq: number; hash: string }> {
    const [seq, hash] = await redis.hmget(keys.head, "seq", "hash");
    return { seq: seq ? Number(seq) : 0, hash: hash ?? GENESIS_HASH };
  }

  async function records(seqs: readonly number[]): Promise<(AuditRecord | null)[]> {
    if (seqs.length === 0) return [];
    const raw = await redis.hmget(keys.records, ...seqs.map(String));
    return raw.map((json) => (json === null ? null : parseRecord(json)));
  }

  async function append(events: readonly AuditEvent[]): Promise<AuditRecord[]> {
    // One record per id, also within a batch (a republished event can arrive twice at once).
    const seen = new Set<string>();
    let pending = events.filter((e) => !seen.has(e.id) && seen.add(e.id));
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS && pending.length > 0; attempt++) {
      const stored = await redis.hmget(keys.ids, ...pending.map((e) => e.id));
      pending = pending.filter((_, i) => stored[i] === null);
      if (pending.length === 0) return [];
      const start = await head();
      const chained: AuditRecord[] = [];
      let prev = start;
      for (const event of pending) {
        const record = chainRecord(event, prev.seq, prev.hash);
        chained.push(record);
        prev = record;
      }
      const keyList = [keys.head, keys.records, keys.ids, keys.byTime];
      const argv: string[] = [String(start.seq), start.hash, String(chained.length)];
      for (const r of chained) {
        const indexes = recordIndexKeys(keys, r);
        keyList.push(...indexes);
        argv.push(
          r.id,
          String(r.seq),
          JSON.stringify(r),
          indexMember(r.time, r.seq),
          String(indexes.length),
        );
      }
      argv.push(prev.hash);
      const reply = (await redis.eval(
        APPEND_SCRIPT,
        keyList.length,
        ...keyList,
        ...argv,
      )) as string[];
      const [status, ...rest] = reply;
      if (status === "ok") return chained;
      if (status === "dup") {
        const dups = new Set(rest);
        pending = pending.filter((e) => !dups.has(e.id));
        continue;
      }
      if (status === "occupied") {
        throw new InternalError(
          `audit chain head does not match its records (seq ${rest[0]} already holds a record); refusing to overwrite`,
        );
      }
      // "conflict": another replica appended first; chain after its records. A short random
      // pause keeps two busy replicas from colliding in lockstep.
      if (attempt > 2) await sleep(Math.random() * Math.min(50, attempt * 2));
    }
    if (pending.length === 0) return [];
    throw new InternalError("audit chain append kept conflicting; giving up for now");
  }

  async function recordsOfIds(ids: readonly string[]): Promise<(AuditRecord | null)[]> {
    if (ids.length === 0) return [];
    const seqs = await redis.hmget(keys.ids, ...ids);
    const found = await records(seqs.filter((s): s is string => s !== null).map(Number));
    let next = 0;
    return seqs.map((s) => (s === null ? null : (found[next++] ?? null)));
  }

  async function verify(batchSize = 500): Promise<VerifyResult> {
    const top = await head();
    const cp = await readCheckpoint();
    const checked = (seq: number) => Math.max(0, seq - cp.seq);
    if (!cp.authentic || cp.seq > top.seq) {
      return {
        ok: false,
        records: 0,
        prunedThroughSeq: cp.seq,
        brokenSeq: cp.seq + 1,
        problem: !cp.authentic
          ? "checkpoint not authentic: where the kept chain starts was changed outside the audit service"
          : "checkpoint beyond the head: the head was moved back",
      };
    }
    let prevHash = cp.hash;
    for (let from = cp.seq + 1; from <= top.seq; from += batchSize) {
      const seqs: number[] = [];
      for (let s = from; s < from + batchSize && s <= top.seq; s++) seqs.push(s);
      const raw = await redis.hmget(keys.records, ...seqs.map(String));
      for (const [i, seq] of seqs.entries()) {
        const json = raw[i];
        const broken = (problem: string): VerifyResult => ({
          ok: false,
          records: checked(seq - 1),
          prunedThroughSeq: cp.seq,
          brokenSeq: seq,
          problem,
        });
        if (json === null || json === undefined) return broken("record missing");
        const record = parseRecord(json);
        if (!record) return broken("content changed: not a valid audit record");
        if (record.seq !== seq) {
          return broken(`records reordered: seq ${seq} holds the record of seq ${record.seq}`);
        }
        if (recordHash(record.prevHash, record) !== record.hash) {
          return broken("content changed: the record does not match its hash");
        }
        if (record.prevHash !== prevHash) {
          return broken(
            "previous-hash link broken: the record before it was replaced, removed or reordered",
          );
        }
        prevHash = record.hash;
      }
    }
    if (top.hash !== prevHash) {
      return {
        ok: false,
        records: checked(top.seq),
        prunedThroughSeq: cp.seq,
        brokenSeq: top.seq,
        problem: "head mismatch: the stored head hash is not the last record's hash",
      };
    }
    // Records past the head mean the head was moved back (e.g. to hide the newest records),
    // unless they were appended while this ran: an append moves the head with its records (one
    // script), so they are beyond only a head that has not moved since it was read.
    const [[, seqNow], [, beyond]] = ((await redis
      .multi()
      .hget(keys.head, "seq")
      .hexists(keys.records, String(top.seq + 1))
      .exec()) ?? [
      [null, null],
      [null, 0],
    ]) as [[unknown, string | null], [unknown, number]];
    if (beyond && Number(seqNow ?? 0) === top.seq) {
      return {
        ok: false,
        records: checked(top.seq),
        prunedThroughSeq: cp.seq,
        brokenSeq: top.seq + 1,
        problem: "head mismatch: records exist beyond the stored head",
      };
    }
    return {
      ok: true,
      records: checked(top.seq),
      prunedThroughSeq: cp.seq,
      brokenSeq: 0,
      problem: "",
    };
  }

  async function prune(beforeMs: number, batchSize = 500): Promise<PruneResult> {
    let pruned = 0;
    for (;;) {
      const cp = await readCheckpoint();
      if (!cp.authentic) {
        throw new InternalError("audit chain checkpoint is not authentic; not pruning");
      }
      const top = await head();
      const seqs: number[] = [];
      for (let s = cp.seq + 1; s <= top.seq && seqs.length < batchSize; s++) seqs.push(s);
      const batch = await records(seqs);
      // Only a prefix that still links up from the checkpoint is pruned: removing records that
      // were tampered with would remove the evidence.
      const doomed: AuditRecord[] = [];
      let prevHash = cp.hash;
      for (const [i, r] of batch.entries()) {
        if (!r || r.time >= beforeMs) break;
        if (r.seq !== seqs[i] || r.prevHash !== prevHash || recordHash(r.prevHash, r) !== r.hash) {
          throw new InternalError(
            `audit chain does not verify at seq ${seqs[i]}; not pruning past it`,
          );
        }
        doomed.push(r);
        prevHash = r.hash;
      }
      const last = doomed[doomed.length - 1];
      if (!last) return { pruned, checkpoint: { seq: cp.seq, hash: cp.hash, time: cp.time } };
      const next: ChainCheckpoint = { seq: last.seq, hash: last.hash, time: last.time };
      const keyList = [keys.checkpoint, keys.records, keys.ids, keys.byTime];
      const argv = [
        String(cp.seq),
        String(next.seq),
        next.hash,
        String(next.time),
        checkpointMac(next),
        String(doomed.length),
      ];
      for (const r of doomed) {
        const indexes = recordIndexKeys(keys, r);
        keyList.push(...indexes);
        argv.push(String(r.seq), r.id, indexMember(r.time, r.seq), String(indexes.length));
      }
      const [status] = (await redis.eval(
        PRUNE_SCRIPT,
        keyList.length,
        ...keyList,
        ...argv,
      )) as string[];
      // "conflict": another replica pruned meanwhile; go on from its checkpoint.
      if (status === "ok") pruned += doomed.length;
      if (status === "ok" && doomed.length < seqs.length) {
        return { pruned, checkpoint: next };
      }
    }
  }

  async function buildPathIndex(batchSize = 500): Promise<void> {
    if (await pathIndexReady()) return;
    const cp = await readCheckpoint();
    const top = await head();
    for (let from = cp.seq + 1; from <= top.seq; from += batchSize) {
      const seqs: number[] = [];
      for (let s = from; s < from + batchSize && s <= top.seq; s++) seqs.push(s);
      const batch = await records(seqs);
      const tx = redis.multi();
      for (const r of batch) {
        if (!r) continue;
        const member = indexMember(r.time, r.seq);
        for (const prefix of pathPrefixes(r.path)) tx.zadd(keys.index("path", prefix), 0, member);
      }
      await tx.exec();
    }
    await redis.set(keys.pathIndexReady, String(top.seq));
  }

  async function pathIndexReady(): Promise<boolean> {
    return (await redis.exists(keys.pathIndexReady)) === 1;
  }

  async function checkpoint(): Promise<ChainCheckpoint> {
    const { seq, hash, time } = await readCheckpoint();
    return { seq, hash, time };
  }

  return {
    keys,
    append,
    head,
    records,
    recordsOfIds,
    verify,
    checkpoint,
    prune,
    buildPathIndex,
    pathIndexReady,
  };
}

const HASH = z.string().regex(/^[0-9a-f]{64}$/);
// Records are parsed without the events' size bounds: those stored before the bounds still verify.
const RecordChainSchema = StoredAuditEventSchema.extend({
  seq: z.number().int().positive(),
  prevHash: HASH,
  hash: HASH,
});

/** A stored record, or null when the stored JSON is not one (tampering or corruption). */
export function parseRecord(json: string): AuditRecord | null {
  try {
    const parsed = RecordChainSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as AuditRecord) : null;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
