import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blindInputs,
  combinePartials,
  evaluatePartial,
  InvalidInputError,
  MAX_OPRF_BATCH,
  type PartialEvaluation,
  type SlotShare,
} from "../src/index.js";
import { ristrettoOprf } from "../src/suite.js";
import { verifyPartial } from "../src/threshold-oprf.js";
import { hex, pick, runDkg, singleKeyVoprf, slotError } from "./helpers.js";

const nt = fc
  .integer({ min: 2, max: 7 })
  .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n })));
const inputs = fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), {
  minLength: 1,
  maxLength: 3,
});
const seeds = fc.array(fc.nat(), { minLength: 7, maxLength: 7 });

describe("threshold OPRF", () => {
  it("any qualifying set of slots derives the group secret's VOPRF output (noble's single-key VOPRF)", () => {
    fc.assert(
      fc.property(nt, inputs, seeds, fc.nat(), ([n, t], xs, seed, extra) => {
        const k = runDkg("ristretto255", n, t);
        const expected = xs.map((x) => singleKeyVoprf(k, x));
        // Two different qualifying sets (size t..n) must agree with each other and with noble.
        for (const size of [t, t + (extra % (n - t + 1))]) {
          const slots = pick(k.key.slots, size, seed);
          const batch = blindInputs(xs);
          const partials = slots.map((s) =>
            evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded),
          );
          const outputs = combinePartials(k.key, batch, partials);
          expect(outputs.map(hex)).toEqual(expected);
          expect(outputs.every((o) => o.length === 64)).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  });

  it("a forged evaluation or proof is rejected and the error names the slot", () => {
    const k = runDkg("ristretto255", 3, 3);
    const batch = blindInputs([new Uint8Array([1, 2, 3]), new Uint8Array([4])]);
    const honest = [1, 2, 3].map((s) =>
      evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded),
    );
    const [p1, p2, p3] = honest as [PartialEvaluation, PartialEvaluation, PartialEvaluation];

    // Slot 2 returns slot 3's evaluation (a valid point, a wrong value).
    const swapped = { ...p2, evaluated: p3.evaluated };
    expect(slotError(() => combinePartials(k.key, batch, [p1, swapped, p3])).slot).toBe(2);

    // Slot 3 flips a bit of its proof.
    const proof = p3.proof.slice();
    proof[5] = (proof[5] as number) ^ 1;
    const err = slotError(() => combinePartials(k.key, batch, [p1, p2, { ...p3, proof }]));
    expect(err.slot).toBe(3);
    expect(err.message).toMatch(/slot 3: evaluation rejected: DLEQ proof did not verify/);

    // Slot 1 answers for a batch of the wrong size.
    const short = { ...p1, evaluated: p1.evaluated.slice(0, 1) };
    expect(slotError(() => combinePartials(k.key, batch, [short, p2, p3])).slot).toBe(1);

    // A malicious slot evaluating with a made-up share cannot prove it.
    const fake: SlotShare = {
      ...(k.shares.get(1) as SlotShare),
      secret: k.shares.get(2)?.secret as Uint8Array,
    };
    const forged = evaluatePartial(fake, k.key, batch.blinded);
    expect(slotError(() => combinePartials(k.key, batch, [forged, p2, p3])).slot).toBe(1);

    // Honest partials still combine.
    expect(combinePartials(k.key, batch, honest)).toHaveLength(2);
  });

  it("one proof covers a whole batch: any tampering with one of its elements or its proof is rejected, naming the slot", () => {
    const k = runDkg("ristretto255", 3, 3);
    const xs = Array.from({ length: 6 }, (_, i) => new Uint8Array([i, i + 1, i + 2]));
    const batch = blindInputs(xs);
    const honest = [1, 2, 3].map((s) =>
      evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded),
    );
    const [p1, p2, p3] = honest as [PartialEvaluation, PartialEvaluation, PartialEvaluation];
    expect(new Set(honest.map((p) => p.proof.length))).toEqual(new Set([64]));
    expect(combinePartials(k.key, batch, honest).map(hex)).toEqual(
      xs.map((x) => singleKeyVoprf(k, x)),
    );

    // Two of slot 2's evaluations swapped: each is a right value, for the wrong input.
    const swapped = [...p2.evaluated];
    [swapped[1], swapped[4]] = [swapped[4] as Uint8Array, swapped[1] as Uint8Array];
    expect(
      slotError(() => combinePartials(k.key, batch, [p1, { ...p2, evaluated: swapped }, p3])).slot,
    ).toBe(2);

    // Slot 3's last evaluation replaced by slot 1's: one element of six wrong.
    const mixed = [...p3.evaluated.slice(0, 5), p1.evaluated[5] as Uint8Array];
    expect(
      slotError(() => combinePartials(k.key, batch, [p1, p2, { ...p3, evaluated: mixed }])).slot,
    ).toBe(3);

    // Every bit of slot 1's batch proof matters.
    for (let bit = 0; bit < 64 * 8; bit += 37) {
      const proof = p1.proof.slice();
      proof[bit >> 3] = (proof[bit >> 3] as number) ^ (1 << (bit & 7));
      expect(() => verifyPartial(k.key, batch, { ...p1, proof })).toThrow(
        /slot 1: evaluation rejected/,
      );
    }
    // A proof of another batch (same slot, same share) does not transfer.
    const other = blindInputs(xs);
    const elsewhere = evaluatePartial(k.shares.get(1) as SlotShare, k.key, other.blinded);
    expect(() => verifyPartial(k.key, batch, { ...p1, proof: elsewhere.proof })).toThrow(
      /DLEQ proof did not verify/,
    );
    // A proof whose scalars are not canonical (≥ ℓ) is refused, not reduced.
    expect(() =>
      verifyPartial(k.key, batch, { ...p1, proof: new Uint8Array(64).fill(0xff) }),
    ).toThrow(/DLEQ proof did not verify/);
    // The honest ones still verify one by one.
    for (const p of honest) verifyPartial(k.key, batch, p);
  });

  it("accepts exactly the batch proofs RFC 9497's VerifyProof accepts (noble's single-key VOPRF)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.nat(), (size, flip) => {
        const k = runDkg("ristretto255", 2, 2);
        const xs = Array.from({ length: size }, (_, i) => new Uint8Array([i, flip & 0xff]));
        const batch = blindInputs(xs);
        // A single-key server whose public key is slot 1's verifying share.
        const { voprf } = ristrettoOprf();
        const share = k.shares.get(1) as SlotShare;
        const verifying = k.key.verifyingShares.get(1) as Uint8Array;
        const { evaluated, proof } = voprf.blindEvaluateBatch(share.secret, verifying, [
          ...batch.blinded,
        ]);
        const tampered = proof.slice();
        if (flip % 2 === 1) tampered[flip % 64] = (tampered[flip % 64] as number) ^ 0x80;
        const noble = (() => {
          try {
            voprf.finalizeBatch(
              xs.map((input, i) => ({
                input,
                blind: batch.blinds[i] as Uint8Array,
                blinded: batch.blinded[i] as Uint8Array,
                evaluated: evaluated[i] as Uint8Array,
              })),
              verifying,
              tampered,
            );
            return true;
          } catch {
            return false;
          }
        })();
        const ours = (() => {
          try {
            verifyPartial(k.key, batch, {
              slot: 1,
              epoch: k.key.epoch,
              evaluated,
              proof: tampered,
            });
            return true;
          } catch {
            return false;
          }
        })();
        expect(ours).toBe(noble);
        expect(ours).toBe(flip % 2 === 0);
      }),
      { numRuns: 10 },
    );
  });

  it("refuses a batch larger than MAX_OPRF_BATCH on both sides", () => {
    const k = runDkg("ristretto255", 2, 2);
    const many = Array.from({ length: MAX_OPRF_BATCH + 1 }, () => new Uint8Array([1]));
    expect(() => blindInputs(many)).toThrow(/257 inputs in one batch, at most 256/);
    const one = blindInputs([new Uint8Array([1])]).blinded[0] as Uint8Array;
    expect(() =>
      evaluatePartial(
        k.shares.get(1) as SlotShare,
        k.key,
        Array.from({ length: MAX_OPRF_BATCH + 1 }, () => one),
      ),
    ).toThrow(/257 blinded elements in one batch, at most 256/);
  });

  it("refuses too few partials, duplicates, unknown slots and bad blinded elements", () => {
    const k = runDkg("ristretto255", 4, 3);
    const batch = blindInputs([new Uint8Array([9])]);
    const partial = (s: number) =>
      evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded);
    expect(() => combinePartials(k.key, batch, [partial(1), partial(2)])).toThrow(
      /2 partial evaluations, the key needs 3/,
    );
    expect(() => combinePartials(k.key, batch, [partial(1), partial(1), partial(2)])).toThrow(
      /same slot/,
    );
    expect(() =>
      combinePartials(k.key, batch, [partial(1), partial(2), { ...partial(3), slot: 9 }]),
    ).toThrow(/slot 9 is not a slot of this key/);
    expect(() =>
      evaluatePartial(k.shares.get(1) as SlotShare, k.key, [new Uint8Array(32).fill(0xff)]),
    ).toThrow(InvalidInputError);
    expect(() => evaluatePartial(k.shares.get(1) as SlotShare, k.key, [])).toThrow(
      InvalidInputError,
    );
    const signingKey = runDkg("ed25519", 2, 2);
    expect(() => combinePartials(signingKey.key, batch, [])).toThrow(/needs a ristretto255 key/);
  });

  it("blinded elements reveal nothing linkable: the same input blinds differently each time", () => {
    const x = new Uint8Array([1, 2, 3]);
    const a = blindInputs([x]);
    const b = blindInputs([x]);
    expect(hex(a.blinded[0] as Uint8Array)).not.toBe(hex(b.blinded[0] as Uint8Array));
  });
});
