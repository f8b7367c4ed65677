import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it, vi } from "vitest";
import { createLeaderElection } from "../leader/leader-election.js";
import { createKeyRegistry, type KeyRecord } from "./key-registry.js";

const record = (name: string, version: number): KeyRecord => ({
  name,
  keyId: "00".repeat(16),
  version,
  algorithm: "AES256GCM",
  public: { suite: "ristretto255", threshold: 2, slots: [1, 2, 3], epoch: 0, commitments: [] },
  createdAt: 1,
  lastRefreshAt: 1,
});

describe("key registry", () => {
  it("lists every version of every key with two reads, however many keys there are", async () => {
    await using redis = await testRedis();
    const namespace = redis.key("coord");
    const leader = createLeaderElection({ redis: redis.client, namespace, id: "c1", ttlMs: 5_000 });
    await leader.start();
    // Its own connection, so that only the listing's commands are counted.
    const connection = redis.client.duplicate();
    try {
      const registry = createKeyRegistry(redis.client, namespace, leader);
      const counted = createKeyRegistry(connection, namespace, leader);
      await connection.ping();
      const sent = vi.spyOn(connection, "sendCommand");
      const commandsToList = async () => {
        sent.mockClear();
        const listed = await counted.list();
        // SCAN pages depend on everything in the shared test Redis; the reads are what count.
        const reads = sent.mock.calls.filter(([command]) => command.name !== "scan").length;
        return { listed, reads };
      };
      for (let i = 0; i < 20; i++) await registry.create(record(`/k/${i}`, 1));
      const small = await commandsToList();
      for (let i = 20; i < 400; i++) await registry.create(record(`/k/${i}`, 1));
      await registry.create(record("/k/7", 2));
      const large = await commandsToList();

      expect(large.listed).toHaveLength(401);
      expect(large.listed.filter((r) => r.name === "/k/7").map((r) => r.version)).toEqual([1, 2]);
      // Two MGETs, whether 20 or 400 keys (before: a GET and an MGET per key, 40 and 802).
      expect(small.reads).toBe(2);
      expect(large.reads).toBe(2);
    } finally {
      connection.disconnect();
      await leader.stop();
    }
  });

  it("pages keys by name from the name index with the same reads at 10 and at 1,000 keys", async () => {
    await using redis = await testRedis();
    const namespace = redis.key("coord");
    const leader = createLeaderElection({ redis: redis.client, namespace, id: "c1", ttlMs: 5_000 });
    await leader.start();
    const connection = redis.client.duplicate();
    try {
      const registry = createKeyRegistry(redis.client, namespace, leader);
      const counted = createKeyRegistry(connection, namespace, leader);
      await connection.ping();
      const sent = vi.spyOn(connection, "sendCommand");
      const name = (i: number) => `/k/${String(i).padStart(4, "0")}`;
      const create = async (from: number, to: number) => {
        const batch = [];
        for (let i = from; i < to; i++) batch.push(registry.create(record(name(i), 1)));
        await Promise.all(batch);
      };
      const readsOfPage = async (offset: number) => {
        sent.mockClear();
        const page = await counted.page(offset, 50);
        return { page, commands: sent.mock.calls.map(([c]) => c.name) };
      };
      await create(0, 10);
      const small = await readsOfPage(0);
      expect(small.page.records.map((r) => r.name)).toEqual(
        Array.from({ length: 10 }, (_, i) => name(i)),
      );
      expect(small.page.next).toBeUndefined();
      expect(small.page.total).toBe(10);

      await create(10, 1_000);
      await registry.create(record(name(60), 2));
      const large = await readsOfPage(50);
      expect(large.page.records).toHaveLength(51); // /k/0060 has two versions
      expect(large.page.records[0]?.name).toBe(name(50));
      expect(large.page.records.filter((r) => r.name === name(60)).map((r) => r.version)).toEqual([
        1, 2,
      ]);
      expect(large.page.next).toBe(100);
      expect(large.page.total).toBe(1_000);
      // A ZRANGE, a ZCARD and two MGETs, whatever the number of keys (no SCAN over the registry).
      expect(small.commands.sort()).toEqual(["mget", "mget", "zcard", "zrange"]);
      expect(large.commands.sort()).toEqual(small.commands);

      // Every page once, in order, and the last one says so.
      const seen: string[] = [];
      let offset: number | undefined = 0;
      while (offset !== undefined) {
        const page: Awaited<ReturnType<typeof registry.page>> = await registry.page(offset, 300);
        seen.push(...new Set(page.records.map((r) => r.name)));
        offset = page.next;
      }
      expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => name(i)));
    } finally {
      connection.disconnect();
      await leader.stop();
    }
  });

  it("indexes keys an older coordinator recorded without the name index", async () => {
    await using redis = await testRedis();
    const namespace = redis.key("coord");
    const leader = createLeaderElection({ redis: redis.client, namespace, id: "c1", ttlMs: 5_000 });
    await leader.start();
    try {
      const registry = createKeyRegistry(redis.client, namespace, leader);
      // What a coordinator of the previous version wrote: the record and its latest version only.
      for (const n of ["/old/a", "/old/b"]) {
        await redis.client.set(`${namespace}:key:${n}:v1`, JSON.stringify(record(n, 1)));
        await redis.client.set(`${namespace}:key:${n}:latest`, "1");
      }
      await registry.create(record("/new/c", 1));
      expect((await registry.page(0, 10)).records.map((r) => r.name)).toEqual(["/new/c"]);

      expect(await registry.indexNames()).toBe(3);
      expect(await registry.indexNames()).toBe(3); // idempotent
      const page = await registry.page(0, 10);
      expect(page.records.map((r) => r.name)).toEqual(["/new/c", "/old/a", "/old/b"]);
      expect(page.total).toBe(3);
    } finally {
      await leader.stop();
    }
  });
});
