/**
 * Targets and dynamic secrets in Redis: one JSON value per record and a lexicographic index
 * (sorted set, score 0) for listing by folder prefix with pagination.
 */
import { ConflictError, FailedPreconditionError, NotFoundError } from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import type { DynamicSecretRecord, TargetRecord } from "./catalog-types.js";

export interface Page<T> {
  records: T[];
  nextPageToken: string;
}

// KEYS: record, index, uses-set (of the referenced target, or "" key unused); ARGV: name, json
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if KEYS[3] ~= KEYS[1] and redis.call('EXISTS', KEYS[4]) == 0 then return -1 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
if KEYS[3] ~= KEYS[1] then redis.call('SADD', KEYS[3], ARGV[1]) end
return 1`;

// KEYS: record, index, blockers (set that must be empty), uses-set of the target (or record)
const DELETE = `
local value = redis.call('GET', KEYS[1])
if not value then return false end
if redis.call('SCARD', KEYS[3]) > 0 then return {err = 'in use'} end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if KEYS[4] ~= KEYS[1] then redis.call('SREM', KEYS[4], ARGV[1]) end
return value`;

// KEYS: target record, its target-users hash (lease store); ARGV: json, "1" to refuse while
// the hash is not empty. Returns 1 saved, 0 no such target, -N refused (N users).
const REPLACE_TARGET = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[2] == '1' then
  local users = redis.call('HLEN', KEYS[2])
  if users > 0 then return -users end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;

/** The exclusive end of a lexicographic range holding every string that starts with `prefix`. */
export function lexEnd(prefix: string): Buffer {
  // 0xff never occurs in UTF-8, so it sorts after every continuation of the prefix.
  return Buffer.concat([Buffer.from(`[${prefix}`), Buffer.from([0xff])]);
}

/** Creates the catalog store under `prefix` (e.g. `kf:producers`). */
export function createCatalogStore(redis: Redis, prefix: string) {
  const targetKey = (name: string) => `${prefix}:target:${name}`;
  const secretKey = (name: string) => `${prefix}:ds:${name}`;
  const targetUses = (name: string) => `${prefix}:target-uses:${name}`;
  /** Lease ids of a dynamic secret (kept by the lease store). */
  const secretLeases = (name: string) => `${prefix}:ds-leases:${name}`;
  /** User name → lease id of a target's users (kept by the lease store). */
  const targetUsers = (name: string) => `${prefix}:target-users:${name}`;
  const targetIndex = `${prefix}:targets`;
  const secretIndex = `${prefix}:dss`;

  async function list<T>(
    index: string,
    key: (name: string) => string,
    folder: string,
    pageSize: number,
    pageToken: string,
  ): Promise<Page<T>> {
    const size = Math.min(Math.max(pageSize || 100, 1), 1000);
    const start = pageToken ? `(${pageToken}` : folder ? `[${folder}` : "-";
    const end = folder ? lexEnd(folder) : "+";
    const names = await redis.zrangebylex(index, start, end, "LIMIT", 0, size + 1);
    const page = names.slice(0, size);
    const values = page.length ? await redis.mget(page.map(key)) : [];
    const records = values.flatMap((v) => (v ? [JSON.parse(v) as T] : []));
    return { records, nextPageToken: names.length > size ? (page.at(-1) ?? "") : "" };
  }

  return {
    async createTarget(record: TargetRecord): Promise<void> {
      const key = targetKey(record.name);
      const created = await redis.eval(
        CREATE,
        4,
        key,
        targetIndex,
        key,
        key,
        record.name,
        JSON.stringify(record),
      );
      if (created === 0) throw new ConflictError(`target ${record.name} already exists`);
    },

    async getTarget(name: string): Promise<TargetRecord> {
      const value = await redis.get(targetKey(name));
      if (!value) throw new NotFoundError(`target ${name} not found`);
      return JSON.parse(value) as TargetRecord;
    },

    /**
     * Saves a changed target if it still exists. `unlessLeased`: only while no lease has a user
     * on it (checked in the same step); else the lease ids of some of its users in the error.
     */
    async replaceTarget(
      record: TargetRecord,
      unlessLeased?: (users: number, someLeases: string[]) => Error,
    ): Promise<void> {
      const users = targetUsers(record.name);
      const saved = Number(
        await redis.eval(
          REPLACE_TARGET,
          2,
          targetKey(record.name),
          users,
          JSON.stringify(record),
          unlessLeased ? "1" : "0",
        ),
      );
      if (saved === 0) throw new NotFoundError(`target ${record.name} not found`);
      if (saved < 0 && unlessLeased) {
        const some = (await redis.hrandfield(users, 3, "WITHVALUES")) as string[];
        throw unlessLeased(-saved, some.filter((_, i) => i % 2 === 1).sort());
      }
    },

    listTargets: (folder: string, pageSize: number, pageToken: string) =>
      list<TargetRecord>(targetIndex, targetKey, folder, pageSize, pageToken),

    async allTargets(): Promise<string[]> {
      return redis.zrangebylex(targetIndex, "-", "+");
    },

    async deleteTarget(name: string): Promise<TargetRecord> {
      const key = targetKey(name);
      try {
        const value = await redis.eval(DELETE, 4, key, targetIndex, targetUses(name), key, name);
        if (!value) throw new NotFoundError(`target ${name} not found`);
        return JSON.parse(String(value)) as TargetRecord;
      } catch (err) {
        if (err instanceof Error && /in use/.test(err.message)) {
          const users = await redis.srandmember(targetUses(name), 3);
          throw new FailedPreconditionError(
            `target ${name} is used by dynamic secrets (${users.join(", ")}); delete them first`,
          );
        }
        throw err;
      }
    },

    async createSecret(record: DynamicSecretRecord): Promise<void> {
      const key = secretKey(record.name);
      const uses = record.target ? targetUses(record.target) : key;
      const keys = [key, secretIndex, uses, record.target ? targetKey(record.target) : key];
      const created = await redis.eval(CREATE, 4, ...keys, record.name, JSON.stringify(record));
      if (created === 0) throw new ConflictError(`dynamic secret ${record.name} already exists`);
      if (created === -1) throw new NotFoundError(`target ${record.target} not found`);
    },

    async getSecret(name: string): Promise<DynamicSecretRecord> {
      const value = await redis.get(secretKey(name));
      if (!value) throw new NotFoundError(`dynamic secret ${name} not found`);
      return JSON.parse(value) as DynamicSecretRecord;
    },

    listSecrets: (folder: string, pageSize: number, pageToken: string) =>
      list<DynamicSecretRecord>(secretIndex, secretKey, folder, pageSize, pageToken),

    /** Saves a changed dynamic secret if it still exists. */
    async replaceSecret(record: DynamicSecretRecord): Promise<void> {
      const saved = await redis.set(secretKey(record.name), JSON.stringify(record), "XX");
      if (saved !== "OK") throw new NotFoundError(`dynamic secret ${record.name} not found`);
    },

    /**
     * Saves a changed dynamic secret only if it is still `before` (no rotation or other update
     * came in between; their change would be lost otherwise).
     */
    async replaceSecretIf(before: DynamicSecretRecord, after: DynamicSecretRecord): Promise<void> {
      // Records are stored as JSON.stringify wrote them, so the same record is the same string.
      const saved = await redis.eval(
        "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end redis.call('SET', KEYS[1], ARGV[2]) return 1",
        1,
        secretKey(after.name),
        JSON.stringify(before),
        JSON.stringify(after),
      );
      if (saved !== 1) {
        await this.getSecret(after.name);
        throw new ConflictError(`dynamic secret ${after.name} changed meanwhile; try again`);
      }
    },

    async deleteSecret(name: string): Promise<DynamicSecretRecord> {
      const current = await this.getSecret(name);
      const key = secretKey(name);
      const uses = current.target ? targetUses(current.target) : key;
      try {
        const value = await redis.eval(DELETE, 4, key, secretIndex, secretLeases(name), uses, name);
        if (!value) throw new NotFoundError(`dynamic secret ${name} not found`);
        return JSON.parse(String(value)) as DynamicSecretRecord;
      } catch (err) {
        if (err instanceof Error && /in use/.test(err.message)) {
          throw new FailedPreconditionError(
            `dynamic secret ${name} has live leases; revoke them first (revoke-leases --prefix ${name}/)`,
          );
        }
        throw err;
      }
    },
  };
}

export type CatalogStore = ReturnType<typeof createCatalogStore>;
