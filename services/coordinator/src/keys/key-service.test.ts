import {
  type DkgState,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  generateIdentityKeyPair,
  type IdentityKeyPair,
} from "@keyfrag/crypto";
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from "@keyfrag/rpc";
import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import { createLeaderElection } from "../leader/leader-election.js";
import { createTopology, type NodeView } from "../topology/topology.js";
import type { CustomerFragment } from "./customer-fragments.js";
import type { FragmentPort } from "./fragment-port.js";
import { createKeyRegistry } from "./key-registry.js";
import { createKeyService } from "./key-service.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const quiet = { info() {}, warn() {}, error() {} };

/**
 * One in-process DKG participant per slot, running the real protocol (@keyfrag/crypto) but
 * keeping its share in memory: the coordinator's side of generation is what is under test.
 */
function participants(slots: number) {
  const identities = new Map<number, IdentityKeyPair>();
  for (let s = 1; s <= slots; s++) identities.set(s, generateIdentityKeyPair());
  const sessions = new Map<string, DkgState>();
  const held = new Set<string>();
  const discarded: string[] = [];
  const caughtUp: string[] = [];
  const unreachable = new Set<string>();
  let failFinishOf: number | undefined;
  const port = (node: NodeView): FragmentPort => {
    const identity = identities.get(node.slot) as IdentityKeyPair;
    const unused = () => Promise.reject(new Error("not used in this test"));
    return {
      async dkgRound1(req) {
        const { state, message } = dkgRound1(
          {
            sessionId: `${hex(req.keyId)}/v${req.version}/${req.sessionId}`,
            suite: req.suite,
            threshold: req.threshold,
            participants: req.participants.map((p) => ({
              slot: p.slot,
              identityPublicKey: p.identityPublicKey,
            })),
          },
          node.slot,
          identity,
        );
        sessions.set(`${node.slot}:${req.sessionId}`, state);
        held.add(`${node.slot}:v${req.version}`);
        return message;
      },
      async dkgRound2(req) {
        return dkgRound2(sessions.get(`${node.slot}:${req.sessionId}`) as DkgState, req.round1);
      },
      async dkgFinish(req) {
        if (failFinishOf === node.slot) throw new Error(`slot ${node.slot} crashed`);
        return dkgFinish(sessions.get(`${node.slot}:${req.sessionId}`) as DkgState, req.packages)
          .key;
      },
      async discardKey(req) {
        discarded.push(`${node.nodeId}:v${req.version}`);
      },
      refreshDeal: unused,
      refreshPrepare: unused,
      refreshCommit: unused,
      refreshAbort: unused,
      async catchUp(req) {
        if (unreachable.has(node.nodeId)) throw new Error(`${node.nodeId} unreachable`);
        caughtUp.push(`${node.nodeId}:v${req.version}`);
      },
    };
  };
  return {
    identities,
    port,
    discarded,
    caughtUp,
    /** Catch-up to these replicas fails (down, or refusing the source). */
    unreachable,
    failFinish: (slot: number | undefined) => {
      failFinishOf = slot;
    },
  };
}

async function setUp(
  options: {
    customerSlot?: number;
    replicas?: number;
    /** KF_CUSTOMER_SLOTS (default: `customerSlot` alone); each gets one up node but `down`. */
    customers?: readonly CustomerFragment[];
    down?: readonly number[];
  } = {},
) {
  const redis = await testRedis();
  const namespace = redis.key("coord");
  const leader = createLeaderElection({ redis: redis.client, namespace, id: "c1", ttlMs: 5_000 });
  await leader.start();
  const registry = createKeyRegistry(redis.client, namespace, leader);
  const customers =
    options.customers ??
    (options.customerSlot
      ? [{ id: String(options.customerSlot), slot: options.customerSlot }]
      : []);
  const customerSlots = new Set(customers.map((c) => c.slot));
  const topology = createTopology({ staleAfterMs: 60_000, customerSlots });
  const cluster = participants(3);
  for (const slot of customerSlots)
    if (!options.down?.includes(slot)) cluster.identities.set(slot, generateIdentityKeyPair());
  for (const [slot, identity] of cluster.identities) {
    const replicas = customerSlots.has(slot) ? 1 : (options.replicas ?? 1);
    for (let r = 0; r < replicas; r++) {
      topology.observe({
        ...(customerSlots.has(slot) ? { customer: true } : {}),
        nodeId: `fm-${slot}${String.fromCharCode(97 + r)}`,
        region: "region-a",
        zone: `az-${r + 1}`,
        slot,
        address: `127.0.0.1:${1000 + 10 * slot + r}`,
        identityPublicKey: hex(identity.publicKey),
        certificate: "",
        keys: [],
        sentAt: 0,
      });
    }
  }
  const keys = createKeyService({
    topology,
    registry,
    fragments: cluster.port,
    log: quiet,
    customerFragments: customers,
  });
  return {
    keys,
    registry,
    cluster,
    async [Symbol.asyncDispose]() {
      await leader.stop();
      await redis[Symbol.asyncDispose]();
    },
  };
}

