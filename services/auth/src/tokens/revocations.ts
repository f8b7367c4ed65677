/**
 * Revocations: one token (by jti, until its exp) or every token of an access id issued so far
 * (until no such token can still be live). Kept in a Redis hash, pruned when expired, listed in
 * pages, and announced on NATS so verifiers learn of them at once. Token revocations are bounded
 * per identity (MAX_TOKEN_REVOCATIONS_PER_IDENTITY); past the bound they are refused, never
 * widened: several users may share one access id (an SSO or certificate method), and one of them
 * must not be able to revoke the others' tokens.
 */
import {
  type Revocation,
  RevocationSchema,
  type SubClaims,
  tokenUserDigest,
} from "@keyfrag/auth-client";
import { type NatsConnection, publishJson, subjects } from "@keyfrag/bus";
import { InvalidArgumentError, ResourceExhaustedError } from "@keyfrag/rpc";
import type { Redis } from "ioredis";

/**
 * Live token revocations per identity (one user of an access id); further ones are refused until
 * some expire (within the token lifetime). Without a bound, one identity that logs in and revokes
 * its own token over and over grows the list every verifier reads without limit; folding the
 * excess into a revocation of the whole access id would log out every other user of the method.
 */
export const MAX_TOKEN_REVOCATIONS_PER_IDENTITY = 100;

/** One token's revocation, with who it belongs to within its access id. */
export interface TokenRevocation {
  jti: string;
  expiresAtMs: number;
  /** The token's `sub`. */
  accessId: string;
  /** The token's `kf_iat_ms`. */
  issuedAtMs: number;
  /** The token's `kf_uid`: the user, when the method names one. */
  uniqueId?: string;
  /** The token's `kf_sc`: tells users apart when the method has no unique id. */
  subClaims: SubClaims;
}

/** Who a token speaks for within its access id (the Redis key of its revocations' count). */
export const identityOf = (revocation: Pick<TokenRevocation, "uniqueId" | "subClaims">): string =>
  tokenUserDigest(revocation);

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
// KEYS[2]: the access id's index of revoked tokens (jti -> kf_iat_ms), for an access id's
// revocation to drop those it covers; KEYS[3]: the identity's index (the same), counted against
// the limit. ARGV: mode ('token' or 'access'), access id, now; token: jti, expiresAtMs,
// issuedAtMs, limit; access: issuedBeforeMs, expiresAtMs. Returns the revocation now in force,
// as stored, or false when the identity already has `limit` revocations in force.
const ADD_REVOCATION = `
local hash, index, own = KEYS[1], KEYS[2], KEYS[3]
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
-- Count only the identity's revocations still in force (at most limit: cheap).
local maxExp = exp
local flat = redis.call('ZRANGE', own, 0, -1)
for i = 1, #flat do
  local rev = stored('jti:' .. flat[i])
  if not rev or rev.expiresAtMs < now then
    redis.call('ZREM', own, flat[i])
  else
    maxExp = math.max(maxExp, rev.expiresAtMs)
  end
end
-- The access id's index holds every identity's: drop a few of its oldest that are gone, so it
-- stays about as long as the revocations in force.
local oldest = redis.call('ZRANGE', index, 0, 9)
for i = 1, #oldest do
  local rev = stored('jti:' .. oldest[i])
  if not rev or rev.expiresAtMs < now then redis.call('ZREM', index, oldest[i]) end
end
if not redis.call('ZSCORE', own, jti) and redis.call('ZCARD', own) >= limit then
  -- Refused, never widened: a revocation of the access id would log out its other users.
  return false
end
local json = string.format('{"jti":%s,"expiresAtMs":%.0f}', cjson.encode(jti), exp)
redis.call('HSET', hash, 'jti:' .. jti, json)
redis.call('ZADD', own, iat, jti)
redis.call('ZADD', index, iat, jti)
local keep = string.format('%.0f', maxExp + 60000)
redis.call('PEXPIREAT', own, keep)
-- Only ever later: the access id's index also holds other identities' revocations.
local ttl = redis.call('PTTL', index)
if ttl < 0 or now + ttl < maxExp + 60000 then redis.call('PEXPIREAT', index, keep) end
return json`;

/** The revocation list under `prefix`. */
export function createRevocations(deps: {
  redis: Redis;
  prefix: string;
  nc: NatsConnection;
  cluster: string;
  /** Default MAX_TOKEN_REVOCATIONS_PER_IDENTITY. */
  maxTokenRevocationsPerIdentity?: number;
}): Revocations {
  const hashKey = `${deps.prefix}:revocations`;
  const indexKey = (accessId: string) => `${deps.prefix}:revoked-tokens:${accessId}`;
  const identityKey = (revocation: TokenRevocation) =>
    `${deps.prefix}:revoked-tokens:${revocation.accessId}:${identityOf(revocation)}`;
  const limit = deps.maxTokenRevocationsPerIdentity ?? MAX_TOKEN_REVOCATIONS_PER_IDENTITY;

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
              3,
              hashKey,
              indexKey(revocation.accessId),
              identityKey(revocation),
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
              3,
              hashKey,
              indexKey(revocation.accessId),
              indexKey(revocation.accessId),
              "access",
              revocation.accessId,
              now,
              String(revocation.issuedBeforeMs),
              String(revocation.expiresAtMs),
            );
      if (stored === null) {
        throw new ResourceExhaustedError(
          `at most ${limit} revoked tokens of one identity may be in force: this revocation is ` +
            "refused until some of them expire (an auth method's administrator can revoke its whole access id)",
        );
      }
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
