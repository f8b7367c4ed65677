import { HELD_KEY_SETS, type HeldKey, heldKeySetDigest, heldKeySetOf } from "@keyfrag/bus";
import {
  generateIdentityKeyPair,
  keyIdFromName,
  keyPublicDigest,
  keyPublicToJson,
} from "@keyfrag/crypto";
import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it, vi } from "vitest";
import { runDkg } from "../../../../libs/crypto/test/helpers.js";
import { createLeaderElection } from "../leader/leader-election.js";
import { createTopology } from "../topology/topology.js";
import type { FragmentPort } from "./fragment-port.js";
import { createKeyRegistry, type KeyRecord } from "./key-registry.js";
import { createKeyService } from "./key-service.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const quiet = { info() {}, warn() {}, error() {} };
const NODES = ["fm-1a", "fm-1b", "fm-2a", "fm-2b", "fm-3a", "fm-3b"];

/**
 * The coordinator's key service on real Redis, with a topology of 3 slots × 2 replicas fed
 * what each node announces (a heartbeat with a digest per held-key set, then the sets, as
 * HeldKeys would answer them). The fragment managers are a protocol peer written for this
 * test: they record the catch-ups and commits they are ordered to make.
 */
async function setUp() {
  const redis = await testRedis();
  const namespace = redis.key("coord");
  const leader = createLeaderElection({ redis: redis.client, namespace, id: "c1", ttlMs: 5_000 });
  await leader.start();
  // The key service's own connection, so that what a pass reads from Redis can be counted.
  const connection = redis.client.duplicate();
  await connection.ping();
  const sent = vi.spyOn(connection, "sendCommand");
  const registry = createKeyRegistry(connection, namespace, leader);
  let clock = 1_000_000;
  const topology = createTopology({ staleAfterMs: 60_000, now: () => clock });
  const identities = new Map([1, 2, 3].map((s) => [s, hex(generateIdentityKeyPair().publicKey)]));
  const holdings = new Map<string, HeldKey[]>(NODES.map((n) => [n, []]));
  const orders: string[] = [];
  const port = (node: { nodeId: string }): FragmentPort => {
    const unused = () => Promise.reject(new Error("not used in this test"));
    return {
      dkgRound1: unused,
      dkgRound2: unused,
      dkgFinish: unused,
      discardKey: unused,
      refreshDeal: unused,
      refreshPrepare: unused,
      refreshAbort: unused,
      async refreshCommit(req) {
        orders.push(`commit ${node.nodeId} v${req.version} e${req.epoch}`);
      },
      async catchUp(req) {
        orders.push(
          `catch-up ${node.nodeId} v${req.version} e${req.key.epoch} from ${req.sourceAddress}`,
        );
      },
    };
  };
  const keys = createKeyService({ topology, registry, fragments: port, log: quiet });
  let sentAt = 0;
  /** Every node sends a heartbeat, and its changed sets are fetched. */
  const report = (silent: readonly string[] = []) => {
    sentAt++;
    for (const nodeId of NODES) {
      if (silent.includes(nodeId)) continue;
      const slot = Number(nodeId[3]);
      const held = holdings.get(nodeId) ?? [];
      const sets = Array.from({ length: HELD_KEY_SETS }, () => [] as HeldKey[]);
      for (const k of held) sets[heldKeySetOf(k.keyId)]?.push(k);
      topology.observe({
        nodeId,
        region: "region-a",
        zone: nodeId.endsWith("a") ? "az-1" : "az-2",
        slot,
        address: `addr-${nodeId}`,
        identityPublicKey: identities.get(slot) as string,
        certificate: "",
        keySets: sets.flatMap((entries, set) =>
          entries.length ? [{ set, count: entries.length, digest: heldKeySetDigest(entries) }] : [],
        ),
        sentAt,
      });
      for (const set of topology.staleSets(nodeId))
        topology.applyHeldSet(nodeId, set, sets[set] ?? []);
    }
  };
  // One real key's public data (a 3-of-3 DKG in this process), under every key name.
  const { key } = runDkg("ristretto255", 3, 3);
  const pub = { json: keyPublicToJson(key), digest: hex(keyPublicDigest(key)) };
  /** Records key `name` v1 (epoch 0) and has `on` hold it. */
  const addKey = async (name: string, on: readonly string[]) => {
    const keyId = hex(keyIdFromName(name));
    const rec: KeyRecord = {
      name,
      keyId,
      version: 1,
      algorithm: "AES256GCM",
      public: pub.json,
      createdAt: 1,
      lastRefreshAt: 1,
    };
    await registry.create(rec);
    for (const n of on) holdings.get(n)?.push({ keyId, version: 1, epoch: 0, digest: pub.digest });
    return rec;
  };
  /** `nodeId` no longer holds key `name` (its data directory was lost). */
  const lose = (nodeId: string, name: string) => {
    const keyId = hex(keyIdFromName(name));
    holdings.set(
      nodeId,
      (holdings.get(nodeId) ?? []).filter((k) => k.keyId !== keyId),
    );
  };
  /** Redis commands the key service sent during `fn`. */
  const commandsDuring = async (fn: () => Promise<unknown>) => {
    sent.mockClear();
    await fn();
    return sent.mock.calls.length;
  };
  return {
    keys,
    registry,
    orders,
    report,
    addKey,
    lose,
    holdings,
    digest: pub.digest,
    /** Moves the topology's clock on by `ms`. */
    pass: (ms: number) => {
      clock += ms;
    },
    commandsDuring,
    async [Symbol.asyncDispose]() {
      connection.disconnect();
      await leader.stop();
      await redis[Symbol.asyncDispose]();
    },
  };
}

