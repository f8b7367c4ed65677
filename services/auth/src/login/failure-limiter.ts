/**
 * Login attempts per (access id, source address), counted in Redis over a fixed window. An
 * attempt is counted before its credential is checked, in one atomic step, so attempts made in
 * parallel cannot all pass a check made before any of them failed; a success resets the count.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface FailureLimiter {
  /** Counts an attempt; false when the pair has used up its attempts for the current window. */
  attempt(accessId: string, source: string): Promise<boolean>;
  /** Forgets the pair's attempts (after a successful login). */
  reset(accessId: string, source: string): Promise<void>;
}

// The window starts at the first attempt; later attempts leave the expiry alone (a key without
// one, which should not exist, gets it too).
const COUNT_ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n`;

/** A limiter allowing `maxFailures` unsuccessful attempts per `windowMs`. */
export function createFailureLimiter(deps: {
  redis: Redis;
  prefix: string;
  maxFailures: number;
  windowMs: number;
}): FailureLimiter {
  // Access ids are attacker-chosen text of any length: hash the pair into a fixed-size key.
  const key = (accessId: string, source: string) =>
    `${deps.prefix}:login-failures:${createHash("sha256").update(`${accessId}\n${source}`).digest("hex")}`;
  return {
    async attempt(accessId, source) {
      const n = await deps.redis.eval(COUNT_ATTEMPT, 1, key(accessId, source), deps.windowMs);
      return Number(n) <= deps.maxFailures;
    },
    async reset(accessId, source) {
      await deps.redis.del(key(accessId, source));
    },
  };
}
