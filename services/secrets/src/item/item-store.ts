import type { Redis } from "ioredis";
import type {
  DfcAlgorithm,
  DfcKeySpec,
  Item,
  ItemType,
  SealedKeySpec,
  VersionInfo,
} from "./item-types.js";

/** The ciphertext of a new version and the key it is under. */
export interface NewVersion {
  ciphertext: Uint8Array;
  /** "" keeps the item's key name. */
  keyName: string;
  keyVersion: number;
  nowMs: number;
}

/** Why a change to an existing item was not made. */
export type Refusal =
  | { refused: "missing" }
  | { refused: "wrong-type"; type: string }
  | { refused: "stale"; current: number }
  | { refused: "no-version"; current: number; oldest: number }
  | { refused: "conflict" }
  | { refused: "item-changed"; type: string; keyName: string }
  | { refused: "destroyed"; version: number };

/** Where items live; every change is one atomic Lua script. Deleted items read as missing. */
export interface ItemStore {
  /**
   * The item as stored, read back in the same script (one round trip); undefined when an item of
   * that name exists (deleted or not).
   */
  create(item: Item, first?: NewVersion): Promise<Item | undefined>;
  /**
   * Adds a version, pruning beyond max_versions; `expected` makes it a check-and-set, `item`
   * refuses it ("item-changed") unless the item still has that type and key name. The new
   * version and the item as it is after it, from the same script.
   */
  putVersion(
    name: string,
    version: NewVersion,
    expected?: number,
    item?: { type: string; keyName: string },
  ): Promise<{ version: number; item: Item } | Refusal>;
  /** One version (0 = newest) of each named item, read atomically per item. */
  readVersions(
    names: readonly string[],
    version: number,
  ): Promise<
    (Refusal | { type: ItemType; version: number; ciphertext: Buffer; info: VersionInfo })[]
  >;
  /** Items by name, deleted ones included (undefined where there is none). */
  items(names: readonly string[]): Promise<(Item | undefined)[]>;
  /** Names in byte order inside `range` after `after` (exclusive), at most `limit`. */
  names(range: { min: string; max: string }, after: string, limit: number): Promise<string[]>;
  /**
   * Destroys one kept version of a live static secret: its ciphertext is removed for good, its
   * metadata stays (marked destroyed). The item as it is after, from the same script; destroying
   * a destroyed version again changes nothing.
   */
  destroyVersion(name: string, version: number, nowMs: number): Promise<Item | Refusal>;
  /** Removes a deleted item and every version of it; refused unless it is deleted. */
  purge(name: string): Promise<"ok" | "not-deleted" | Refusal>;
  /** "unchanged" when the item already was (or was not) deleted. */
  setDeleted(name: string, deleted: boolean, nowMs: number): Promise<"ok" | "unchanged" | Refusal>;
  /** Records the next version of a dfc-key item; must be current + 1. */
  addKeyVersion(name: string, version: number, nowMs: number): Promise<"ok" | Refusal>;
  /** Replaces one kept version's ciphertext if it is still `expected`, byte for byte. */
  replaceCiphertext(
    name: string,
    version: number,
    expected: Uint8Array,
    next: Omit<NewVersion, "nowMs">,
  ): Promise<"ok" | Refusal>;
}

// Redis layout under the prefix:
//   item:<name>   hash  metadata: type, description, tags (JSON), createdAtMs, updatedAtMs,
//                       deleted (0/1), deletedAtMs, keyName, maxVersions, currentVersion,
//                       oldestVersion, dfcKey (JSON), lastRotatedAtMs, sealedKey (JSON)
//   ct:<name>     hash  version → ciphertext bytes (opaque; the gateway encrypted them)
//   vm:<name>     hash  version → "<createdAtMs>:<keyVersion>:<keyName>"
//   dv:<name>     hash  version → destroyedAtMs, for each destroyed version (its ct entry gone)
//   names         zset  every item name, score 0, so ZRANGEBYLEX lists a folder in name order
// Kept versions are always oldestVersion..currentVersion: pruning drops only the oldest.
// Scripts touch only the keys passed to them, but those keys share no hash tag: fine on a
// single (or replicated) Redis, Redis Cluster would need `{<name>}` tags.

