import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { heldKeySetDigest, heldKeySetOf, openHeartbeat, signHeartbeat } from "@keyfrag/bus";
import { createDevCa, issueCertificate, slotIdentityUris } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createHeldKeySync } from "./held-key-sync.js";
import { createTopology } from "./topology.js";

// Every heartbeat a node sends is newer than its last (sentAt is the node's clock).
let sent = 0;
const hb = (nodeId: string, region: string, zone: string, slot: number) => ({
  nodeId,
  region,
  zone,
  slot,
  address: `127.0.0.1:${1000 + slot}`,
  identityPublicKey: "00".repeat(32),
  certificate: "MIIB",
  keys: [{ keyId: "ab".repeat(16), version: 1, epoch: 3, digest: "cd".repeat(32) }],
  sentAt: ++sent,
});

describe("topology", () => {
  it("is settled one staleness period after it started listening", () => {
    let t = 100;
    const topo = createTopology({ staleAfterMs: 1000, now: () => t });
    expect(topo.settled()).toBe(false);
    t = 1099;
    expect(topo.settled()).toBe(false);
    t = 1100;
    expect(topo.settled()).toBe(true);
  });

  it("lets key creation wait until it has settled, so no key is placed on a partial view", async () => {
    const topo = createTopology({ staleAfterMs: 150 });
    const start = Date.now();
    await topo.whenSettled(10);
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    expect(topo.settled()).toBe(true);
    const again = Date.now();
    await topo.whenSettled(10);
    expect(Date.now() - again).toBeLessThan(50);
  });

  it("orders each slot's replicas primary first and checks the placement rule", () => {
    let t = 0;
    const topo = createTopology({ staleAfterMs: 1000, now: () => t });
    topo.observe(hb("fm-1c", "region-b", "az-1", 1));
    topo.observe(hb("fm-1a", "region-a", "az-1", 1));
    topo.observe(hb("fm-1b", "region-a", "az-2", 1));
    topo.observe(hb("fm-2a", "region-a", "az-1", 2));
    expect(topo.slots()).toEqual([1, 2]);
    expect(topo.placement(1).replicas.map((r) => r.nodeId)).toEqual(["fm-1a", "fm-1b", "fm-1c"]);
    expect(topo.placement(1).warnings).toEqual([]);
    expect(topo.placement(2).warnings).toEqual([
      "slot 2 has no replica in another zone of region-a",
      "slot 2 has no replica outside region-a",
    ]);
    expect(topo.placement(3).warnings).toEqual(["slot 3 has no replica"]);
    expect(topo.placement(1).replicas[0]?.keys.get(`${"ab".repeat(16)}/v1`)).toEqual({
      epoch: 3,
      digest: "cd".repeat(32),
      pendingEpoch: undefined,
      pendingDigest: undefined,
    });

    // A node that stops sending heartbeats turns unhealthy; the others stay.
    t = 900;
    topo.observe(hb("fm-1b", "region-a", "az-2", 1));
    topo.observe(hb("fm-1c", "region-b", "az-1", 1));
    t = 1500;
    expect(topo.healthyReplicas(1).map((r) => r.nodeId)).toEqual(["fm-1b", "fm-1c"]);
  });

  it("ignores a heartbeat not newer than the node's latest (a replay restores no old address)", () => {
    let t = 0;
    const topo = createTopology({ staleAfterMs: 1000, now: () => t });
    const latest = { ...hb("fm-1a", "region-a", "az-1", 1), sentAt: 1e9 };
    topo.observe(latest);
    topo.observe({ ...latest, sentAt: 1e9 - 1, address: "10.0.0.9:1" });
    expect(topo.placement(1).replicas.map((r) => r.address)).toEqual(["127.0.0.1:1001"]);
    // Replaying the latest one does not keep a node that went quiet healthy either.
    t = 1500;
    topo.observe(latest);
    expect(topo.healthyReplicas(1)).toEqual([]);
    topo.observe({ ...latest, sentAt: 1e9 + 1, address: "10.0.0.9:2" });
    expect(topo.placement(1).replicas.map((r) => r.address)).toEqual(["10.0.0.9:2"]);
  });

  it("keeps customer slots (a gateway's fragment) out of the cluster's slots", () => {
    let t = 0;
    const topo = createTopology({ staleAfterMs: 1000, now: () => t, customerSlots: [100] });
    topo.observe(hb("fm-1a", "region-a", "az-1", 1));
    topo.observe(hb("fm-2a", "region-a", "az-1", 2));
    topo.observe({ ...hb("gateway-1-customer", "customer", "customer", 100), customer: true });
    expect(topo.slots()).toEqual([1, 2]);
    expect(topo.customerSlots()).toEqual([100]);
    expect(topo.healthyReplicas(100).map((r) => r.nodeId)).toEqual(["gateway-1-customer"]);
    // A customer fragment whose gateway went quiet is no longer offered to new keys.
    t = 1500;
    topo.observe(hb("fm-1a", "region-a", "az-1", 1));
    expect(topo.customerSlots()).toEqual([]);
    expect(topo.slots()).toEqual([1, 2]);
  });

  it("makes a customer slot only of a configured one: a node's own customer flag is not enough", async () => {
    // A genuine fragment manager of cluster slot 1, signing with its real certificate's key.
    const dir = await mkdtemp(join(tmpdir(), "kf-topology-"));
    try {
      await createDevCa(join(dir, "ca"));
      const caPem = await readFile(join(dir, "ca", "ca.pem"));
      const identity = randomBytes(32);
      const cert = async (name: string, slot: number) => {
        const files = await issueCertificate({
          caDir: join(dir, "ca"),
          dir: join(dir, "certs", name),
          name,
          role: "fragment-manager",
          uris: slotIdentityUris(slot, identity),
        });
        const pem = await readFile(files.certFile, "utf8");
        return {
          certificate: Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64").toString(
            "base64",
          ),
          key: await readFile(files.keyFile),
        };
      };
      const signed = async (nodeId: string, slot: number, customer: boolean) => {
        const c = await cert(nodeId, slot);
        const heartbeat = {
          ...hb(nodeId, "region-a", "az-1", slot),
          identityPublicKey: identity.toString("hex"),
          certificate: c.certificate,
          sentAt: Date.now(),
          ...(customer ? { customer: true } : {}),
        };
        return openHeartbeat(signHeartbeat(heartbeat, c.key), { caPem });
      };
      const topo = createTopology({ staleAfterMs: 60_000, customerSlots: [100] });
      topo.observe(await signed("fm-1a", 1, false));
      topo.observe(await signed("fm-2a", 2, false));
      // The signature checks out, but slot 1 is a cluster slot: the claim is refused.
      const claim = await signed("fm-1b", 1, true);
      expect(() => topo.observe(claim)).toThrow(/not one of the coordinator's KF_CUSTOMER_SLOTS/);
      expect(topo.customerSlots()).toEqual([]);
      expect(topo.slots()).toEqual([1, 2]);
      expect(topo.nodes().map((n) => n.nodeId)).toEqual(["fm-1a", "fm-2a"]);
      // A cluster node's heartbeat for a configured customer slot is refused too.
      const squatter = await signed("fm-100a", 100, false);
      expect(() => topo.observe(squatter)).toThrow(/is a customer slot/);
      expect(topo.customerSlots()).toEqual([]);
      // The gateway's customer fragment of slot 100 is one.
      topo.observe(await signed("gateway-1-customer", 100, true));
      expect(topo.customerSlots()).toEqual([100]);
      expect(topo.slots()).toEqual([1, 2]);
      // Without any configured customer slot, no heartbeat makes one.
      const none = createTopology({ staleAfterMs: 60_000 });
      expect(() => none.observe(claim)).toThrow(/KF_CUSTOMER_SLOTS/);
      expect(none.customerSlots()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe("held keys from digests per held-key set", () => {
    const held = (keyId: string, epoch: number) => ({
      keyId,
      version: 1,
      epoch,
      digest: String(epoch).padStart(2, "0").repeat(32),
    });
    const a = held(`05${"aa".repeat(15)}`, 2);
    const b = held(`05${"bb".repeat(15)}`, 4);
    const setA = heldKeySetOf(a.keyId);
    const announce = (keys: (typeof a)[], over: Record<string, unknown> = {}) => {
      const { keys: _legacy, ...base } = hb("fm-1a", "region-a", "az-1", 1);
      return {
        ...base,
        keySets:
          keys.length === 0
            ? []
            : [{ set: setA, count: keys.length, digest: heldKeySetDigest(keys) }],
        ...over,
      };
    };

    it("believes a node's answer for a set only if it hashes to the digest the heartbeat announced", () => {
      const topo = createTopology({ staleAfterMs: 1000 });
      topo.observe(announce([a, b]));
      const node = topo.placement(1).replicas[0];
      if (!node) throw new Error("no node");
      expect(topo.staleSets("fm-1a")).toEqual([setA]);
      expect(topo.heldKnown(node, a.keyId)).toBe(false);
      expect(node.keyCount).toBe(2);

      // An answer that leaves a key out, or claims another epoch, is not what was announced.
      expect(topo.applyHeldSet("fm-1a", setA, [a])).toBe(false);
      expect(topo.applyHeldSet("fm-1a", setA, [a, { ...b, epoch: 5 }])).toBe(false);
      expect(topo.staleSets("fm-1a")).toEqual([setA]);
      expect(node.keys.size).toBe(0);

      expect(topo.applyHeldSet("fm-1a", setA, [b, a])).toBe(true);
      expect(topo.staleSets("fm-1a")).toEqual([]);
      expect(topo.heldKnown(node, a.keyId)).toBe(true);
      expect(node.keys.get(`${b.keyId}/v1`)?.epoch).toBe(4);

      // A set the node no longer lists holds nothing, without asking the node.
      topo.observe(announce([]));
      expect(topo.staleSets("fm-1a")).toEqual([]);
      expect(topo.placement(1).replicas[0]?.keys.size).toBe(0);
    });

    it("fetches only the sets whose digest changed, one fetch per node at a time", async () => {
      const topo = createTopology({ staleAfterMs: 1000 });
      let holds = [a, b];
      const asked: number[][] = [];
      const sync = createHeldKeySync({
        topology: topo,
        // The node's HeldKeys, answering from what it holds now.
        fetch: async (_node, sets) => {
          asked.push(sets);
          return sets.map((set) => ({
            set,
            keys: holds.filter((k) => heldKeySetOf(k.keyId) === set),
          }));
        },
        log: { warn() {} },
      });
      topo.observe(announce(holds));
      sync.poke("fm-1a");
      sync.poke("fm-1a"); // already fetching
      await sync.idle();
      expect(asked).toEqual([[setA]]);
      expect(topo.placement(1).replicas[0]?.keys.get(`${a.keyId}/v1`)?.epoch).toBe(2);

      // Same digest again: nothing to fetch.
      topo.observe(announce(holds));
      sync.poke("fm-1a");
      await sync.idle();
      expect(asked).toHaveLength(1);

      // The node refreshed a key: its set is fetched again.
      const announced = [{ ...a, epoch: 3 }, b];
      topo.observe(announce(announced));
      // ...and changed once more before it answered: the answer is not believed, no loop.
      holds = [{ ...a, epoch: 4 }, b];
      sync.poke("fm-1a");
      await sync.idle();
      expect(asked).toHaveLength(2);
      expect(topo.staleSets("fm-1a")).toEqual([setA]);
      // Its next heartbeat announces what it holds, and that is fetched.
      topo.observe(announce(holds));
      sync.poke("fm-1a");
      await sync.idle();
      expect(topo.staleSets("fm-1a")).toEqual([]);
      expect(topo.placement(1).replicas[0]?.keys.get(`${a.keyId}/v1`)?.epoch).toBe(4);
    });
  });
});
