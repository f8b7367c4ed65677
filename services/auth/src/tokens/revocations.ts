/**
 * Revocations: one token (by jti, until its exp) or every token of an access id issued so far
 * (until no such token can still be live). Kept in a Redis hash, pruned when expired, listed in
 * pages, and announced on NATS so verifiers learn of them at once. Token revocations are bounded
 * per access id (MAX_TOKEN_REVOCATIONS_PER_ACCESS_ID), then folded into one of the access id.
 */
import { type Revocation, RevocationSchema } from "@keyfrag/auth-client";
import { type NatsConnection, publishJson, subjects } from "@keyfrag/bus";
import { InvalidArgumentError } from "@keyfrag/rpc";
import type { Redis } from "ioredis";

/**
 * Revoked tokens counted per access id before they are folded into one revocation of the
 * access id: without a bound, one identity that logs in and revokes its own token over and over
 * grows the list every verifier reads without limit.
 */
export const MAX_TOKEN_REVOCATIONS_PER_ACCESS_ID = 100;

/** One token's revocation, with what is needed to fold it into its access id's. */
export interface TokenRevocation {
  jti: string;
  expiresAtMs: number;
  /** The token's `sub`. */
  accessId: string;
  /** The token's `kf_iat_ms`. */
  issuedAtMs: number;
}

/** Every token of an access id issued at or before `issuedBeforeMs`. */
export type AccessIdRevocation = Extract<Revocation, { accessId: string }>;

/** One page of the list; `nextPageToken` is empty on the last page. */
export interface RevocationPage {
  revocations: Revocation[];
  nextPageToken: string;
}

export interface Revocations {
  /** Records and announces a revocation (verifiers take it as a hint to re-list). */
  add(revocation: TokenRevocation | AccessIdRevocation): Promise<void>;
  /** A page of the revocations still in force (HSCAN: `pageSize` is a hint). */
  page(pageToken: string, pageSize: number): Promise<RevocationPage>;
  /** Every revocation still in force (all pages). */
  list(): Promise<Revocation[]>;
}

// One atomic step per revocation, whichever replica makes it. KEYS[1]: the revocation hash;
// KEYS[2]: the access id's index of revoked tokens (jti -> kf_iat_ms). ARGV: mode ('token' or
// 'access'), access id, now; token: jti, expiresAtMs, issuedAtMs, limit; access: issuedBeforeMs,
// expiresAtMs. Returns the revocation now in force, as stored.
const ADD_REVOCATION = `
local hash, index = KEYS[1], KEYS[2]
local accessId, now = ARGV[2], tonumber(ARGV[3])
local function stored(field)
  local json = redis.call('HGET', hash, field)
  if not json then return nil end
  local ok, rev = pcall(cjson.decode, json)
  if not ok or type(rev) ~= 'table' or type(rev.expiresAtMs) ~= 'number' then return nil end
  return rev, json
end
-- A later revocation of an access id extends the earlier one, never shortens it; the token
-- revocations it covers (issued before it, expiring no later) are dropped.
local function revokeAccess(issuedBefore, expiresAt)
  local prev = stored('access:' .. accessId)
  if prev and type(prev.issuedBeforeMs) == 'number' then
    issuedBefore = math.max(issuedBefore, prev.issuedBeforeMs)
    expiresAt = math.max(expiresAt, prev.expiresAtMs)
  end
  local json = string.format('{"accessId":%s,"issuedBeforeMs":%.0f,"expiresAtMs":%.0f}',
    cjson.encode(accessId), issuedBefore, expiresAt)
  redis.call('HSET', hash, 'access:' .. accessId, json)
  local flat = redis.call('ZRANGE', index, 0, -1, 'WITHSCORES')
  for i = 1, #flat, 2 do
    local rev = stored('jti:' .. flat[i])
    if not rev or (tonumber(flat[i + 1]) <= issuedBefore and rev.expiresAtMs <= expiresAt) then
      redis.call('HDEL', hash, 'jti:' .. flat[i])
      redis.call('ZREM', index, flat[i])
    end
  end
  return json
end
if ARGV[1] == 'access' then return revokeAccess(tonumber(ARGV[4]), tonumber(ARGV[5])) end

local jti, exp, iat, limit = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local covering, coveringJson = stored('access:' .. accessId)
if covering and type(covering.issuedBeforeMs) == 'number' and covering.issuedBeforeMs >= iat
    and covering.expiresAtMs >= exp then
  return coveringJson
end
-- Count only the revocations still in force.
local maxIat, maxExp = iat, exp
local flat = redis.call('ZRANGE', index, 0, -1, 'WITHSCORES')
for i = 1, #flat, 2 do
  local rev = stored('jti:' .. flat[i])
  if not rev or rev.expiresAtMs < now then
    redis.call('ZREM', index, flat[i])
  else
    maxIat = math.max(maxIat, tonumber(flat[i + 1]))
    maxExp = math.max(maxExp, rev.expiresAtMs)
  end
end
if redis.call('ZSCORE', index, jti) or redis.call('ZCARD', index) < limit then
  local json = string.format('{"jti":%s,"expiresAtMs":%.0f}', cjson.encode(jti), exp)
  redis.call('HSET', hash, 'jti:' .. jti, json)
  redis.call('ZADD', index, iat, jti)
  redis.call('PEXPIREAT', index, string.format('%.0f', maxExp + 60000))
  return json
end
-- Too many: every token of the access id issued up to the newest of them is revoked instead.
return revokeAccess(maxIat, maxExp)`;

