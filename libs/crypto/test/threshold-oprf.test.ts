import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blindInputs,
  combinePartials,
  evaluatePartial,
  InvalidInputError,
  type PartialEvaluation,
  type SlotShare,
} from "../src/index.js";
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
