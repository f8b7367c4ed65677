import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HELD_KEY_SETS, heldKeySetDigest, heldKeySetOf } from "@keyfrag/bus";
import {
  dkgFinish,
  dkgRound1,
  dkgRound2,
  generateIdentityKeyPair,
  type KeyPublic,
  keyPublicDigest,
  refreshDeal,
  refreshFinish,
  type SlotShare,
} from "@keyfrag/crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFragmentStore, type FragmentStore } from "./fragment-store.js";
import { createHeldKeySets, type HeldKeySets } from "./held-key-sets.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Slot 1's fragment of a real 2-slot DKG at epoch 0, and after one refresh at epoch 1. */
function twoEpochs(): { share: SlotShare; key: KeyPublic }[] {
  const slots = [1, 2];
  const ids = new Map(slots.map((s) => [s, generateIdentityKeyPair()] as const));
  const session = {
    sessionId: `held-key-sets-${Math.random()}`,
    suite: "ristretto255" as const,
    threshold: 2,
    participants: slots.map((slot) => ({
      slot,
      identityPublicKey: (ids.get(slot) as ReturnType<typeof generateIdentityKeyPair>).publicKey,
    })),
  };
  const id = (slot: number) => ids.get(slot) as ReturnType<typeof generateIdentityKeyPair>;
  const r1 = slots.map((slot) => dkgRound1(session, slot, id(slot)));
  const packages = r1.flatMap((r) =>
    dkgRound2(
      r.state,
      r1.map((x) => x.message),
    ),
  );
  const done = r1.map((r) =>
    dkgFinish(
      r.state,
      packages.filter((p) => p.to === r.state.slot),
    ),
  );
  const key = done[0]?.key as KeyPublic;
  const refresh = { sessionId: `r-${Math.random()}`, key, participants: session.participants };
  const dealt = done.map((d) => refreshDeal(refresh, d.share, id(d.share.slot)));
  const next = dealt.map((d) =>
    refreshFinish(
      d.state,
      dealt.map((x) => x.dealing),
    ),
  );
  return [
    { share: done[0]?.share as SlotShare, key },
    { share: next[0]?.share as SlotShare, key: next[0]?.key as KeyPublic },
  ];
}

describe("held-key sets (what a heartbeat announces)", () => {
  let dir: string;
  let sets: HeldKeySets;
  let store: FragmentStore;
  const nodeKey = new Uint8Array(32).fill(7);
  const open = async () => {
    sets = createHeldKeySets();
    store = await createFragmentStore({
      dir,
      nodeKey,
      onChange: (keyIdHex, version) => sets.changed(keyIdHex, version),
    });
    await sets.attach(store);
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-held-sets-"));
    await open();
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("announces one digest per non-empty set, however many keys there are, each over what HeldKeys answers", async () => {
    const [e0] = twoEpochs();
    if (!e0) throw new Error("no epoch 0");
    const keyIds = Array.from({ length: 150 }, () => randomBytes(16));
    for (const keyId of keyIds) await store.putCurrent(keyId, 1, e0.share, e0.key);

    const summary = sets.summary();
    expect(summary.length).toBeLessThanOrEqual(HELD_KEY_SETS);
    expect(summary.reduce((n, s) => n + s.count, 0)).toBe(150);
    const used = new Set(keyIds.map((k) => heldKeySetOf(hex(k))));
    expect(summary.map((s) => s.set)).toEqual([...used].sort((a, b) => a - b));
    for (const s of summary) {
      const keys = sets.keysOf(s.set);
      expect(keys).toHaveLength(s.count);
      expect(heldKeySetDigest(keys)).toBe(s.digest);
      expect(keys.every((k) => k.epoch === 0 && k.digest === hex(keyPublicDigest(e0.key)))).toBe(
        true,
      );
    }
  });

  it("changes only the digest of the set a refresh, commit or erase touched", async () => {
    const [e0, e1] = twoEpochs();
    if (!e0 || !e1) throw new Error("no epochs");
    // Two keys in different sets.
    const a = Buffer.from(`01${"aa".repeat(15)}`, "hex");
    const b = Buffer.from(`02${"bb".repeat(15)}`, "hex");
    await store.putCurrent(a, 1, e0.share, e0.key);
    await store.putCurrent(b, 1, e0.share, e0.key);
    const digestOf = (keyId: Buffer) =>
      sets.summary().find((s) => s.set === heldKeySetOf(hex(keyId)))?.digest;
    const before = { a: digestOf(a), b: digestOf(b) };

    await store.putPending(a, 1, e1.share, e1.key);
    expect(digestOf(b)).toBe(before.b);
    expect(digestOf(a)).not.toBe(before.a);
    expect(sets.keysOf(heldKeySetOf(hex(a)))).toEqual([
      {
        keyId: hex(a),
        version: 1,
        epoch: 0,
        digest: hex(keyPublicDigest(e0.key)),
        pendingEpoch: 1,
        pendingDigest: hex(keyPublicDigest(e1.key)),
      },
    ]);

    await store.commitPending(a, 1, 1);
    expect(sets.keysOf(heldKeySetOf(hex(a)))).toEqual([
      { keyId: hex(a), version: 1, epoch: 1, digest: hex(keyPublicDigest(e1.key)) },
    ]);
    expect(digestOf(b)).toBe(before.b);

    await store.eraseKey(b, 1);
    expect(digestOf(b)).toBeUndefined();
    expect(sets.summary().reduce((n, s) => n + s.count, 0)).toBe(1);

    // A restarted node announces the same from what is on disk.
    const announced = sets.summary();
    store.close();
    await open();
    expect(sets.summary()).toEqual(announced);
  });
});
