import type { KeyPublicJson } from "@keyfrag/crypto";
import { KEY_ALGORITHMS, UnavailableError } from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { LeaderElection } from "../leader/leader-election.js";

export type { KeyAlgorithm } from "@keyfrag/rpc";

const KeyPublicJsonSchema = z.object({
  suite: z.enum(["ristretto255", "ed25519"]),
  threshold: z.number().int(),
  slots: z.array(z.number().int()),
  epoch: z.number().int(),
  commitments: z.array(z.string()),
});

/** One key version as the coordinator records it (public data only: no fragment ever). */
export const KeyRecordSchema = z.object({
  name: z.string(),
  keyId: z.string(),
  version: z.number().int().min(1),
  algorithm: z.enum(KEY_ALGORITHMS),
  public: KeyPublicJsonSchema,
  createdAt: z.number().int(),
  lastRefreshAt: z.number().int(),
});
export type KeyRecord = z.infer<typeof KeyRecordSchema> & { public: KeyPublicJson };

/**
 * A refresh in flight. `preparing`: nothing decided, recovery aborts it. `committed`: the next
 * epoch is decided (this record and the key's new public data were written in one fenced
 * step), recovery finishes it.
 */
export const RefreshRecordSchema = z.object({
  name: z.string(),
  keyId: z.string(),
  version: z.number().int(),
  sessionId: z.string(),
  fromEpoch: z.number().int(),
  state: z.enum(["preparing", "committed"]),
  startedAt: z.number().int(),
});
export type RefreshRecord = z.infer<typeof RefreshRecordSchema>;

const MGET_CHUNK = 1_000;
/** Parsed records kept by their stored JSON, so an unchanged record is not validated again. */
const PARSED_RECORDS = 10_000;