describe("key rotation in the key service", () => {
  it("makes version newest+1 with the newest version's shape and a new public key; lists every version", async () => {
    await using t = await setUp();
    const v1 = await t.keys.createKey({
      name: "/k/sign",
      algorithm: "ED25519",
      slots: 3,
      threshold: 2,
    });
    const v2 = await t.keys.rotateKey("/k/sign");
    expect(v2).toMatchObject({
      name: "/k/sign",
      keyId: v1.keyId,
      version: 2,
      algorithm: "ED25519",
    });
    expect(v2.public).toMatchObject({ suite: "ed25519", threshold: 2, slots: [1, 2, 3], epoch: 0 });
    expect(v2.public.commitments).not.toEqual(v1.public.commitments);

    expect((await t.keys.getKey("/k/sign")).version).toBe(2);
    expect((await t.keys.getKey("/k/sign", 0)).version).toBe(2);
    expect((await t.keys.getKey("/k/sign", 1)).public).toEqual(v1.public);
    await expect(t.keys.getKey("/k/sign", 3)).rejects.toThrow(/\/k\/sign v3 not found/);

    await t.keys.createKey({ name: "/k/aes", algorithm: "AES256GCM" });
    expect((await t.keys.listKeys()).map((r) => `${r.name} v${r.version}`)).toEqual([
      "/k/aes v1",
      "/k/sign v1",
      "/k/sign v2",
    ]);
  });

  it("serialises concurrent rotations of one key: each makes its own version", async () => {
    await using t = await setUp();
    await t.keys.createKey({ name: "/k/aes", algorithm: "AES128GCM" });
    const done = await Promise.all([1, 2, 3].map(() => t.keys.rotateKey("/k/aes")));
    expect(done.map((r) => r.version).sort()).toEqual([2, 3, 4]);
    const all = await t.registry.versions("/k/aes");
    expect(all.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect(new Set(all.map((r) => JSON.stringify(r.public.commitments))).size).toBe(4);
    expect(all.every((r) => r.algorithm === "AES128GCM")).toBe(true);
  });

  it("a failed rotation records nothing, discards the new version's fragments and leaves the next one free", async () => {
    await using t = await setUp();
    await t.keys.createKey({ name: "/k/aes", algorithm: "AES256GCM" });
    t.cluster.failFinish(2);
    await expect(t.keys.rotateKey("/k/aes")).rejects.toThrow(/slot 2 crashed/);
    expect((await t.keys.getKey("/k/aes")).version).toBe(1);
    await expect(t.keys.getKey("/k/aes", 2)).rejects.toThrow(NotFoundError);
    expect(t.cluster.discarded.sort()).toEqual(["fm-1a:v2", "fm-2a:v2", "fm-3a:v2"]);
    t.cluster.failFinish(undefined);
    expect((await t.keys.rotateKey("/k/aes")).version).toBe(2);
  });

  it("records a new version only once every slot holds it on two replicas (when two are up)", async () => {
    await using t = await setUp({ replicas: 3 });
    const v1 = await t.keys.createKey({ name: "/k/aes", algorithm: "AES256GCM" });
    expect(v1.version).toBe(1);
    expect(t.cluster.caughtUp.sort()).toEqual(
      ["1b", "1c", "2b", "2c", "3b", "3c"].map((n) => `fm-${n}:v1`),
    );
    // Slot 2's new fragment can reach no second replica: neither the rotation nor a new key
    // may be used (and rewrapped onto) with that fragment on one disk alone.
    t.cluster.unreachable.add("fm-2b").add("fm-2c");
    await expect(t.keys.rotateKey("/k/aes")).rejects.toThrow(
      /slot 2: the new version reached only 1/,
    );
    expect((await t.keys.getKey("/k/aes")).version).toBe(1);
    await expect(t.keys.getKey("/k/aes", 2)).rejects.toThrow(NotFoundError);
    expect(t.cluster.discarded).toContain("fm-1b:v2");
    await expect(t.keys.createKey({ name: "/k/new", algorithm: "ED25519" })).rejects.toThrow(
      /not recorded/,
    );
    await expect(t.keys.getKey("/k/new")).rejects.toThrow(NotFoundError);
    // One replica of slot 2 reachable again is enough.
    t.cluster.unreachable.delete("fm-2c");
    expect((await t.keys.rotateKey("/k/aes")).version).toBe(2);
  });

  it("refuses a missing key, a bad name and a key with a customer slot", async () => {
    await using t = await setUp();
    await expect(t.keys.rotateKey("/k/missing")).rejects.toThrow(NotFoundError);
    await expect(t.keys.rotateKey("")).rejects.toThrow(InvalidArgumentError);
    await expect(t.keys.getKey("no spaces allowed")).rejects.toThrow(InvalidArgumentError);
    // A version whose slots include one nobody serves (a customer slot whose gateway is down).
    const v1 = await t.keys.createKey({ name: "/k/cust", algorithm: "AES256GCM" });
    await t.registry.create({ ...v1, version: 2, public: { ...v1.public, slots: [1, 2, 3, 4] } });
    await expect(t.keys.rotateKey("/k/cust")).rejects.toThrow(FailedPreconditionError);
    expect((await t.keys.getKey("/k/cust")).version).toBe(2);
  });
});

describe("customer-slot keys in the key service", () => {
  it("adds the customer slot to the cluster slots, n-of-n, and keeps it out of ordinary keys", async () => {
    await using t = await setUp({ customerSlot: 100 });
    const k = await t.keys.createKey({
      name: "/k/cust",
      algorithm: "AES256GCM",
      customerSlot: true,
    });
    expect(k.public).toMatchObject({ slots: [1, 2, 3, 100], threshold: 4 });
    const two = await t.keys.createKey({
      name: "/k/cust2",
      algorithm: "AES256GCM",
      slots: 2,
      customerSlot: true,
    });
    expect(two.public).toMatchObject({ slots: [1, 2, 100], threshold: 3 });
    const v2 = await t.keys.rotateKey("/k/cust");
    expect(v2.public).toMatchObject({ slots: [1, 2, 3, 100], threshold: 4 });
    const plain = await t.keys.createKey({ name: "/k/plain", algorithm: "AES256GCM" });
    expect(plain.public).toMatchObject({ slots: [1, 2, 3], threshold: 3 });
  });

  it("refuses a threshold the cluster slots could meet alone", async () => {
    await using t = await setUp({ customerSlot: 100 });
    for (const threshold of [2, 3]) {
      await expect(
        t.keys.createKey({
          name: "/k/weak",
          algorithm: "AES256GCM",
          threshold,
          customerSlot: true,
        }),
      ).rejects.toThrow(InvalidArgumentError);
    }
    await expect(
      t.keys.createKey({
        name: "/k/weak",
        algorithm: "AES256GCM",
        threshold: 5,
        customerSlot: true,
      }),
    ).rejects.toThrow(InvalidArgumentError);
  });

  it("refuses a customer-slot key when no customer fragment is up", async () => {
    await using t = await setUp();
    await expect(
      t.keys.createKey({ name: "/k/cust", algorithm: "AES256GCM", customerSlot: true }),
    ).rejects.toThrow(/no customer fragment is up/);
    await expect(
      t.keys.createKey({ name: "/k/cust", algorithm: "AES256GCM", customerSlot: true }),
    ).rejects.toThrow(FailedPreconditionError);
  });
});

describe("several customer fragments in the key service", () => {
  const customers = [
    { id: "acme", slot: 100 },
    { id: "globex", slot: 101 },
  ];

  it("places a key on the customer fragment it names, by id or slot number, and on no other", async () => {
    await using t = await setUp({ customers });
    const a = await t.keys.createKey({
      name: "/k/a",
      algorithm: "AES256GCM",
      customerFrgId: "acme",
      gatewayCustomerSlot: 100,
    });
    expect(a.public).toMatchObject({ slots: [1, 2, 3, 100], threshold: 4 });
    const b = await t.keys.createKey({
      name: "/k/b",
      algorithm: "ED25519",
      slots: 2,
      customerSlot: true,
      customerFrgId: "101",
    });
    expect(b.public).toMatchObject({ slots: [1, 2, 101], threshold: 3 });
    expect(t.keys.customerFragmentOf(a.public.slots)).toEqual({ id: "acme", slot: 100 });
    expect(t.keys.customerFragmentOf(b.public.slots)).toEqual({ id: "globex", slot: 101 });
    expect(t.keys.customerFragmentOf([1, 2, 3])).toBeUndefined();
    // Rotation keeps the key's own customer slot.
    expect((await t.keys.rotateKey("/k/b")).public).toMatchObject({ slots: [1, 2, 101] });
    // Ordinary keys take neither.
    const plain = await t.keys.createKey({ name: "/k/plain", algorithm: "AES256GCM" });
    expect(plain.public.slots).toEqual([1, 2, 3]);
  });

  it("refuses customer_slot without an id when there are several, and ids that name no customer slot", async () => {
    await using t = await setUp({ customers });
    const create = (extra: Record<string, unknown>) =>
      t.keys.createKey({ name: "/k/bad", algorithm: "AES256GCM", ...extra });
    await expect(create({ customerSlot: true })).rejects.toThrow(InvalidArgumentError);
    await expect(create({ customerSlot: true })).rejects.toThrow(/several customer fragments/);
    const invalid: [string, RegExp][] = [
      ["nope", /customer_frg_id nope names no customer fragment/],
      ["2", /customer_frg_id 2: slot 2 is a cluster slot, not a customer slot/],
      ["7", /customer_frg_id 7: slot 7 is not a customer slot/],
      ["bad id!", /customer_frg_id must be/],
    ];
    for (const [id, message] of invalid) {
      const err = await create({ customerFrgId: id }).catch((e: unknown) => e);
      expect(err, id).toBeInstanceOf(InvalidArgumentError);
      expect(String(err), id).toMatch(message);
    }
    await expect(t.keys.getKey("/k/bad")).rejects.toThrow(NotFoundError);
  });

  it("refuses, before any DKG, a customer fragment other than the creating gateway's, and one that is down", async () => {
    await using t = await setUp({ customers, down: [101] });
    const err = await t.keys
      .createKey({
        name: "/k/a",
        algorithm: "AES256GCM",
        customerFrgId: "acme",
        gatewayCustomerSlot: 101,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FailedPreconditionError);
    expect(String(err)).toMatch(
      /acme \(slot 100\) is not the creating gateway's \(it holds customer slot 101\)/,
    );
    await expect(
      t.keys.createKey({ name: "/k/b", algorithm: "AES256GCM", customerFrgId: "globex" }),
    ).rejects.toThrow(/no customer fragment is up for globex \(slot 101\)/);
    expect(t.cluster.discarded).toEqual([]);
    await expect(t.keys.getKey("/k/a")).rejects.toThrow(NotFoundError);
  });

  it("with one customer fragment, customer_slot alone takes it, as before", async () => {
    await using t = await setUp({ customers: [{ id: "acme", slot: 100 }] });
    const k = await t.keys.createKey({ name: "/k/c", algorithm: "AES256GCM", customerSlot: true });
    expect(k.public.slots).toEqual([1, 2, 3, 100]);
  });
});
