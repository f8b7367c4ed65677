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
 */
import { createHash } from "node:crypto";
import { type AuditEvent, AuditEventSchema } from "@keyfrag/bus";
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
  /** The same, restricted to one actor access id, action or result. */
  index(kind: "actor" | "action" | "result", value: string): string;
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

// KEYS: head, records, ids, byTime, then 3 index keys per record.
// ARGV: expected head seq, expected head hash, count, then 4 per record: id, seq, json, member.
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
  local id = ARGV[4 + i * 4]
  if redis.call('HEXISTS', KEYS[3], id) == 1 then dups[#dups + 1] = id end
end
if #dups > 0 then
  table.insert(dups, 1, 'dup')
  return dups
end
for i = 0, n - 1 do
  local s = ARGV[5 + i * 4]
  if redis.call('HEXISTS', KEYS[2], s) == 1 then return {'occupied', s} end
end
local last
for i = 0, n - 1 do
  local id, s, json, member = ARGV[4 + i * 4], ARGV[5 + i * 4], ARGV[6 + i * 4], ARGV[7 + i * 4]
  redis.call('HSET', KEYS[2], s, json)
  redis.call('HSET', KEYS[3], id, s)
  redis.call('ZADD', KEYS[4], 0, member)
  for k = 0, 2 do redis.call('ZADD', KEYS[5 + i * 3 + k], 0, member) end
  last = s
end
redis.call('HSET', KEYS[1], 'seq', last, 'hash', ARGV[#ARGV])
return {'ok'}
`;

/** What VerifyChain found. */
export interface VerifyResult {
  ok: boolean;
  /** Records checked (the head's seq when ok). */
  records: number;
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
  /** Walks the chain from seq 1 and reports the first record that does not fit. */
  verify(batchSize?: number): Promise<VerifyResult>;
}

const MAX_APPEND_ATTEMPTS = 1_000;

/** Creates the chain store over `redis` under `prefix`. */
export function createChainStore(deps: { redis: Redis; prefix: string }): ChainStore {
  const { redis } = deps;
  const keys = chainKeys(deps.prefix);

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
        keyList.push(
          keys.index("actor", r.actor.accessId),
          keys.index("action", r.action),
          keys.index("result", r.result),
        );
        argv.push(r.id, String(r.seq), JSON.stringify(r), indexMember(r.time, r.seq));
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
    let prevHash = GENESIS_HASH;
    for (let from = 1; from <= top.seq; from += batchSize) {
      const seqs: number[] = [];
      for (let s = from; s < from + batchSize && s <= top.seq; s++) seqs.push(s);
      const raw = await redis.hmget(keys.records, ...seqs.map(String));
      for (const [i, seq] of seqs.entries()) {
        const json = raw[i];
        const broken = (problem: string): VerifyResult => ({
          ok: false,
          records: seq - 1,
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
        records: top.seq,
        brokenSeq: top.seq,
        problem: "head mismatch: the stored head hash is not the last record's hash",
      };
    }
    // Records past the head mean the head was moved back (e.g. to hide the newest records).
    const beyond = await redis.hexists(keys.records, String(top.seq + 1));
    if (beyond) {
      return {
        ok: false,
        records: top.seq,
        brokenSeq: top.seq + 1,
        problem: "head mismatch: records exist beyond the stored head",
      };
    }
    return { ok: true, records: top.seq, brokenSeq: 0, problem: "" };
  }

  return { keys, append, head, records, recordsOfIds, verify };
}

const HASH = z.string().regex(/^[0-9a-f]{64}$/);
const RecordChainSchema = AuditEventSchema.extend({
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
