import { ED25519_TORSION_SUBGROUP, ed25519, ristretto255 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  type DkgRound1Message,
  type DkgSession,
  type DkgState,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  generateIdentityKeyPair,
  type IdentityKeyPair,
  InvalidInputError,
  keyPublicFromJson,
  keyPublicToJson,
  openFromIdentity,
  sealToIdentity,
} from "../src/index.js";
import { groupSecret, hex, runDkg, slotError, unhex } from "./helpers.js";

function session(n: number, t: number, suite: "ristretto255" | "ed25519" = "ristretto255") {
  const identities = Array.from({ length: n }, () => generateIdentityKeyPair());
  const s: DkgSession = {
    sessionId: "dkg-test",
    suite,
    threshold: t,
    participants: identities.map((k, i) => ({ slot: i + 1, identityPublicKey: k.publicKey })),
  };
  const round1 = identities.map((k, i) => dkgRound1(s, i + 1, k));
  return { s, identities, round1, broadcast: round1.map((r) => r.message) };
}

describe("distributed key generation", () => {
  it.each([
    ["ristretto255", 3, 3],
    ["ristretto255", 5, 3],
    ["ed25519", 3, 3],
    ["ed25519", 4, 2],
  ] as const)(
    "%s n=%i t=%i: every participant ends with the same public data and a share that matches it",
    (suite, n, t) => {
      const k = runDkg(suite, n, t);
      expect(k.key.epoch).toBe(0);
      expect(k.key.slots).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(k.key.commitments).toHaveLength(t);
      // The group key is the public key of the (test-only reconstructed) group secret.
      const secret = groupSecret(k);
      const Point = suite === "ed25519" ? ed25519.Point : ristretto255.Point;
      const scalar = Point.Fn.fromBytes(secret);
      expect(hex(Point.BASE.multiply(scalar).toBytes())).toBe(hex(k.key.groupPublicKey));
      // The public data cannot be altered by whoever holds it.
      const y = k.key.verifyingShares.get(1) as Uint8Array;
      y.fill(0);
      expect(hex(k.key.verifyingShares.get(1) as Uint8Array)).not.toBe(hex(y));
      expect("set" in k.key.verifyingShares).toBe(false);
      expect(() => {
        (k.key.verifyingShares as unknown as { size: number }).size = 0;
      }).toThrow(TypeError);
      // Public data survives a JSON round trip, with verifying shares re-derived.
      const again = keyPublicFromJson(JSON.parse(JSON.stringify(keyPublicToJson(k.key))));
      expect([...again.verifyingShares].map(([s, y]) => [s, hex(y)])).toEqual(
        [...k.key.verifyingShares].map(([s, y]) => [s, hex(y)]),
      );
    },
  );

  it("public data decoded twice is equal, and shares no bytes a holder could alter", () => {
    const k = runDkg("ed25519", 3, 2);
    const json = keyPublicToJson(k.key);
    const a = keyPublicFromJson(json);
    const b = keyPublicFromJson(json); // the verifying shares come from the cache this time
    expect(keyPublicToJson(b)).toEqual(keyPublicToJson(a));
    expect(hex(b.groupPublicKey)).toBe(hex(k.key.groupPublicKey));
    // Scribbling over one decoded copy changes neither another one nor the next decode.
    (a.commitments[0] as Uint8Array).fill(0);
    a.groupPublicKey.fill(0);
    (a.verifyingShares.get(1) as Uint8Array).fill(0);
    const c = keyPublicFromJson(json);
    for (const key of [b, c]) {
      expect(keyPublicToJson(key)).toEqual(json);
      expect([...key.verifyingShares].map(([s, y]) => [s, hex(y)])).toEqual(
        [...k.key.verifyingShares].map(([s, y]) => [s, hex(y)]),
      );
    }
    // The same commitments under another epoch, or refused ones, are not served from the cache.
    expect(keyPublicFromJson({ ...json, epoch: 9 }).epoch).toBe(9);
    expect(() => keyPublicFromJson({ ...json, threshold: 3 })).toThrow(/expected 3 commitments/);
  });

  it("works with arbitrary slot numbers, e.g. a customer slot 200", () => {
    const k = runDkg("ristretto255", 3, 3, [1, 2, 200]);
    expect(k.key.slots).toEqual([1, 2, 200]);
    expect(k.shares.get(200)?.slot).toBe(200);
  });

  it("rejects bad parameters with a clear message", () => {
    const id = generateIdentityKeyPair();
    const bad = (threshold: number, slots: number[]): DkgSession => ({
      sessionId: "x",
      suite: "ristretto255",
      threshold,
      participants: slots.map((slot) => ({ slot, identityPublicKey: id.publicKey })),
    });
    expect(() => dkgRound1(bad(4, [1, 2, 3]), 1, id)).toThrow(
      /threshold 4 must be an integer in 2\.\.3/,
    );
    expect(() => dkgRound1(bad(1, [1, 2, 3]), 1, id)).toThrow(InvalidInputError);
    expect(() => dkgRound1(bad(2, [1, 1, 2]), 1, id)).toThrow(/duplicate slot/);
    expect(() => dkgRound1(bad(2, [0, 1]), 1, id)).toThrow(/slot 0/);
    const other = generateIdentityKeyPair();
    expect(() => dkgRound1(bad(2, [1, 2]), 1, other)).toThrow(/identity key does not match/);
  });

  it("blames the slot whose round-1 proof of knowledge is forged", () => {
    const { round1, broadcast } = session(3, 2);
    const forged: DkgRound1Message[] = broadcast.map((m) =>
      m.slot === 2 ? { ...m, proofOfKnowledge: broadcast[0]?.proofOfKnowledge as Uint8Array } : m,
    );
    const state = round1[2]?.state as (typeof round1)[number]["state"];
    expect(slotError(() => dkgRound2(state, forged)).slot).toBe(2);
  });

  it("finishes only once, and never without round 2", () => {
    const { round1, broadcast } = session(2, 2);
    const [first, second] = round1 as [(typeof round1)[number], (typeof round1)[number]];
    expect(() => dkgFinish(first.state, [])).toThrow(/dkgRound2 must run before/);
    const packages = [...dkgRound2(first.state, broadcast), ...dkgRound2(second.state, broadcast)];
    const mine = packages.filter((p) => p.to === 1);
    expect(dkgFinish(first.state, mine).share.slot).toBe(1);
    expect(() => dkgFinish(first.state, mine)).toThrow(/already finished/);
  });
});

