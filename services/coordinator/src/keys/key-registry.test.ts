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
});
