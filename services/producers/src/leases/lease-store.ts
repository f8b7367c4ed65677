/**
 * Leases in Redis. Each lease is one JSON value plus its entries in the indexes, written
 * together in a MULTI so no index ever names a lease that is not there:
 *   leases               all lease ids (lexicographic, for listing and revoking by prefix)
 *   ds-leases:<secret>   ids of one dynamic secret's leases (blocks deleting the secret)
 *   target-users:<t>     user name on target t → lease id (what the orphan sweeper spares)
 *   expiry               id by expiry time (the safety net that re-queues lost revocations)
 *   revoke-failed        ids of leases in state revoke-failed (lexicographic, as leases)
 * A revoked lease leaves its history behind for a retention period: `revoked-lease:<id>` (the
 * record in state revoked, expiring on its own) and `revoked-leases` (its id, lexicographic;
 * entries whose record expired are dropped as listings meet them).
 */
import { NotFoundError, UnavailableError } from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import { lexEnd } from "../catalog/catalog-store.js";

export const LEASE_STATES = ["creating", "active", "revoking", "revoke-failed", "revoked"] as const;
export type LeaseState = (typeof LEASE_STATES)[number];

export interface LeaseRecord {
  /** `<dynamic secret name>/<random>`. */
  id: string;
  dynamicSecret: string;
  target: string;
  type: string;
  /** The user's name on the target, or the webhook's id (empty until it answered). */
  externalId: string;
  createdAtMs: number;
  expiresAtMs: number;
  maxExpiresAtMs: number;
  state: LeaseState;
  lastError: string;
  failingSinceMs: number;
  revokeAttempts: number;
  accessId: string;
  /** When its credential was revoked (a revoked lease's history record only). */
  revokedAtMs?: number;
}

// KEYS: lease, all, ds-leases, expiry, target-users, the dynamic secret's catalog record
// ARGV: id, json, expiresAtMs, externalId ("" = none)
// A lease is written only while its dynamic secret exists: DeleteDynamicSecret (which refuses
// while ds-leases is not empty) and an issue cannot pass each other.
const CREATE = `
if redis.call('EXISTS', KEYS[6]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[5], ARGV[4], ARGV[1]) end
return 1`;

