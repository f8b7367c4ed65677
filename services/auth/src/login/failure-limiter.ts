/** Failed logins per (access id, source address), counted in Redis over a fixed window. */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface FailureLimiter {
  /** Whether this pair has used up its failures for the current window. */
  blocked(accessId: string, source: string): Promise<boolean>;
  failed(accessId: string, source: string): Promise<void>;
  reset(accessId: string, source: string): Promise<void>;
}

/** A limiter allowing `maxFailures` per `windowMs`. */
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
    async blocked(accessId, source) {
      return Number((await deps.redis.get(key(accessId, source))) ?? 0) >= deps.maxFailures;
    },
    async failed(accessId, source) {
      const k = key(accessId, source);
      // The window starts at the first failure; PEXPIRE NX leaves it alone afterwards.
      await deps.redis.multi().incr(k).pexpire(k, deps.windowMs, "NX").exec();
    },
    async reset(accessId, source) {
      await deps.redis.del(key(accessId, source));
    },
  };
}