describe("repair of lagging replicas", () => {
  it("catches up a replica that lost a fragment, while an idle pass reads nothing from Redis", async () => {
    await using t = await setUp();
    for (let i = 0; i < 300; i++) await t.addKey(`/k/${i}`, NODES);
    t.report();
    await t.keys.loadIndex();
    expect(await t.keys.repair()).toBe(0);
    // Nothing changed: a pass examines no key and sends Redis nothing, however many keys.
    expect(await t.commandsDuring(() => t.keys.repair())).toBe(0);
    expect(t.orders).toEqual([]);

    // fm-2b loses /k/7 (its data directory was replaced): its next heartbeat says so.
    t.lose("fm-2b", "/k/7");
    t.report();
    expect(await t.keys.repair()).toBe(1);
    expect(t.orders).toEqual(["catch-up fm-2b v1 e0 from addr-fm-2a"]);

    // Once fm-2b reports the fragment again, the key is in order: nothing more is ordered.
    const keyId = hex(keyIdFromName("/k/7"));
    const held = t.holdings.get("fm-2a")?.find((k) => k.keyId === keyId) as HeldKey;
    t.holdings.get("fm-2b")?.push(held);
    t.report();
    t.orders.length = 0;
    expect(await t.keys.repair()).toBe(0);
    expect(await t.commandsDuring(() => t.keys.repair())).toBe(0);
    expect(t.orders).toEqual([]);
  });

  it("examines a key recorded after the index was loaded, and one whose replica reports a pending epoch", async () => {
    await using t = await setUp();
    await t.addKey("/k/old", NODES);
    t.report();
    await t.keys.loadIndex();
    expect(await t.keys.repair()).toBe(0);

    // A new key the leader records reaches only the first replica of each slot.
    await t.addKey("/k/new", ["fm-1a", "fm-2a", "fm-3a"]);
    t.report();
    expect(await t.keys.repair()).toBe(3);
    expect(t.orders.sort()).toEqual([
      "catch-up fm-1b v1 e0 from addr-fm-1a",
      "catch-up fm-2b v1 e0 from addr-fm-2a",
      "catch-up fm-3b v1 e0 from addr-fm-3a",
    ]);

    // The caught-up replicas report it; then a refresh decided epoch 1 of /k/old (the record
    // says so) but fm-3b only prepared it.
    const newId = hex(keyIdFromName("/k/new"));
    for (const n of ["fm-1b", "fm-2b", "fm-3b"])
      t.holdings.get(n)?.push({ keyId: newId, version: 1, epoch: 0, digest: t.digest });
    t.orders.length = 0;
    const rec = (await t.registry.get("/k/old")) as KeyRecord;
    const next = { ...rec.public, epoch: 1 };
    const digest = hex(
      keyPublicDigest({ ...next, commitments: next.commitments.map((c) => Buffer.from(c, "hex")) }),
    );
    await t.registry.commitRefresh(
      {
        name: rec.name,
        keyId: rec.keyId,
        version: 1,
        sessionId: "s",
        fromEpoch: 0,
        state: "preparing",
        startedAt: 2,
      },
      { ...rec, public: next, lastRefreshAt: 2 },
    );
    await t.registry.endRefresh(rec.keyId, 1);
    for (const [nodeId, held] of t.holdings)
      t.holdings.set(
        nodeId,
        held.map((k) =>
          k.keyId !== rec.keyId
            ? k
            : nodeId === "fm-3b"
              ? { ...k, pendingEpoch: 1, pendingDigest: digest }
              : { ...k, epoch: 1, digest },
        ),
      );
    t.report();
    expect(await t.keys.repair()).toBe(1);
    expect(t.orders).toEqual(["commit fm-3b v1 e1"]);
  });

  it("catches up a replica that was silent while a key was refreshed once it is back, though what it announces did not change", async () => {
    await using t = await setUp();
    const rec = await t.addKey("/k/r", NODES);
    t.report();
    await t.keys.loadIndex();
    expect(await t.keys.repair()).toBe(0);

    // fm-1b goes silent (stale after 60 s) and misses a refresh to epoch 1.
    t.pass(61_000);
    const next = { ...rec.public, epoch: 1 };
    const digest = hex(
      keyPublicDigest({ ...next, commitments: next.commitments.map((c) => Buffer.from(c, "hex")) }),
    );
    const refresh = {
      name: rec.name,
      keyId: rec.keyId,
      version: 1,
      sessionId: "s",
      fromEpoch: 0,
      state: "preparing" as const,
      startedAt: 2,
    };
    await t.registry.beginRefresh(refresh);
    await t.registry.commitRefresh(refresh, { ...rec, public: next, lastRefreshAt: 2 });
    await t.registry.endRefresh(rec.keyId, 1);
    for (const [nodeId, held] of t.holdings)
      if (nodeId !== "fm-1b")
        t.holdings.set(
          nodeId,
          held.map((k) => ({ ...k, epoch: 1, digest })),
        );
    t.report(["fm-1b"]);
    expect(await t.keys.repair()).toBe(0);
    expect(t.orders).toEqual([]);

    // It comes back announcing the same set digest as before (epoch 0): only the slot's healthy
    // replicas changed, and that is enough for the key to be looked at again.
    t.report();
    expect(await t.keys.repair()).toBe(1);
    expect(t.orders).toEqual(["catch-up fm-1b v1 e1 from addr-fm-1a"]);
  });

  it("loads every version of every key, page by page", async () => {
    await using t = await setUp();
    for (let i = 0; i < 600; i++) await t.addKey(`/k/${String(i).padStart(3, "0")}`, NODES);
    const v1 = (await t.registry.get("/k/123")) as KeyRecord;
    await t.registry.create({ ...v1, version: 2 });
    expect(await t.keys.loadIndex()).toBe(601);
    const indexed = [...t.keys.indexedKeys()].map((k) => `${k.name} v${k.version}`);
    expect(new Set(indexed).size).toBe(601);
    expect(indexed).toContain("/k/123 v2");
    expect(indexed).toContain("/k/599 v1");
  });
});
