import { randomUUID } from "node:crypto";
import type { AuditEvent } from "@keyfrag/bus";
import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, recordHash } from "./audit-record.js";
import { createChainStore } from "./chain-store.js";

const auditKey = new Uint8Array(32).fill(5);

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
  const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
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

  it("verifies while records are appended: records after the head it read are no mismatch", async () => {
    const { redis, chain } = await chainOf(3);
    await using _ = redis;
    // verify reads the head, walks the records, then looks past the head; appends land between.
    for (let round = 0; round < 30; round++) {
      const [result] = await Promise.all([
        chain.verify(),
        chain.append([event(100 + round)]),
        chain.append([event(200 + round)]),
      ]);
      expect(result, `round ${round}`).toMatchObject({ ok: true, problem: "" });
    }
  });
});

describe("chain retention", () => {
  const T = 1_700_000_000_000;

  it("prunes records older than the cutoff and verifies from the checkpoint after", async () => {
    const { redis, chain } = await chainOf(10);
    await using _ = redis;
    const [sixth] = await chain.records([6]);
    expect(await chain.prune(T + 6)).toEqual({
      pruned: 6,
      checkpoint: { seq: 6, hash: sixth?.hash, time: T + 5 },
    });
    // Gone from every key: records, ids, the time index and the other indexes.
    expect(await redis.client.hlen(chain.keys.records)).toBe(4);
    expect(await redis.client.hlen(chain.keys.ids)).toBe(4);
    expect(await redis.client.zcard(chain.keys.byTime)).toBe(4);
    expect(await redis.client.zcard(chain.keys.index("actor", "p-1"))).toBe(4);
    expect(await redis.client.exists(chain.keys.index("path", "/x/"))).toBe(1);
    expect(await chain.verify(3)).toEqual({
      ok: true,
      records: 4,
      prunedThroughSeq: 6,
      brokenSeq: 0,
      problem: "",
    });
    // The chain goes on after the checkpoint; pruning everything leaves a chain that verifies.
    await chain.append([event(100)]);
    expect(await chain.prune(T + 1_000)).toMatchObject({ pruned: 5, checkpoint: { seq: 11 } });
    expect(await redis.client.hlen(chain.keys.records)).toBe(0);
    expect(await chain.verify()).toMatchObject({ ok: true, records: 0, prunedThroughSeq: 11 });
    await chain.append([event(101)]);
    expect(await chain.verify()).toMatchObject({ ok: true, records: 1, prunedThroughSeq: 11 });
  });

  it("detects a checkpoint moved, forged or deleted outside the audit service", async () => {
    const { redis, chain } = await chainOf(10);
    await using _ = redis;
    await chain.prune(T + 3);
    const [eighth] = await chain.records([8]);
    // Moved forward to hide records 4-8 (their records deleted too): the MAC does not match.
    await redis.client.hset(chain.keys.checkpoint, "seq", "8", "hash", eighth?.hash ?? "");
    await redis.client.hdel(chain.keys.records, "4", "5", "6", "7", "8");
    expect(await chain.verify()).toMatchObject({ ok: false, problem: /checkpoint not authentic/ });
    // A checkpoint MAC'd under another key is no better.
    const other = createChainStore({
      redis: redis.client,
      prefix: redis.prefix,
      auditKey: new Uint8Array(32).fill(6),
    });
    expect(await other.verify()).toMatchObject({ ok: false, problem: /checkpoint not authentic/ });
    await expect(chain.prune(T + 1_000)).rejects.toThrow(/not authentic/);
    // Deleted: verification starts at seq 1 again, which is gone.
    await redis.client.del(chain.keys.checkpoint);
    expect(await chain.verify()).toMatchObject({
      ok: false,
      brokenSeq: 1,
      problem: "record missing",
    });
  });

  it("does not prune past a record that no longer verifies", async () => {
    const { redis, chain } = await chainOf(6);
    await using _ = redis;
    const raw = await redis.client.hget(chain.keys.records, "3");
    await redis.client.hset(chain.keys.records, "3", (raw ?? "").replace("/x/2", "/x/evil"));
    await expect(chain.prune(T + 1_000, 2)).rejects.toThrow(/seq 3/);
    // Records 1-2 (a whole batch before it) may go; the evidence at 3 stays.
    expect((await chain.checkpoint()).seq).toBeLessThan(3);
    expect(await chain.verify()).toMatchObject({ ok: false, brokenSeq: 3 });
  });
});
