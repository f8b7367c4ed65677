/**
 * The one clock of all auth replicas: Redis `TIME`. Access-id revocations compare a token's
 * issue time with the revocation's time, possibly stamped by different replicas; with each
 * replica's own clock, a skewed replica could issue tokens that a revocation misses.
 */
import type { Redis } from "ioredis";

/** Milliseconds since the epoch. */
export type Clock = () => Promise<number>;

/** The Redis server's time in milliseconds. */
export function redisClock(redis: Redis): Clock {
  return async () => {
    const [seconds, micros] = await redis.time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  };
}