/** Redis-backed registry of keys and in-flight refreshes, under `namespace`. */
export function createKeyRegistry(redis: Redis, namespace: string, leader: LeaderElection) {
  const versionKey = (name: string, version: number) => `${namespace}:key:${name}:v${version}`;
  const latestKey = (name: string) => `${namespace}:key:${name}:latest`;
  const refreshKey = (keyId: string, version: number) =>
    `${namespace}:refresh:${keyId}:v${version}`;
  /** Every key name, a sorted set (score 0, so ordered by name): pages without a scan. */
  const namesKey = `${namespace}:names`;
  const recordedListeners: ((rec: KeyRecord) => void)[] = [];
  const recorded = (rec: KeyRecord) => {
    for (const listener of recordedListeners) listener(rec);
  };

  // Least recently used first (a Map keeps insertion order): validating a record with zod is
  // most of what a page of ClusterStatus costs, and most records never change.
  const parsed = new Map<string, KeyRecord>();
  /** The record stored as `raw`, validated (frozen: it may be handed out again). */
  function parseRecord(raw: string): KeyRecord {
    let rec = parsed.get(raw);
    if (rec) {
      parsed.delete(raw);
    } else {
      rec = KeyRecordSchema.parse(JSON.parse(raw)) as KeyRecord;
      Object.freeze(rec.public.slots);
      Object.freeze(rec.public.commitments);
      Object.freeze(rec.public);
      Object.freeze(rec);
      if (parsed.size >= PARSED_RECORDS) parsed.delete(parsed.keys().next().value as string);
    }
    parsed.set(raw, rec);
    return rec;
  }

  /** MGET of `keys`, at most MGET_CHUNK per command so that no reply grows without bound. */
  async function mgetChunked(keys: readonly string[]): Promise<(string | null)[]> {
    const out: (string | null)[] = [];
    for (let i = 0; i < keys.length; i += MGET_CHUNK) {
      out.push(...(await redis.mget(keys.slice(i, i + MGET_CHUNK))));
    }
    return out;
  }

  async function fenced(
    sets: Record<string, string>,
    deletes: string[] = [],
    names?: readonly string[],
  ): Promise<void> {
    const index = names ? { key: namesKey, members: names } : undefined;
    if (!(await leader.fencedWrite(sets, deletes, index))) {
      throw new UnavailableError("this coordinator is not the leader; ask the leader");
    }
  }

  /** Every key name, found by scanning (what the name index is built from). */
  async function scanNames(): Promise<string[]> {
    const names: string[] = [];
    const prefix = `${namespace}:key:`;
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*:latest`, "COUNT", 500);
      cursor = next;
      for (const k of keys) names.push(k.slice(prefix.length, -":latest".length));
    } while (cursor !== "0");
    return names.sort();
  }

  /** Every version of the keys `names`, by name then version: two MGETs (in bounded chunks). */
  async function versionsOf(names: readonly string[]): Promise<KeyRecord[]> {
    const latest = await mgetChunked(names.map(latestKey));
    const wanted = names.flatMap((name, i) =>
      Array.from({ length: Number(latest[i]) || 0 }, (_, v) => versionKey(name, v + 1)),
    );
    const raws = await mgetChunked(wanted);
    return raws.flatMap((raw) => (raw ? [parseRecord(raw)] : []));
  }

  return {
    async get(name: string, version?: number): Promise<KeyRecord | undefined> {
      const v = version ?? Number(await redis.get(latestKey(name)));
      if (!v) return undefined;
      const raw = await redis.get(versionKey(name, v));
      return raw ? parseRecord(raw) : undefined;
    },

    /**
     * Every version of every key, by name then version (found by scanning, so it also sees keys
     * an older coordinator recorded before the name index existed). Reads every key: for the
     * leader's take-over and repair, not for answering callers (see `page`).
     */
    async list(): Promise<KeyRecord[]> {
      return versionsOf(await scanNames());
    },

    /**
     * One page of keys from the name index, by name: every version of up to `size` keys from
     * position `offset` on, the offset of the next page (none on the last page), and how many
     * keys there are. Three round trips whatever the number of keys. Keys are never removed, so
     * a key recorded meanwhile can only repeat one on the next page, never hide one.
     */
    async page(
      offset: number,
      size: number,
    ): Promise<{ records: KeyRecord[]; next?: number; total: number }> {
      const [names, total] = await Promise.all([
        redis.zrange(namesKey, offset, offset + size),
        redis.zcard(namesKey),
      ]);
      const more = names.length > size;
      return {
        records: await versionsOf(names.slice(0, size)),
        ...(more ? { next: offset + size } : {}),
        total,
      };
    },

    /**
     * Adds every recorded key name to the name index (keys recorded before it existed, or by an
     * older coordinator during a rolling update): idempotent, run by each new leader. Fenced,
     * 1,000 names per write. Returns how many names the registry has.
     */
    async indexNames(): Promise<number> {
      const names = await scanNames();
      for (let i = 0; i < names.length; i += MGET_CHUNK) {
        await fenced({}, [], names.slice(i, i + MGET_CHUNK));
      }
      return names.length;
    },

    /** Every recorded version of key `name`, oldest first (empty if there is no such key). */
    async versions(name: string): Promise<KeyRecord[]> {
      const latest = Number(await redis.get(latestKey(name)));
      if (!latest) return [];
      const raws = await redis.mget(
        Array.from({ length: latest }, (_, i) => versionKey(name, i + 1)),
      );
      return raws.flatMap((raw) => (raw ? [parseRecord(raw)] : []));
    },

    /**
     * Calls `listener` after every key record this registry wrote (a new version, a refresh's
     * next epoch): only the leader writes, so its listeners see every change while it leads.
     */
    onRecorded(listener: (rec: KeyRecord) => void): void {
      recordedListeners.push(listener);
    },

    /** Records a new key version and makes it the newest (fenced: only the leader decides). */
    async create(rec: KeyRecord): Promise<void> {
      await fenced(
        {
          [versionKey(rec.name, rec.version)]: JSON.stringify(rec),
          [latestKey(rec.name)]: String(rec.version),
        },
        [],
        [rec.name],
      );
      recorded(rec);
    },

    async getRefresh(keyId: string, version: number): Promise<RefreshRecord | undefined> {
      const raw = await redis.get(refreshKey(keyId, version));
      return raw ? RefreshRecordSchema.parse(JSON.parse(raw)) : undefined;
    },

    async listRefreshes(): Promise<RefreshRecord[]> {
      const out: RefreshRecord[] = [];
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(
          cursor,
          "MATCH",
          `${namespace}:refresh:*`,
          "COUNT",
          200,
        );
        cursor = next;
        for (const k of keys) {
          const raw = await redis.get(k);
          if (raw) out.push(RefreshRecordSchema.parse(JSON.parse(raw)));
        }
      } while (cursor !== "0");
      return out;
    },

    /** Phase one of a refresh is under way (durable, so a crash is recovered by aborting). */
    async beginRefresh(rec: RefreshRecord): Promise<void> {
      await fenced({ [refreshKey(rec.keyId, rec.version)]: JSON.stringify(rec) });
    },

    /** The commit decision: the refresh record and the key's next-epoch public data, atomically. */
    async commitRefresh(rec: RefreshRecord, next: KeyRecord): Promise<void> {
      await fenced({
        [refreshKey(rec.keyId, rec.version)]: JSON.stringify({ ...rec, state: "committed" }),
        [versionKey(next.name, next.version)]: JSON.stringify(next),
      });
      recorded(next);
    },

    async endRefresh(keyId: string, version: number): Promise<void> {
      await fenced({}, [refreshKey(keyId, version)]);
    },
  };
}

export type KeyRegistry = ReturnType<typeof createKeyRegistry>;