/** The revocation list under `prefix`. */
export function createRevocations(deps: {
  redis: Redis;
  prefix: string;
  nc: NatsConnection;
  cluster: string;
  /** Default MAX_TOKEN_REVOCATIONS_PER_ACCESS_ID. */
  maxTokenRevocationsPerAccessId?: number;
}): Revocations {
  const hashKey = `${deps.prefix}:revocations`;
  const indexKey = (accessId: string) => `${deps.prefix}:revoked-tokens:${accessId}`;
  const limit = deps.maxTokenRevocationsPerAccessId ?? MAX_TOKEN_REVOCATIONS_PER_ACCESS_ID;

  async function page(pageToken: string, pageSize: number): Promise<RevocationPage> {
    const cursor = pageToken || "0";
    if (!/^\d{1,20}$/.test(cursor)) throw new InvalidArgumentError("page_token is not valid");
    const [next, flat] = await deps.redis.hscan(hashKey, cursor, "COUNT", pageSize);
    const now = Date.now();
    const live: Revocation[] = [];
    const expired: string[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = flat[i] as string;
      let parsed: ReturnType<typeof RevocationSchema.safeParse> | undefined;
      try {
        parsed = RevocationSchema.safeParse(JSON.parse(flat[i + 1] as string));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success || parsed.data.expiresAtMs < now) expired.push(name);
      else live.push(parsed.data);
    }
    if (expired.length) await deps.redis.hdel(hashKey, ...expired);
    return { revocations: live, nextPageToken: next === "0" ? "" : next };
  }

  return {
    async add(revocation) {
      const now = String(Date.now());
      const stored =
        "jti" in revocation
          ? await deps.redis.eval(
              ADD_REVOCATION,
              2,
              hashKey,
              indexKey(revocation.accessId),
              "token",
              revocation.accessId,
              now,
              revocation.jti,
              String(revocation.expiresAtMs),
              String(revocation.issuedAtMs),
              String(limit),
            )
          : await deps.redis.eval(
              ADD_REVOCATION,
              2,
              hashKey,
              indexKey(revocation.accessId),
              "access",
              revocation.accessId,
              now,
              String(revocation.issuedBeforeMs),
              String(revocation.expiresAtMs),
            );
      publishJson(deps.nc, subjects(deps.cluster).authRevocations, JSON.parse(String(stored)));
      // Answer only once the announcement has left for the server: a caller told "revoked"
      // must not find verifiers that were never told.
      await deps.nc.flush();
    },
    page,
    async list() {
      const all: Revocation[] = [];
      let token = "";
      do {
        const p = await page(token, 1_000);
        all.push(...p.revocations);
        token = p.nextPageToken;
      } while (token);
      return all;
    },
  };
}
