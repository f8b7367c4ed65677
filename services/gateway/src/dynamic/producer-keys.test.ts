import { UnavailableError } from "@keyfrag/rpc";
import { startPrivateRedis } from "@keyfrag/test-support";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createProducerKeys } from "./producer-keys.js";

describe("producer keys while the gateway's Redis does not answer", () => {
  it("answers at once from what it knows, and fails closed (UNAVAILABLE, bounded) for the rest", async () => {
    await using server = await startPrivateRedis();
    // As the gateway's own client is made: requests wait (never fail) while Redis is down.
    const redis = new Redis(server.url, { maxRetriesPerRequest: null });
    redis.on("error", () => undefined);
    try {
      let t = 1_000_000;
      const keys = createProducerKeys(redis, "kf:test", ["/webhook"], {
        timeoutMs: 300,
        maxStaleMs: 60_000,
        now: () => t,
      });
      await keys.allow("/ssh/ca");
      await redis.sadd("kf:test:producer-keys", "/jwt/issuer"); // allowed by another gateway
      expect(await keys.allowed("/jwt/issuer")).toBe(true);
      expect(await keys.allowed("/app/key")).toBe(false);

      await server.stop();
      const started = Date.now();
      expect(await keys.allowed("/webhook")).toBe(true);
      expect(await keys.allowed("/ssh/ca")).toBe(true); // the list only grows
      expect(await keys.allowed("/jwt/issuer")).toBe(true);
      expect(await keys.allowed("/app/key")).toBe(false); // said "no" within maxStaleMs
      // Never asked before: unknown, so the stricter rule cannot be skipped.
      await expect(keys.allowed("/other/key")).rejects.toThrow(UnavailableError);
      t += 60_001; // an old "no" is not trusted forever
      await expect(keys.allowed("/app/key")).rejects.toThrow(/Redis does not answer/);
      expect(Date.now() - started).toBeLessThan(5_000); // bounded, not waiting for Redis

      await server.start();
      expect(await keys.allowed("/app/key")).toBe(false);
      expect(await keys.allowed("/other/key")).toBe(false);
    } finally {
      redis.disconnect();
    }
  });
});
