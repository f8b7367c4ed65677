/**
 * The log of item changes, so that a gateway notices every change within its poll interval even
 * when a NATS change event is lost (core NATS delivers at most once): every change takes the
 * next sequence number; the log keeps the newest `maxEntries` names, each at the number of its
 * latest change. A gateway asks for the names changed after the number it last saw; one that
 * fell behind the kept part is told so (`truncated`) and drops its whole cache.
 */
import type { Redis } from "ioredis";

// KEYS: seq, log, floor; ARGV: name, maxEntries
const RECORD = `
local seq = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[2])
if excess > 0 then
  local dropped = redis.call('ZRANGE', KEYS[2], excess - 1, excess - 1, 'WITHSCORES')
  redis.call('SET', KEYS[3], dropped[2])
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
return seq`;

// KEYS: seq, floor. Every position handed out so far falls below the floor: every poller is
// told `truncated` and drops its whole cache.
const TRUNCATE = `
local seq = redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], seq)
return seq`;

// KEYS: seq, log, floor; ARGV: after, limit
// Returns { last, truncated (0/1), name, name, ... }.
const AFTER = `
local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(redis.call('GET', KEYS[3]) or '0')
local after = tonumber(ARGV[1])
if after == 0 then
  -- Positions handed out are never 0, which asks where the log is.
  if seq == 0 then seq = redis.call('INCR', KEYS[1]) end
  return {tostring(seq), '0'}
end
if after < floor or after > seq then return {tostring(seq), '1'} end
local found = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {tostring(seq), '0'}
local last = seq
if #found / 2 >= tonumber(ARGV[2]) then last = found[#found] end
out[1] = tostring(last)
for i = 1, #found, 2 do out[#out + 1] = found[i] end
return out`;

/** Names changed after a point of the log, and the point to ask from next time. */
export interface ChangesAfter {
  /** Ask with this next time (0 never: it means "where is the log now"). */
  last: number;
  names: string[];
  /** The log no longer holds everything after the point asked: drop everything cached. */
  truncated: boolean;
}

/** The change log under `prefix`, keeping the newest `maxEntries` names (default 100 000). */
export function createChangeLog(redis: Redis, prefix: string, maxEntries = 100_000) {
  const keys = [`${prefix}:change-seq`, `${prefix}:changes`, `${prefix}:change-floor`] as const;
  return {
    /** Records a change of `name`; its sequence number. */
    async record(name: string): Promise<number> {
      return Number(await redis.eval(RECORD, 3, ...keys, name, String(maxEntries)));
    },

    /** Tells every poller to drop its whole cache (for changes that could not be recorded). */
    async truncate(): Promise<void> {
      await redis.eval(TRUNCATE, 2, keys[0], keys[2]);
    },

    /** At most `limit` names changed after `after` (0: none, just where the log is now). */
    async after(after: number, limit: number): Promise<ChangesAfter> {
      const [last, truncated, ...names] = (await redis.eval(
        AFTER,
        3,
        ...keys,
        String(after),
        String(limit),
      )) as string[];
      return { last: Number(last), names, truncated: truncated === "1" };
    },
  };
}

export type ChangeLog = ReturnType<typeof createChangeLog>;
