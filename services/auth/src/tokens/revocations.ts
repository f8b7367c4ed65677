/**
 * Revocations: one token (by jti, until its exp) or every token of an access id issued so far
 * (until no such token can still be live). Kept in a Redis hash, pruned when expired, and
 * announced on NATS so verifiers learn of them at once.
 */
import { type Revocation, RevocationSchema } from "@keyfrag/auth-client";
import { type NatsConnection, publishJson, subjects } from "@keyfrag/bus";
import type { Redis } from "ioredis";

export interface Revocations {
  /** Records and announces a revocation (verifiers take it as a hint to re-list). */
  add(revocation: Revocation): Promise<void>;
  /** Every revocation still in force. */
  list(): Promise<Revocation[]>;
}

/** The revocation list under `prefix`. */
export function createRevocations(deps: {
  redis: Redis;
  prefix: string;
  nc: NatsConnection;
  cluster: string;
}): Revocations {
  const hashKey = `${deps.prefix}:revocations`;
  const field = (r: Revocation) => ("jti" in r ? `jti:${r.jti}` : `access:${r.accessId}`);

  return {
    async add(revocation) {
      let stored = revocation;
      if ("accessId" in revocation) {
        // A second revocation of an access id extends the first, never shortens it.
        const prev = await deps.redis.hget(hashKey, field(revocation));
        const old = prev ? RevocationSchema.safeParse(JSON.parse(prev)) : undefined;
        if (old?.success && "accessId" in old.data) {
          stored = {
            accessId: revocation.accessId,
            issuedBeforeMs: Math.max(old.data.issuedBeforeMs, revocation.issuedBeforeMs),
            expiresAtMs: Math.max(old.data.expiresAtMs, revocation.expiresAtMs),
          };
        }
      }
      await deps.redis.hset(hashKey, field(stored), JSON.stringify(stored));
      publishJson(deps.nc, subjects(deps.cluster).authRevocations, stored);
      // Answer only once the announcement has left for the server: a caller told "revoked"
      // must not find verifiers that were never told.
      await deps.nc.flush();
    },
    async list() {
      const now = Date.now();
      const live: Revocation[] = [];
      const expired: string[] = [];
      for (const [name, json] of Object.entries(await deps.redis.hgetall(hashKey))) {
        const parsed = RevocationSchema.safeParse(JSON.parse(json));
        if (!parsed.success || parsed.data.expiresAtMs < now) expired.push(name);
        else live.push(parsed.data);
      }
      if (expired.length) await deps.redis.hdel(hashKey, ...expired);
      return live;
    },
  };
}
