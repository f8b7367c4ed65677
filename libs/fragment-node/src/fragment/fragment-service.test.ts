import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  dkgFinish,
  dkgRound1,
  dkgRound2,
  generateIdentityKeyPair,
  openFromIdentity,
  type SigningNonce,
} from "@keyfrag/crypto";
import { PermissionDeniedError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createFragmentService, type FetchFromPeer } from "./fragment-service.js";
import { createFragmentStore } from "./fragment-store.js";
import { type NonceStock, openNonceStock } from "./nonce-stock.js";
import { parseSlotPeers } from "./slot-peers.js";

/** Slot 1's primary holding its fragment of a fresh 2-slot key, pinning `peers` as its slot's replicas. */
async function primaryOfSlotOne(
  peers: (me: Uint8Array) => Uint8Array[],
  options: {
    fetchFromPeer?: FetchFromPeer;
    suite?: "ristretto255" | "ed25519";
    nonceStock?: NonceStock;
  } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), "kf-fm-service-"));
  const ids = [generateIdentityKeyPair(), generateIdentityKeyPair()];
  const session = {
    sessionId: "s",
    suite: options.suite ?? "ristretto255",
    threshold: 2,
    participants: ids.map((id, i) => ({ slot: i + 1, identityPublicKey: id.publicKey })),
  };
  const started = ids.map((id, i) => dkgRound1(session, i + 1, id));
  const round1 = started.map((s) => s.message);
  const packages = started.flatMap((s) => dkgRound2(s.state, round1));
  const { share, key } = dkgFinish(
    started[0]?.state as (typeof started)[number]["state"],
    packages.filter((p) => p.to === 1),
  );
  const store = await createFragmentStore({ dir, nodeKey: new Uint8Array(32).fill(1) });
  const ref = { keyId: new Uint8Array(16).fill(9), version: 1 };
  await store.putCurrent(ref.keyId, ref.version, share, key);
  const identity = ids[0] as (typeof ids)[number];
  const node = { nodeId: "fm-1a", region: "r", zone: "z", slot: 1, identity };
  const service = createFragmentService(node, store, {
    caPem: "",
    fetchFromPeer: options.fetchFromPeer ?? (() => Promise.reject(new Error("not used"))),
    slotPeers: peers(identity.publicKey),
    ...(options.nonceStock ? { nonceStock: options.nonceStock } : {}),
  });
  return {
    service,
    ref,
    share,
    key,
    async [Symbol.asyncDispose]() {
      service.close();
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe("catch-up export", () => {
  it("seals a fragment only to a replica whose identity key this slot pinned, whatever the CA certified", async () => {
    const pinned = generateIdentityKeyPair();
    const certifiedOnly = generateIdentityKeyPair();
    await using t = await primaryOfSlotOne((me) => [me, pinned.publicKey]);
    const req = { ...t.ref, epoch: 0, pending: false };
    // A fragment manager of slot 1 as far as any CA-signed certificate goes, but not pinned.
    await expect(
      t.service.exportFragment(req, {
        nodeId: "fm-1x",
        slot: 1,
        identityPublicKey: certifiedOnly.publicKey,
      }),
    ).rejects.toThrow(PermissionDeniedError);
    const out = await t.service.exportFragment(req, {
      nodeId: "fm-1b",
      slot: 1,
      identityPublicKey: pinned.publicKey,
    });
    const opened = openFromIdentity({
      recipient: pinned,
      senderPublicKey: out.senderIdentityPublicKey,
      sealed: out.sealed,
      context: [
        "keyfrag/catch-up/v1",
        Buffer.from(t.ref.keyId).toString("hex"),
        1,
        1,
        0,
        "current",
      ],
    });
    expect(Buffer.from(opened).equals(Buffer.from(t.share.secret))).toBe(true);
  });

  it("exports to no one when no replica is pinned (a lone replica, a customer fragment)", async () => {
    const other = generateIdentityKeyPair();
    await using t = await primaryOfSlotOne(() => []);
    await expect(
      t.service.exportFragment(
        { ...t.ref, epoch: 0, pending: false },
        { nodeId: "fm-1b", slot: 1, identityPublicKey: other.publicKey },
      ),
    ).rejects.toThrow(/replicas pinned for slot 1/);
  });
});

describe("catch-up import", () => {
  it("takes a fragment only from a replica this slot pinned", async () => {
    const rogue = generateIdentityKeyPair();
    const pinned = generateIdentityKeyPair();
    // fm-1b, pinning fm-1a's key; the source it is sent to is certified for slot 1 (the TLS
    // handshake proved that much) with a key of its own.
    await using t = await primaryOfSlotOne((me) => [me, pinned.publicKey], {
      fetchFromPeer: async () => ({
        sealed: new Uint8Array(64),
        senderIdentityPublicKey: rogue.publicKey,
        key: t.key,
        peer: { nodeId: "fm-1x", slot: 1, identityPublicKey: rogue.publicKey },
      }),
    });
    await expect(
      t.service.catchUp({ ...t.ref, key: t.key, pending: false, sourceAddress: "fm-1x:7000" }),
    ).rejects.toThrow(/not one of the replicas pinned for slot 1/);
  });
});

describe("the slot-peers file", () => {
  it("reads one hex key per line with an optional name, skipping comments and blank lines", () => {
    const a = "aa".repeat(32);
    const b = "0B".repeat(32);
    const keys = parseSlotPeers(`# slot 1\n${a} fm-1a\n\n${b}\n`);
    expect(keys.map((k) => Buffer.from(k).toString("hex"))).toEqual([a, b.toLowerCase()]);
  });

  it("refuses a line that is not a key, naming the line", () => {
    expect(() => parseSlotPeers(`${"aa".repeat(32)}\nfm-1b\n`, "peers")).toThrow(/peers, line 2/);
    expect(() => parseSlotPeers("aa".repeat(31))).toThrow(/line 1/);
  });
});

describe("signing nonces", () => {
  it("wipes a preprocessed nonce whose SignShare is refused (an altered commitment), not only a used one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kf-fm-nonces-"));
    const real = await openNonceStock({ dir, nodeKey: new Uint8Array(32).fill(2) });
    // The real stock, wrapped so the test keeps the nonce objects it hands to the service.
    const handedOut: SigningNonce[] = [];
    const stock: NonceStock = Object.assign(Object.create(real) as NonceStock, {
      take: async (nonceId: string) => {
        const taken = await real.take(nonceId);
        if (taken) handedOut.push(taken.nonce);
        return taken;
      },
    });
    try {
      await using node = await primaryOfSlotOne(() => [], { suite: "ed25519", nonceStock: stock });
      const [issued] = await node.service.signPreprocess({
        ...node.ref,
        epoch: node.key.epoch,
        count: 1,
      });
      if (!issued) throw new Error("no nonce issued");
      const altered = { ...issued.commitment, hiding: issued.commitment.hiding.slice() };
      altered.hiding[0] = (altered.hiding[0] ?? 0) ^ 1;
      await expect(
        node.service.signShare({
          ...node.ref,
          epoch: node.key.epoch,
          nonceId: issued.nonceId,
          commitments: [altered],
          message: new Uint8Array([1, 2, 3]),
        }),
      ).rejects.toThrow();
      expect(handedOut).toHaveLength(1);
      expect(handedOut[0]?.used).toBe(true);
    } finally {
      await real.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
