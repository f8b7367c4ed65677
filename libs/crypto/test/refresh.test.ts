import { ristretto255, ristretto255_oprf } from "@noble/curves/ed25519.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blindInputs,
  combinePartials,
  evaluatePartial,
  type IdentityKeyPair,
  InvalidInputError,
  keyPublicDigest,
  lagrangeAtZero,
  type PartialEvaluation,
  type RefreshDealing,
  type RefreshSession,
  refreshDeal,
  refreshFinish,
  type SlotShare,
  verifyEd25519,
} from "../src/index.js";
import {
  hex,
  pick,
  runDkg,
  runRefresh,
  sign,
  singleKeyVoprf,
  slotError,
  type TestKey,
} from "./helpers.js";

const nt = fc
  .integer({ min: 2, max: 7 })
  .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n })));
const seeds = fc.array(fc.nat(), { minLength: 7, maxLength: 7 });

function derive(k: TestKey, slots: readonly number[], input: Uint8Array): string {
  const batch = blindInputs([input]);
  const partials = slots.map((s) =>
    evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded),
  );
  return hex(combinePartials(k.key, batch, partials)[0] as Uint8Array);
}

describe("proactive refresh", () => {
  it("after any number of refreshes the group key and every derivation are unchanged, the shares are not", () => {
    fc.assert(
      fc.property(nt, fc.integer({ min: 1, max: 3 }), seeds, ([n, t], refreshes, seed) => {
        const k = runDkg("ristretto255", n, t);
        const input = new Uint8Array([n, t, refreshes]);
        const before = derive(k, pick(k.key.slots, t, seed), input);
        const groupKey = hex(k.key.groupPublicKey);
        const firstShares = new Map([...k.shares].map(([s, sh]) => [s, hex(sh.secret)]));
        for (let i = 0; i < refreshes; i++) runRefresh(k);
        expect(k.key.epoch).toBe(refreshes);
        expect(hex(k.key.groupPublicKey)).toBe(groupKey);
        for (const [s, sh] of k.shares) {
          expect(sh.epoch).toBe(refreshes);
          expect(hex(sh.secret)).not.toBe(firstShares.get(s));
        }
        // Another qualifying set, after refresh, derives the same output as before.
        expect(derive(k, pick(k.key.slots, t, seed.slice().reverse()), input)).toBe(before);
      }),
      { numRuns: 8 },
    );
  });

  it("a refreshed signing key still signs under the same Ed25519 public key", () => {
    const k = runDkg("ed25519", 3, 2);
    const groupKey = hex(k.key.groupPublicKey);
    runRefresh(k);
    runRefresh(k);
    expect(hex(k.key.groupPublicKey)).toBe(groupKey);
    const message = new Uint8Array([7, 7, 7]);
    const signature = sign(k, [2, 3], message);
    expect(verifyEd25519(signature, message, k.key.groupPublicKey)).toBe(true);
  });

  it("partials from two epochs never combine to the right output silently", () => {
    fc.assert(
      fc.property(nt, seeds, ([n, t], seed) => {
        const k = runDkg("ristretto255", n, t);
        const oldKey = k.key;
        const oldShares = k.shares;
        runRefresh(k);
        const input = new Uint8Array([1, 2, 3, n, t]);
        const slots = pick(k.key.slots, t, seed);
        const stale = slots[0] as number; // this slot answers with its previous-epoch fragment
        const batch = blindInputs([input]);
        const partials: PartialEvaluation[] = slots.map((s) =>
          s === stale
            ? evaluatePartial(oldShares.get(s) as SlotShare, oldKey, batch.blinded)
            : evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded),
        );
        const expected = singleKeyVoprf(k, input);

        // 1. Labelled honestly, the stale partial fails verification: it names the old epoch.
        const honest = slotError(() => combinePartials(k.key, batch, partials));
        expect([honest.slot, honest.message]).toEqual([
          stale,
          expect.stringMatching(/answered for epoch 0, key is at epoch 1/),
        ]);

        // 2. Relabelled as the new epoch, its DLEQ proof fails against the new verifying share.
        const relabelled = partials.map((p) => (p.slot === stale ? { ...p, epoch: 1 } : p));
        const lie = slotError(() => combinePartials(k.key, batch, relabelled));
        expect([lie.slot, lie.message]).toEqual([
          stale,
          expect.stringMatching(/DLEQ proof did not verify/),
        ]);

        // 3. Combined anyway, skipping every check, the output differs from the right one.
        expect(uncheckedCombine(k, batch, partials, input)).not.toBe(expected);
        // …while the same unchecked combination of same-epoch partials is right (the check above is meaningful).
        const fresh = slots.map((s) =>
          evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded),
        );
        expect(uncheckedCombine(k, batch, fresh, input)).toBe(expected);
      }),
      { numRuns: 10 },
    );
  });

  it("a dealing that fails its Feldman check is blamed on its dealer, and the refresh does not apply", () => {
    const k = runDkg("ristretto255", 3, 2);
    const session: RefreshSession = {
      sessionId: "r",
      key: k.key,
      participants: k.session.participants,
    };
    const dealt = [1, 2, 3].map((s) =>
      refreshDeal(session, k.shares.get(s) as SlotShare, k.identities.get(s) as IdentityKeyPair),
    );
    const dealings = dealt.map((d) => d.dealing);
    // Dealer 2 publishes commitments that do not match the sub-shares it sent.
    const forged: RefreshDealing[] = dealings.map((d) =>
      d.from === 2 ? { ...d, commitments: dealings[0]?.commitments as Uint8Array[] } : d,
    );
    expect(
      slotError(() => refreshFinish(dealt[2]?.state as (typeof dealt)[number]["state"], forged))
        .slot,
    ).toBe(2);
    expect(() =>
      refreshFinish(dealt[0]?.state as (typeof dealt)[number]["state"], dealings.slice(1, 2)),
    ).toThrow(/missing refresh dealing from slot 3/);
    // A dealing that tries to smuggle a constant term (t commitments instead of t−1) is refused.
    const withConstant = dealings.map((d) =>
      d.from === 3 ? { ...d, commitments: [k.key.groupPublicKey, ...d.commitments] } : d,
    );
    expect(() =>
      refreshFinish(dealt[1]?.state as (typeof dealt)[number]["state"], withConstant),
    ).toThrow(/slot 3: refresh rejected: 2 commitments, expected 1/);
  });

  it("a dealer that shows slots different dealings is caught by comparing the results' digests", () => {
    const k = runDkg("ristretto255", 3, 2);
    const session: RefreshSession = {
      sessionId: "equivocation",
      key: k.key,
      participants: k.session.participants,
    };
    const deal = (s: number) =>
      refreshDeal(session, k.shares.get(s) as SlotShare, k.identities.get(s) as IdentityKeyPair);
    const [d1, d2, d3] = [deal(1), deal(2), deal(3)];
    const other2 = deal(2); // slot 2 deals a second, different polynomial…
    const seenBy3 = [d1.dealing, other2.dealing, d3.dealing]; // …and shows it to slot 3 only
    const honest = [d1.dealing, d2.dealing, d3.dealing];
    const r1 = refreshFinish(d1.state, honest);
    const r3 = refreshFinish(d3.state, seenBy3);
    // Each slot's own checks pass, and the group key is the same…
    expect(hex(r1.key.groupPublicKey)).toBe(hex(r3.key.groupPublicKey));
    // …but the public data differ, which the agreement step (all digests equal) refuses.
    expect(hex(keyPublicDigest(r1.key))).not.toBe(hex(keyPublicDigest(r3.key)));
  });

  it("an old fragment is useless with the refreshed key", () => {
    const k = runDkg("ristretto255", 2, 2);
    const old = k.shares.get(1) as SlotShare;
    runRefresh(k);
    const batch = blindInputs([new Uint8Array([1])]);
    expect(() => evaluatePartial(old, k.key, batch.blinded)).toThrow(InvalidInputError);
    const session: RefreshSession = {
      sessionId: "again",
      key: k.key,
      participants: k.session.participants,
    };
    expect(() => refreshDeal(session, old, k.identities.get(1) as IdentityKeyPair)).toThrow(
      /share is at epoch 0, key is at epoch 1/,
    );
  });
});

/** What a careless combiner would do: Lagrange-combine whatever came back, no proofs, no epochs. */
function uncheckedCombine(
  _k: TestKey,
  batch: ReturnType<typeof blindInputs>,
  partials: PartialEvaluation[],
  input: Uint8Array,
): string {
  const slots = partials.map((p) => p.slot);
  let z = ristretto255.Point.ZERO;
  for (const p of partials) {
    const lambda = lagrangeAtZero("ristretto255", slots, p.slot);
    z = z.add(ristretto255.Point.fromBytes(p.evaluated[0] as Uint8Array).multiply(lambda));
  }
  return hex(ristretto255_oprf.oprf.finalize(input, batch.blinds[0] as Uint8Array, z.toBytes()));
}