const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {0} end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[5])
local fields = {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[2], '1', ARGV[3])
  redis.call('HSET', KEYS[3], '1', ARGV[4])
end
redis.call('ZADD', KEYS[4], 0, ARGV[1])
return {1, redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[3])}`;

// Shared head of the scripts that change the versions of a live static secret or sealed key.
const LIVE_VERSIONED = `
local f = redis.call('HMGET', KEYS[1], 'type', 'deleted', 'currentVersion', 'oldestVersion', 'maxVersions', 'keyName')
if not f[1] or f[2] == '1' then return {'missing'} end
if f[1] == 'dfc-key' then return {'wrong-type', f[1]} end
local current = tonumber(f[3])
local oldest = tonumber(f[4])
`;

const PUT_VERSION = `${LIVE_VERSIONED}
if ARGV[7] == '1' and (f[1] ~= ARGV[8] or (f[6] or '') ~= ARGV[9]) then return {'item-changed', f[1], f[6] or ''} end
if ARGV[1] == '1' and tonumber(ARGV[2]) ~= current then return {'stale', current} end
local keyName = ARGV[6]
if keyName == '' then keyName = f[6] end
local v = current + 1
redis.call('HSET', KEYS[2], tostring(v), ARGV[3])
redis.call('HSET', KEYS[3], tostring(v), ARGV[4] .. ':' .. ARGV[5] .. ':' .. keyName)
local max = tonumber(f[5])
while v - oldest + 1 > max do
  redis.call('HDEL', KEYS[2], tostring(oldest))
  redis.call('HDEL', KEYS[3], tostring(oldest))
  redis.call('HDEL', KEYS[4], tostring(oldest))
  oldest = oldest + 1
end
redis.call('HSET', KEYS[1], 'currentVersion', tostring(v), 'oldestVersion', tostring(oldest), 'updatedAtMs', ARGV[4], 'keyName', keyName)
return {'ok', v, redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[3]), redis.call('HGETALL', KEYS[4])}`;

const READ_VERSION = `
local f = redis.call('HMGET', KEYS[1], 'type', 'deleted', 'currentVersion', 'oldestVersion')
if not f[1] or f[2] == '1' then return {'missing'} end
if f[1] == 'dfc-key' then return {'wrong-type', f[1]} end
local v = tonumber(ARGV[1])
if v == 0 then v = tonumber(f[3]) end
if v > tonumber(f[3]) or v < tonumber(f[4]) then return {'no-version', f[3], f[4]} end
if redis.call('HEXISTS', KEYS[4], tostring(v)) == 1 then return {'destroyed', tostring(v)} end
return {'ok', f[1], tostring(v), redis.call('HGET', KEYS[2], tostring(v)), redis.call('HGET', KEYS[3], tostring(v))}`;

const SET_DELETED = `
local f = redis.call('HMGET', KEYS[1], 'type', 'deleted')
if not f[1] then return 'missing' end
if f[2] == ARGV[1] then return 'unchanged' end
local deletedAt = '0'
if ARGV[1] == '1' then deletedAt = ARGV[2] end
redis.call('HSET', KEYS[1], 'deleted', ARGV[1], 'deletedAtMs', deletedAt, 'updatedAtMs', ARGV[2])
return 'ok'`;

// KEYS: item, ct, vm, dv, names. ARGV: name.
const PURGE = `
local f = redis.call('HMGET', KEYS[1], 'type', 'deleted')
if not f[1] then return {'missing'} end
if f[1] == 'dfc-key' then return {'wrong-type', f[1]} end
if f[2] ~= '1' then return {'not-deleted'} end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
redis.call('ZREM', KEYS[5], ARGV[1])
return {'ok'}`;

// KEYS: item, ct, vm, dv. ARGV: version, nowMs.
const DESTROY_VERSION = `
local f = redis.call('HMGET', KEYS[1], 'type', 'deleted', 'currentVersion', 'oldestVersion')
if not f[1] or f[2] == '1' then return {'missing'} end
if f[1] ~= 'static-secret' then return {'wrong-type', f[1]} end
local v = tonumber(ARGV[1])
if v > tonumber(f[3]) or v < tonumber(f[4]) then return {'no-version', f[3], f[4]} end
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
  redis.call('HSET', KEYS[1], 'updatedAtMs', ARGV[2])
