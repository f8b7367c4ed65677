/** Auth methods in Redis: one JSON record per access id, a name index, a sorted name list. */
import { randomInt } from "node:crypto";
import { ConflictError, InvalidArgumentError, quote } from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import { type StoredMethod, StoredMethodSchema } from "./method-types.js";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `p-` + 14 random lowercase alphanumerics (~72 bits). */
export function newAccessId(): string {
  let id = "p-";
  for (let i = 0; i < 14; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export interface MethodStore {
  /** Stores a new method; ConflictError when the name is taken. */
  create(method: StoredMethod): Promise<void>;
  byAccessId(accessId: string): Promise<StoredMethod | undefined>;
  byName(name: string): Promise<StoredMethod | undefined>;
  /** Methods in name order after `after` (exclusive). */
  list(after: string, limit: number): Promise<{ methods: StoredMethod[]; more: boolean }>;
  /** Removes a method; false when it did not exist. */
  delete(method: StoredMethod): Promise<boolean>;
}

const CREATE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], 0, ARGV[3])
return 1`;

/** The Redis-backed method store under `prefix` (e.g. `kf:auth`). */
export function createMethodStore(redis: Redis, prefix: string): MethodStore {
  const recordKey = (accessId: string) => `${prefix}:method:${accessId}`;
  const nameKey = (name: string) => `${prefix}:method-name:${name}`;
  const namesKey = `${prefix}:method-names`;

  function parse(json: string | null): StoredMethod | undefined {
    return json === null ? undefined : StoredMethodSchema.parse(JSON.parse(json));
  }

  async function byAccessId(accessId: string): Promise<StoredMethod | undefined> {
    return parse(await redis.get(recordKey(accessId)));
  }

  return {
    async create(method) {
      // One script claims the name and writes the record: no reader ever sees a claimed name
      // without its record, and a crash cannot leave one behind.
      const created = await redis.eval(
        CREATE,
        3,
        nameKey(method.name),
        recordKey(method.accessId),
        namesKey,
        method.accessId,
        JSON.stringify(method),
        method.name,
      );
      if (Number(created) !== 1) {
        throw new ConflictError(`an auth method named ${quote(method.name)} exists`);
      }
    },
    byAccessId,
    async byName(name) {
      const accessId = await redis.get(nameKey(name));
      return accessId ? byAccessId(accessId) : undefined;
    },
    async list(after, limit) {
      const names = await redis.zrangebylex(
        namesKey,
        after ? `(${after}` : "-",
        "+",
        "LIMIT",
        0,
        limit + 1,
      );
      const page = names.slice(0, limit);
      const ids = page.length ? await redis.mget(page.map(nameKey)) : [];
      const records = ids.length
        ? await redis.mget(ids.filter((id): id is string => !!id).map(recordKey))
        : [];
      const methods = records.map(parse).filter((m): m is StoredMethod => m !== undefined);
      return { methods, more: names.length > limit };
    },
    async delete(method) {
      const [[, removed] = []] =
        (await redis
          .multi()
          .del(recordKey(method.accessId))
          .del(nameKey(method.name))
          .zrem(namesKey, method.name)
          .exec()) ?? [];
      return removed === 1;
    },
  };
}

/** Encodes a page token (the last name of the page). */
export function pageToken(lastName: string): string {
  return Buffer.from(lastName, "utf8").toString("base64url");
}

/** Decodes a page token; InvalidArgumentError when it is not one of ours. */
export function parsePageToken(token: string): string {
  if (!token) return "";
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) {
    throw new InvalidArgumentError("page_token is not a token from a previous page");
  }
  return Buffer.from(token, "base64url").toString("utf8");
}