describe("sealed round-2 packages", () => {
  it("open only for their recipient, from their authenticated sender, in their context", () => {
    const [one, two, three] = [1, 2, 3].map(() => generateIdentityKeyPair()) as [
      IdentityKeyPair,
      IdentityKeyPair,
      IdentityKeyPair,
    ];
    const share = new Uint8Array(32).fill(0x5a);
    const ctx = ["keyfrag/dkg-round2/v1", "session-1", 1, 2];
    const sealed = sealToIdentity({
      sender: one,
      recipientPublicKey: two.publicKey,
      plaintext: share,
      context: ctx,
    });
    // The intended recipient opens it, and the plaintext is not in the package.
    expect(
      openFromIdentity({ recipient: two, senderPublicKey: one.publicKey, sealed, context: ctx }),
    ).toEqual(share);
    expect(hex(sealed)).not.toContain(hex(share));
    // Another participant cannot, even knowing sender and context.
    expect(() =>
      openFromIdentity({ recipient: three, senderPublicKey: one.publicKey, sealed, context: ctx }),
    ).toThrow(DecryptionError);
    // The recipient refuses it under another claimed sender or another context.
    expect(() =>
      openFromIdentity({ recipient: two, senderPublicKey: three.publicKey, sealed, context: ctx }),
    ).toThrow(DecryptionError);
    expect(() =>
      openFromIdentity({
        recipient: two,
        senderPublicKey: one.publicKey,
        sealed,
        context: ["other", 1, 2],
      }),
    ).toThrow(DecryptionError);
    // A relay cannot forge a package "from" slot 1: sealing needs slot 1's private key.
    const forged = sealToIdentity({
      sender: { privateKey: three.privateKey, publicKey: one.publicKey },
      recipientPublicKey: two.publicKey,
      plaintext: share,
      context: ctx,
    });
    expect(() =>
      openFromIdentity({
        recipient: two,
        senderPublicKey: one.publicKey,
        sealed: forged,
        context: ctx,
      }),
    ).toThrow(DecryptionError);
  });

  it("a relay that shows one participant different round-1 commitments makes the DKG fail", () => {
    const { round1, broadcast } = session(3, 3);
    // Slot 3 is shown a round-1 set where slot 1's higher commitments are replaced by slot 2's
    // (a valid-looking change that keeps slot 1's proof of knowledge intact).
    const one = broadcast[0] as DkgRound1Message;
    const two = broadcast[1] as DkgRound1Message;
    const altered = [
      { ...one, commitment: [one.commitment[0] as Uint8Array, ...two.commitment.slice(1)] },
      two,
      broadcast[2] as DkgRound1Message,
    ];
    const [s1, s2, s3] = round1.map((r) => r.state) as [DkgState, DkgState, DkgState];
    const packages = [
      ...dkgRound2(s1, broadcast),
      ...dkgRound2(s2, broadcast),
      ...dkgRound2(s3, altered),
    ];
    // Slots 1 and 2 saw the true transcript; slot 3 did not: their packages to each other do not open.
    expect(
      slotError(() =>
        dkgFinish(
          s3,
          packages.filter((p) => p.to === 3),
        ),
      ).message,
    ).toMatch(/sealed share did not open/);
    expect(
      slotError(() =>
        dkgFinish(
          s1,
          packages.filter((p) => p.to === 1),
        ),
      ).slot,
    ).toBe(3);
  });

  it("a torsion point in a higher commitment is blamed on its sender", () => {
    const { round1, broadcast } = session(3, 3, "ed25519");
    // A point of order 8 (noble's list of the 8-torsion subgroup).
    const torsion = unhex(ED25519_TORSION_SUBGROUP[1] as string);
    const two = broadcast[1] as DkgRound1Message;
    const bad = broadcast.map((m) =>
      m.slot === 2
        ? {
            ...two,
            commitment: [two.commitment[0] as Uint8Array, torsion, ...two.commitment.slice(2)],
          }
        : m,
    );
    const state = round1[0]?.state as DkgState;
    expect(slotError(() => dkgRound2(state, bad)).message).toMatch(
      /slot 2: dkg rejected: invalid commitment/,
    );
  });

  it("a package meant for slot 2 fed to slot 3 is rejected and blamed on its sender", () => {
    const { round1, broadcast } = session(3, 2);
    const packages = round1.flatMap((r) => dkgRound2(r.state, broadcast));
    const redirected = packages
      .filter((p) => p.to === 3)
      .map((p) =>
        p.from === 1
          ? {
              ...p,
              sealedShare: packages.find((q) => q.from === 1 && q.to === 2)
                ?.sealedShare as Uint8Array,
            }
          : p,
      );
    expect(
      slotError(() => dkgFinish(round1[2]?.state as (typeof round1)[number]["state"], redirected))
        .message,
    ).toMatch(/slot 1: dkg rejected: sealed share did not open/);
  });

  it("tampering with any byte of a sealed package is detected", () => {
    const a = generateIdentityKeyPair();
    const b = generateIdentityKeyPair();
    const sealed = sealToIdentity({
      sender: a,
      recipientPublicKey: b.publicKey,
      plaintext: new Uint8Array(32).fill(7),
      context: ["t"],
    });
    for (let i = 0; i < sealed.length; i++) {
      const copy = sealed.slice();
      copy[i] = (copy[i] as number) ^ 0x01;
      expect(() =>
        openFromIdentity({
          recipient: b,
          senderPublicKey: a.publicKey,
          sealed: copy,
          context: ["t"],
        }),
      ).toThrow();
    }
  });
});