end
return {'ok', redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[3]), redis.call('HGETALL', KEYS[4])}`;

const ADD_KEY_VERSION = `
local f = redis.call('HMGET', KEYS[1], 'type', 'deleted', 'currentVersion')
if not f[1] or f[2] == '1' then return {'missing'} end
if f[1] ~= 'dfc-key' then return {'wrong-type', f[1]} end
if tonumber(ARGV[1]) ~= tonumber(f[3]) + 1 then return {'stale', tonumber(f[3])} end
redis.call('HSET', KEYS[1], 'currentVersion', ARGV[1], 'lastRotatedAtMs', ARGV[2], 'updatedAtMs', ARGV[2])
return {'ok'}`;

const REPLACE_CIPHERTEXT = `${LIVE_VERSIONED}
local v = tonumber(ARGV[1])
if v > current or v < oldest then return {'no-version', current, oldest} end
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return {'conflict'} end
local meta = redis.call('HGET', KEYS[3], ARGV[1]) or '0:0:'
local createdAt, oldKeyName = string.match(meta, '^(%d+):%d+:(.*)$')
local keyName = ARGV[5]
if keyName == '' then keyName = oldKeyName end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], createdAt .. ':' .. ARGV[4] .. ':' .. keyName)
if v == current then redis.call('HSET', KEYS[1], 'keyName', keyName) end
return {'ok'}`;

/** An ItemStore in Redis under `prefix` (e.g. `kf:secrets`). */
export function createItemStore(redis: Redis, prefix: string): ItemStore {
  const k = {
    item: (name: string) => `${prefix}:item:${name}`,
    ct: (name: string) => `${prefix}:ct:${name}`,
    vm: (name: string) => `${prefix}:vm:${name}`,
    dv: (name: string) => `${prefix}:dv:${name}`,
    names: `${prefix}:names`,
  };
  const keysOf = (name: string) => [k.item(name), k.ct(name), k.vm(name)] as const;
  /** keysOf and the destroyed versions. */
  const allKeysOf = (name: string) => [...keysOf(name), k.dv(name)] as const;
  // ioredis has a Buffer variant of every command but types only some; ciphertext must come
  // back as bytes, not as a string decoded from UTF-8.
  const evalBuffer = (
    redis as unknown as {
      evalBuffer(script: string, numKeys: number, ...args: (string | Buffer)[]): Promise<unknown>;
    }
  ).evalBuffer.bind(redis);

  return {
    async create(item, first) {
      const fields: Record<string, string> = {
        name: item.name,
        type: item.type,
        description: item.description,
        tags: JSON.stringify(item.tags),
        createdAtMs: String(item.createdAtMs),
        updatedAtMs: String(item.updatedAtMs),
        deleted: "0",
        deletedAtMs: "0",
        keyName: item.keyName,
        maxVersions: String(item.maxVersions),
        currentVersion: String(item.currentVersion),
        oldestVersion: first ? "1" : "0",
      };
      if (item.dfcKey) {
        const { currentVersion: _, lastRotatedAtMs, ...spec } = item.dfcKey;
        fields.dfcKey = JSON.stringify(spec);
        fields.lastRotatedAtMs = String(lastRotatedAtMs);
      }
      if (item.sealedKey) fields.sealedKey = JSON.stringify(item.sealedKey);
      const created = (await redis.eval(
        CREATE,
        5,
        ...keysOf(item.name),
        k.names,
        k.dv(item.name),
        item.name,
        first ? "1" : "0",
        first ? Buffer.from(first.ciphertext) : "",
        first ? versionMeta(first.nowMs, first.keyVersion, first.keyName || item.keyName) : "",
        ...Object.entries(fields).flat(),
      )) as [number, string[]?, string[]?];
      return created[0] === 1 ? storedItem(item.name, created[1], created[2]) : undefined;
    },

    async putVersion(name, version, expected, item) {
      const result = (await redis.eval(
        PUT_VERSION,
        4,
        ...allKeysOf(name),
        expected === undefined ? "0" : "1",
        String(expected ?? 0),
        Buffer.from(version.ciphertext),
        String(version.nowMs),
        String(version.keyVersion),
        version.keyName,
        item ? "1" : "0",
        item?.type ?? "",
        item?.keyName ?? "",
      )) as [string, ...unknown[]];
      if (result[0] !== "ok") return refusal(result);
      return {
        version: Number(result[1]),
        item: storedItem(name, result[2] as string[], result[3] as string[], result[4] as string[]),
      };
    },

    async readVersions(names, version) {
      if (names.length === 0) return [];
      // One script per item: each read is atomic against a concurrent put that prunes.
      const results = await Promise.all(
        names.map(
          (name) =>
            evalBuffer(READ_VERSION, 4, ...allKeysOf(name), String(version)) as Promise<
              (Buffer | number | null)[]
            >,
        ),
      );
      return results.map((raw) => {
        const status = String(raw[0]);
        if (status !== "ok") return refusal([status, ...raw.slice(1).map((v) => String(v))]);
        const v = Number(String(raw[2]));
        const info = parseVersionMeta(v, String(raw[4] ?? ""));
        return {
          type: String(raw[1]) as ItemType,
          version: v,
          ciphertext: raw[3] instanceof Buffer ? raw[3] : Buffer.alloc(0),
          info,
        };
      });
    },

    async items(names) {
      if (names.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const name of names) {
        pipeline.hgetall(k.item(name)).hgetall(k.vm(name)).hgetall(k.dv(name));
      }
      const results = (await pipeline.exec()) ?? [];
      return names.map((name, i) => {
        const [metaErr, meta] = results[3 * i] ?? [];
        const [vmErr, vm] = results[3 * i + 1] ?? [];
        const [dvErr, dv] = results[3 * i + 2] ?? [];
        if (metaErr) throw metaErr;
        if (vmErr) throw vmErr;
        if (dvErr) throw dvErr;
        return decodeItem(
          name,
          meta as Record<string, string>,
          vm as Record<string, string>,
          dv as Record<string, string>,
        );
      });
    },

    names(range, after, limit) {
      return redis.zrangebylex(
        k.names,
        after ? `(${after}` : range.min,
        range.max,
        "LIMIT",
        0,
        limit,
      );
    },

    async purge(name) {
      const result = (await redis.eval(PURGE, 5, ...allKeysOf(name), k.names, name)) as [
        string,
        ...unknown[],
      ];
      if (result[0] === "ok" || result[0] === "not-deleted") return result[0];
      return refusal(result);
    },

    async destroyVersion(name, version, nowMs) {
      const result = (await redis.eval(
        DESTROY_VERSION,
        4,
        ...allKeysOf(name),
        String(version),
        String(nowMs),
      )) as [string, ...unknown[]];
      if (result[0] !== "ok") return refusal(result);
      return storedItem(name, result[1] as string[], result[2] as string[], result[3] as string[]);
    },

    async setDeleted(name, deleted, nowMs) {
      const result = (await redis.eval(
        SET_DELETED,
        1,
        k.item(name),
        deleted ? "1" : "0",
        String(nowMs),
      )) as string;
      return result === "ok" || result === "unchanged" ? result : { refused: "missing" };
    },

    async addKeyVersion(name, version, nowMs) {
      const result = (await redis.eval(
        ADD_KEY_VERSION,
        1,
        k.item(name),
        String(version),
        String(nowMs),
      )) as [string, ...unknown[]];
      return result[0] === "ok" ? "ok" : refusal(result);
    },

    async replaceCiphertext(name, version, expected, next) {
      const result = (await redis.eval(
        REPLACE_CIPHERTEXT,
        3,
        ...keysOf(name),
        String(version),
        Buffer.from(expected),
        Buffer.from(next.ciphertext),
        String(next.keyVersion),
        next.keyName,
      )) as [string, ...unknown[]];
      return result[0] === "ok" ? "ok" : refusal(result);
    },
  };
}

function refusal(result: readonly unknown[]): Refusal {
  switch (result[0]) {
    case "wrong-type":
      return { refused: "wrong-type", type: String(result[1]) };
    case "stale":
      return { refused: "stale", current: Number(result[1]) };
    case "no-version":
      return { refused: "no-version", current: Number(result[1]), oldest: Number(result[2]) };
    case "conflict":
      return { refused: "conflict" };
    case "item-changed":
      return { refused: "item-changed", type: String(result[1]), keyName: String(result[2]) };
    case "destroyed":
      return { refused: "destroyed", version: Number(result[1]) };
    default:
      return { refused: "missing" };
  }
}

function versionMeta(createdAtMs: number, keyVersion: number, keyName: string): string {
  return `${createdAtMs}:${keyVersion}:${keyName}`;
}

/** Splits "<createdAtMs>:<keyVersion>:<keyName>" (key names may hold ":", numbers cannot). */
function parseVersionMeta(version: number, meta: string): VersionInfo {
  const first = meta.indexOf(":");
  const second = meta.indexOf(":", first + 1);
  return {
    version,
    createdAtMs: Number(meta.slice(0, first)) || 0,
    keyVersion: Number(meta.slice(first + 1, second)) || 0,
    keyName: second < 0 ? "" : meta.slice(second + 1),
  };
}

/** An item from the flat HGETALL replies of its hash and its version metadata. */
function storedItem(
  name: string,
  meta: string[] | undefined,
  vm: string[] | undefined,
  dv?: string[],
): Item {
  const pairs = (flat: string[] | undefined) => {
    const out: Record<string, string> = {};
    for (let i = 0; flat && i + 1 < flat.length; i += 2)
      out[flat[i] as string] = flat[i + 1] as string;
    return out;
  };
  const item = decodeItem(name, pairs(meta), pairs(vm), pairs(dv));
  if (!item) throw new Error(`item ${JSON.stringify(name)} was not stored as written`);
  return item;
}

function decodeItem(
  name: string,
  meta: Record<string, string> | undefined,
  vm: Record<string, string> | undefined,
  dv?: Record<string, string>,
): Item | undefined {
  if (!meta?.type) return undefined;
  const type = meta.type as ItemType;
  const currentVersion = Number(meta.currentVersion) || 0;
  const oldest = Number(meta.oldestVersion) || 0;
  const versions: VersionInfo[] = [];
  if (oldest > 0) {
    for (let v = oldest; v <= currentVersion; v++) {
      const m = vm?.[String(v)];
      if (m === undefined) continue;
      const destroyedAt = dv?.[String(v)];
      versions.push({
        ...parseVersionMeta(v, m),
        ...(destroyedAt ? { destroyedAtMs: Number(destroyedAt) || 0 } : {}),
      });
    }
  }
  const item: Item = {
    name,
    type,
    description: meta.description ?? "",
    tags: meta.tags ? (JSON.parse(meta.tags) as string[]) : [],
    createdAtMs: Number(meta.createdAtMs) || 0,
    updatedAtMs: Number(meta.updatedAtMs) || 0,
    deleted: meta.deleted === "1",
    deletedAtMs: Number(meta.deletedAtMs) || 0,
    keyName: meta.keyName ?? "",
    maxVersions: Number(meta.maxVersions) || 0,
    currentVersion,
    versions,
  };
  if (meta.dfcKey) {
    const spec = JSON.parse(meta.dfcKey) as Omit<DfcKeySpec, "currentVersion" | "lastRotatedAtMs">;
    item.dfcKey = {
      ...spec,
      algorithm: spec.algorithm as DfcAlgorithm,
      currentVersion,
      lastRotatedAtMs: Number(meta.lastRotatedAtMs) || 0,
    };
  }
  if (meta.sealedKey) item.sealedKey = JSON.parse(meta.sealedKey) as SealedKeySpec;
  return item;
}