// KEYS: lease, expiry, revoke-failed, target-users
// ARGV: the value read, the new value, id, expiresAtMs, "1" if revoke-failed, externalId
// Compare-and-set: a change computed from a lease that changed meanwhile is not written.
const SWAP = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if current ~= ARGV[1] then return -1 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
if ARGV[5] == '1' then redis.call('ZADD', KEYS[3], 0, ARGV[3]) else redis.call('ZREM', KEYS[3], ARGV[3]) end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[4], ARGV[6], ARGV[3]) end
return 1`;

/** The random part of a lease id: also the id of its revocation job (BullMQ forbids ":"). */
export const leaseToken = (id: string) => id.slice(id.lastIndexOf("/") + 1);

/** Creates the lease store under `prefix` (e.g. `kf:producers`). */
export function createLeaseStore(redis: Redis, prefix: string) {
  const leaseKey = (id: string) => `${prefix}:lease:${id}`;
  const all = `${prefix}:leases`;
  const bySecret = (name: string) => `${prefix}:ds-leases:${name}`;
  const targetUsers = (target: string) => `${prefix}:target-users:${target}`;
  const expiry = `${prefix}:expiry`;
  const failed = `${prefix}:revoke-failed`;
  const revokedKey = (id: string) => `${prefix}:revoked-lease:${id}`;
  const revoked = `${prefix}:revoked-leases`;
  /** The catalog's record of a dynamic secret (catalog-store.ts, same prefix). */
  const secretRecord = (name: string) => `${prefix}:ds:${name}`;

  return {
    /**
     * Writes a new lease and its index entries, only while its dynamic secret exists; false
     * (nothing written) when it was deleted.
     */
    async create(lease: LeaseRecord): Promise<boolean> {
      const written = await redis.eval(
        CREATE,
        6,
        leaseKey(lease.id),
        all,
        bySecret(lease.dynamicSecret),
        expiry,
        targetUsers(lease.target),
        secretRecord(lease.dynamicSecret),
        lease.id,
        JSON.stringify(lease),
        lease.expiresAtMs,
        lease.target ? lease.externalId : "",
      );
      return written === 1;
    },

    /**
     * Changes a lease as `change` says, computed from its current value and written only if
     * nobody changed it meanwhile (else computed again); undefined if the lease is gone, or if
     * `change` returns undefined (nothing to do).
     */
    async change(
      id: string,
      change: (current: LeaseRecord) => LeaseRecord | undefined,
    ): Promise<LeaseRecord | undefined> {
      for (let attempt = 0; attempt < 50; attempt++) {
        const raw = await redis.get(leaseKey(id));
        if (!raw) return undefined;
        const next = change(JSON.parse(raw) as LeaseRecord);
        if (!next) return undefined;
        const result = await redis.eval(
          SWAP,
          4,
          leaseKey(id),
          expiry,
          failed,
          targetUsers(next.target),
          raw,
          JSON.stringify(next),
          id,
          next.expiresAtMs,
          next.state === "revoke-failed" ? "1" : "0",
          next.target ? next.externalId : "",
        );
        if (result === 1) return next;
        if (result === 0) return undefined;
      }
      throw new UnavailableError(`lease ${id} changes too often to be updated; try again`);
    },

    async get(id: string): Promise<LeaseRecord | undefined> {
      const value = await redis.get(leaseKey(id));
      return value ? (JSON.parse(value) as LeaseRecord) : undefined;
    },

    async require(id: string): Promise<LeaseRecord> {
      const lease = await this.get(id);
      if (!lease) throw new NotFoundError(`lease ${id} not found`);
      return lease;
    },

    /**
     * Removes a lease and every index entry; false if it was already gone. `keepForMs` (> 0):
     * its credential was revoked, and its record stays readable, in state revoked, that long.
     */
    async remove(lease: LeaseRecord, keepForMs = 0): Promise<boolean> {
      const tx = redis
        .multi()
        .del(leaseKey(lease.id))
        .zrem(all, lease.id)
        .srem(bySecret(lease.dynamicSecret), lease.id)
        .zrem(expiry, lease.id)
        .zrem(failed, lease.id);
      if (lease.target && lease.externalId) tx.hdel(targetUsers(lease.target), lease.externalId);
      if (keepForMs > 0) {
        const history: LeaseRecord = { ...lease, state: "revoked", revokedAtMs: Date.now() };
        tx.set(revokedKey(lease.id), JSON.stringify(history), "PX", keepForMs);
        tx.zadd(revoked, 0, lease.id);
      }
      const results = await tx.exec();
      return results?.[0]?.[1] === 1;
    },

    /** A revoked lease's history record, while it is kept. */
    async getRevoked(id: string): Promise<LeaseRecord | undefined> {
      const value = await redis.get(revokedKey(id));
      return value ? (JSON.parse(value) as LeaseRecord) : undefined;
    },

    /** Ids of kept revoked leases under `prefix`, in order, after `after` (exclusive). */
    async revokedIds(prefix: string, limit: number, after = ""): Promise<string[]> {
      const start = after ? `(${after}` : prefix ? `[${prefix}` : "-";
      return redis.zrangebylex(revoked, start, prefix ? lexEnd(prefix) : "+", "LIMIT", 0, limit);
    },

    /** The history records of `ids` still kept; ids whose record expired leave the index. */
    async manyRevoked(ids: readonly string[]): Promise<LeaseRecord[]> {
      if (ids.length === 0) return [];
      const values = await redis.mget(ids.map(revokedKey));
      const gone = ids.filter((_, i) => !values[i]);
      if (gone.length > 0) await redis.zrem(revoked, ...gone);
      return values.flatMap((v) => (v ? [JSON.parse(v) as LeaseRecord] : []));
    },

    /**
     * Ids of leases whose id starts with `prefix`, in order, after `after` (exclusive); with
     * `onlyFailed`, of those in state revoke-failed (their own index: no scan of every lease).
     */
    async ids(prefix: string, limit: number, after = "", onlyFailed = false): Promise<string[]> {
      const start = after ? `(${after}` : prefix ? `[${prefix}` : "-";
      const index = onlyFailed ? failed : all;
      return redis.zrangebylex(index, start, prefix ? lexEnd(prefix) : "+", "LIMIT", 0, limit);
    },

    async many(ids: readonly string[]): Promise<LeaseRecord[]> {
      if (ids.length === 0) return [];
      const values = await redis.mget(ids.map(leaseKey));
      return values.flatMap((v) => (v ? [JSON.parse(v) as LeaseRecord] : []));
    },

    /** Ids of leases that expired before `beforeMs` and still exist (oldest first). */
    async expiredIds(beforeMs: number, limit: number, offset = 0): Promise<string[]> {
      return redis.zrangebyscore(expiry, "-inf", beforeMs, "LIMIT", offset, limit);
    },

    /** User name → lease id of every user with a lease on `target`. */
    async usersOf(target: string): Promise<Map<string, string>> {
      return new Map(Object.entries(await redis.hgetall(targetUsers(target))));
    },

    async count(): Promise<number> {
      return redis.zcard(all);
    },
  };
}

export type LeaseStore = ReturnType<typeof createLeaseStore>;
