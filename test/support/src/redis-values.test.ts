import { describe, expect, it } from "vitest";
import { redisValues } from "./redis-values.js";
import { testRedis } from "./test-redis.js";

describe("redisValues", () => {
  it("finds a secret in every kind of value, even where DUMP output hides it by compression", async () => {
    await using redis = await testRedis();
    const secret = "c0ffee".repeat(8);
    // A long, repetitive value: its DUMP payload is LZF-compressed, the secret not in it.
    const long = `${secret}${"padding ".repeat(64)}${secret}`;
    await redis.client.set(redis.key("string"), long);
    expect((await redis.client.dumpBuffer(redis.key("string")))?.includes(secret)).toBe(false);
    await redis.client.hset(redis.key("hash"), "field", long);
    await redis.client.rpush(redis.key("list"), "a", secret);
    await redis.client.sadd(redis.key("set"), secret);
    await redis.client.zadd(redis.key("zset"), 1, secret);
    await redis.client.xadd(redis.key("stream"), "*", "data", secret);

    const values = await redisValues(redis.client, `${redis.prefix}*`);
    expect(values).toHaveLength(6);
    for (const v of values) expect(v.includes(secret)).toBe(true);
  });
});
