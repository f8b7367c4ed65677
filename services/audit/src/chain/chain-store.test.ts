import { randomUUID } from "node:crypto";
import type { AuditEvent } from "@keyfrag/bus";
import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, recordHash } from "./audit-record.js";
import { createChainStore } from "./chain-store.js";

function event(i: number): AuditEvent {
  return {
    id: randomUUID(),
    time: 1_700_000_000_000 + i,
    service: "gateway",
    actor: { authMethod: "access-key", accessId: "p-1", subClaims: {}, sourceAddress: "" },
    action: "read",
    path: `/x/${i}`,
    result: "allowed",
    requestId: "",
    leaseId: "",
    reason: "",
    fields: { b: "2", a: "1" },
  };
}

async function chainOf(n: number) {
  const redis = await testRedis();
  const chain = createChainStore({ redis: redis.client, prefix: redis.prefix });
  await chain.append(Array.from({ length: n }, (_, i) => event(i)));
  return { redis, chain };
}

describe("canonical serialization", () => {
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
    const e = { ...event(1), seq: 1 };
    const reverse = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reverse(x)]),
          )
        : v;
    const reordered = reverse(e) as typeof e;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(e));
    expect(recordHash(GENESIS_HASH, reordered)).toBe(recordHash(GENESIS_HASH, e));
  });
});

describe("chain store", () => {
  it("links records and skips events already stored", async () => {
    const { redis, chain } = await chainOf(5);
    await using _ = redis;
    const [first, second] = await chain.records([1, 2]);
    expect(first?.prevHash).toBe(GENESIS_HASH);
    expect(second?.prevHash).toBe(first?.hash);
    expect(first && (await chain.append([first]))).toEqual([]);
    expect((await chain.head()).seq).toBe(5);
    expect(await chain.verify(2)).toMatchObject({ ok: true, records: 5 });
  });

  it("names the seq of an edited record", async () => {
    const { redis, chain } = await chainOf(6);
    await using _ = redis;
    const raw = await redis.client.hget(chain.keys.records, "4");
    await redis.client.hset(chain.keys.records, "4", (raw ?? "").replace("/x/3", "/x/evil"));
    expect(await chain.verify(4)).toMatchObject({ ok: false, brokenSeq: 4, records: 3 });
    expect((await chain.verify()).problem).toMatch(/content changed/);
  });

  it("names the seq of a deleted record", async () => {
    const { redis, chain } = await chainOf(6);
    await using _ = redis;
    await redis.client.hdel(chain.keys.records, "3");
    expect(await chain.verify()).toMatchObject({
      ok: false,
      brokenSeq: 3,
      problem: "record missing",
    });
  });

  it("names the seq of swapped records", async () => {
    const { redis, chain } = await chainOf(6);
    await using _ = redis;
    const [a, b] = await redis.client.hmget(chain.keys.records, "2", "5");
    await redis.client.hset(chain.keys.records, "2", b ?? "", "5", a ?? "");
    const result = await chain.verify();
    expect(result).toMatchObject({ ok: false, brokenSeq: 2 });
    expect(result.problem).toMatch(/reordered/);
  });

  it("detects a head that does not match the chain", async () => {
    const { redis, chain } = await chainOf(4);
    await using _ = redis;
    await redis.client.hset(chain.keys.head, "hash", "f".repeat(64));
    expect(await chain.verify()).toMatchObject({ ok: false, brokenSeq: 4 });
    await redis.client.hset(
      chain.keys.head,
      "seq",
      "3",
      "hash",
      (await chain.records([3]))[0]?.hash ?? "",
    );
    expect(await chain.verify()).toMatchObject({ ok: false, brokenSeq: 4, problem: /beyond/ });
    // A head moved back must not let the store overwrite the records after it.
    await expect(chain.append([event(99)])).rejects.toThrow(/refusing to overwrite/);
  });
});
