/**
 * The two group backends agree byte for byte: the same encodings are accepted and rejected, the
 * same arithmetic gives the same encodings, and the protocols driven with the same randomness
 * give the same messages, proofs, signatures and outputs.
 */
import { randomBytes } from "node:crypto";
import { mulAddUnsafe } from "@noble/curves/abstract/curve.js";
import { ED25519_TORSION_SUBGROUP, ed25519, ristretto255 } from "@noble/curves/ed25519.js";
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import { signCommitForTestVectors } from "../src/frost-sign.js";
import {
  aggregateSignature,
  combinePartials,
  type KeyPublic,
  keyPublicDigest,
  keyPublicFromCommitments,
  type NonceCommitment,
  type SlotShare,
  signShare,
  verifyEd25519,
} from "../src/index.js";
import {
  type CryptoBackend,
  cryptoBackend,
  type GroupElement,
  identityX25519,
  type Suite,
  suiteGroup,
  useCryptoBackend,
} from "../src/suite.js";
import { blindInputsForTestVectors, evaluatePartialForTestVectors } from "../src/threshold-oprf.js";
import { hex, oprfScalarRng, scriptedRng } from "./helpers.js";

const initial = cryptoBackend();
afterAll(() => useCryptoBackend(initial));

const SUITES: Suite[] = ["ristretto255", "ed25519"];

/** Runs `fn` on each backend and returns both results. */
function onBoth<T>(fn: (backend: CryptoBackend) => T): { sodium: T; noble: T } {
  useCryptoBackend("sodium");
  const sodium = fn("sodium");
  useCryptoBackend("noble");
  const noble = fn("noble");
  useCryptoBackend(initial);
  return { sodium, noble };
}

/** What `element` makes of an encoding: its re-encoding, or the error message. */
function parse(suite: Suite, bytes: Uint8Array): string {
  try {
    return hex(suiteGroup(suite).element(bytes, "x").toBytes());
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const scalar = (suite: Suite) => fc.bigInt({ min: 1n, max: suiteGroup(suite).Fn.ORDER - 1n });
const leBytes = (n: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
};

/** Valid encodings, near misses and special points: what a hostile peer would send. */
function hostileEncodings(suite: Suite, seed: bigint): Uint8Array[] {
  const P = suite === "ed25519" ? ed25519.Point : ristretto255.Point;
  const valid = P.BASE.multiply(seed).toBytes();
  const out: Uint8Array[] = [valid, new Uint8Array(32), new Uint8Array(32).fill(0xff)];
  for (let bit = 0; bit < 256; bit += 17) {
    const flipped = valid.slice();
    flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
    out.push(flipped);
  }
  // y (or s) + p: the non-canonical twin of a small value, and p itself.
  const p = 2n ** 255n - 19n;
  out.push(leBytes(p), leBytes(p + 1n), leBytes(p + 2n), leBytes(1n), leBytes(2n));
  if (suite === "ed25519") {
    for (const t of ED25519_TORSION_SUBGROUP) out.push(Uint8Array.from(Buffer.from(t, "hex")));
    // A point with a torsion component: valid on the curve, outside the prime-order subgroup.
    const torsion = ed25519.Point.fromHex(ED25519_TORSION_SUBGROUP[1] as string);
    out.push(ed25519.Point.BASE.multiply(seed).add(torsion).toBytes());
    const y0sign = ed25519.Point.ZERO.toBytes();
    y0sign[31] = (y0sign[31] as number) | 0x80; // identity with the sign bit set
    out.push(y0sign);
  }
  return out;
}

describe("the libsodium and @noble/curves backends agree", () => {
  it("both are available, and the default is libsodium unless KF_CRYPTO_BACKEND says otherwise", () => {
    expect(onBoth(() => suiteGroup("ed25519").backend)).toEqual({
      sodium: "sodium",
      noble: "noble",
    });
    const env = process.env.KF_CRYPTO_BACKEND;
    expect(initial).toBe(env === "noble" ? "noble" : "sodium");
  });

  it.each(SUITES)("%s: random byte strings are accepted or rejected alike", (suite) => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const { sodium, noble } = onBoth(() => parse(suite, bytes));
        expect(sodium).toBe(noble);
      }),
      { numRuns: 300 },
    );
  });

  it.each(SUITES)(
    "%s: near-miss, non-canonical and small-order encodings are rejected alike",
    (suite) => {
      fc.assert(
        fc.property(scalar(suite), (k) => {
          for (const bytes of hostileEncodings(suite, k)) {
            const { sodium, noble } = onBoth(() => parse(suite, bytes));
            expect(sodium, hex(bytes)).toBe(noble);
          }
        }),
        { numRuns: 20 },
      );
    },
  );

  it.each(SUITES)(
    "%s: scalar multiplication, sums and multi-scalar sums are identical",
    (suite) => {
      fc.assert(
        fc.property(scalar(suite), scalar(suite), scalar(suite), (a, b, c) => {
          const { sodium, noble } = onBoth(() => {
            const g = suiteGroup(suite);
            const P = g.BASE.multiply(a);
            const Q = g.element(P.toBytes(), "P").multiplyUnsafe(b);
            const Pt = g.BASE.constructor as never;
            const msm = mulAddUnsafe(Pt, [P, Q, g.BASE] as never[], [c, a, b]) as GroupElement;
            return [
              P,
              Q,
              P.add(Q),
              P.subtract(Q),
              Q.subtract(Q),
              P.multiply(c),
              msm,
              msm.subtract(P.multiplyUnsafe(c)).subtract(Q.multiplyUnsafe(a)),
            ].map((x) => [hex(x.toBytes()), x.is0(), x.equals(g.ZERO)].join("/"));
          });
          expect(sodium).toEqual(noble);
        }),
        { numRuns: 25 },
      );
    },
  );

  it("RFC 9497: blinding, batch evaluation with proof, and combination give identical bytes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 80 }), { minLength: 1, maxLength: 4 }),
        fc.array(scalar("ristretto255"), { minLength: 2, maxLength: 2 }),
        fc.array(fc.uint8Array({ minLength: 48, maxLength: 48 }), { minLength: 12, maxLength: 12 }),
        (inputs, [s1, s2], rngBytes) => {
          const { sodium, noble } = onBoth(() => {
            // A 2-of-2 key from fixed coefficients, so both backends hold the same key.
            const g = suiteGroup("ristretto255");
            const a0 = s1 as bigint;
            const a1 = s2 as bigint;
            const key = keyPublicFromCommitments({
              suite: "ristretto255",
              threshold: 2,
              slots: [1, 2],
              epoch: 0,
              commitments: [g.BASE.multiply(a0).toBytes(), g.BASE.multiply(a1).toBytes()],
            });
            const share = (slot: number): SlotShare => ({
              suite: "ristretto255",
              slot,
              epoch: 0,
              secret: g.Fn.toBytes(g.Fn.add(a0, g.Fn.mul(a1, BigInt(slot)))),
            });
            const batch = blindInputsForTestVectors(
              inputs,
              scriptedRng(...rngBytes.slice(0, inputs.length).map((b) => Uint8Array.from(b))),
            );
            const partials = [1, 2].map((slot, i) =>
              evaluatePartialForTestVectors(
                share(slot),
                key,
                batch.blinded,
                scriptedRng(Uint8Array.from(rngBytes[10 + i] as Uint8Array)),
              ),
            );
            const outputs = combinePartials(key, batch, partials);
            return [
              hex(keyPublicDigest(key)),
              ...batch.blinded.map(hex),
              ...partials.flatMap((p) => [...p.evaluated.map(hex), hex(p.proof)]),
              ...outputs.map(hex),
            ];
          });
          expect(sodium).toEqual(noble);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("RFC 9591: commitments, signature shares and the aggregate Ed25519 signature are identical", () => {
    fc.assert(
      fc.property(
        fc.array(scalar("ed25519"), { minLength: 3, maxLength: 3 }),
        fc.uint8Array({ minLength: 0, maxLength: 100 }),
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 6, maxLength: 6 }),
        (coefficients, message, nonceBytes) => {
          const { sodium, noble } = onBoth(() => {
            const g = suiteGroup("ed25519");
            const [a0, a1, a2] = coefficients as [bigint, bigint, bigint];
            const key: KeyPublic = keyPublicFromCommitments({
              suite: "ed25519",
              threshold: 3,
              slots: [1, 2, 3, 4],
              epoch: 0,
              commitments: [a0, a1, a2].map((a) => g.BASE.multiply(a).toBytes()),
            });
            const poly = (x: bigint) => g.Fn.add(a0, g.Fn.mul(x, g.Fn.add(a1, g.Fn.mul(x, a2))));
            const share = (slot: number): SlotShare => ({
              suite: "ed25519",
              slot,
              epoch: 0,
              secret: g.Fn.toBytes(poly(BigInt(slot))),
            });
            const signers = [1, 3, 4];
            const nonces = signers.map((slot, i) =>
              signCommitForTestVectors(
                share(slot),
                scriptedRng(
                  Uint8Array.from(nonceBytes[2 * i] as Uint8Array),
                  Uint8Array.from(nonceBytes[2 * i + 1] as Uint8Array),
                ),
              ),
            );
            const commitments: NonceCommitment[] = nonces.map((n) => n.commitment);
            const shares = nonces.map((n) =>
              signShare(share(n.slot), key, n, commitments, message),
            );
            const signature = aggregateSignature(key, commitments, message, shares);
            expect(verifyEd25519(signature, message, key.groupPublicKey)).toBe(true);
            return [
              hex(keyPublicDigest(key)),
              ...commitments.flatMap((c) => [hex(c.hiding), hex(c.binding)]),
              ...shares.map((s) => hex(s.share)),
              hex(signature),
            ];
          });
          expect(sodium).toEqual(noble);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("X25519 for identity keys: same public keys, same shared secrets, same refusals", () => {
    // Low-order u-coordinates (RFC 7748 §7 and cr.yp.to's list), in canonical and non-canonical form.
    const lowOrder = [
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ].map((h) => Uint8Array.from(Buffer.from(h, "hex")));
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (secret, randomPublic) => {
          const { sodium, noble } = onBoth(() => {
            const x = identityX25519();
            return [randomPublic, x.getPublicKey(secret), ...lowOrder].map((pub) => {
              try {
                return hex(x.getSharedSecret(secret, pub));
              } catch {
                return "refused";
              }
            });
          });
          expect(sodium).toEqual(noble);
          expect(sodium.slice(2).every((r) => r === "refused")).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("hash-to-group (RFC 9380 hash_to_ristretto255) is identical on random inputs", () => {
    const inputs = Array.from({ length: 50 }, (_, i) => new Uint8Array(randomBytes(i * 3)));
    const { sodium, noble } = onBoth(() =>
      inputs.map((input) => {
        // Blinding with the scalar 1 exposes HashToGroup(input) itself.
        const batch = blindInputsForTestVectors([input], scriptedRng(oprfScalarRng("01")));
        return hex(batch.blinded[0] as Uint8Array);
      }),
    );
    expect(sodium).toEqual(noble);
  });
});

describe("caches never carry one backend's checks over to the other", () => {
  it("a key's public data decoded under one backend is decoded and checked again under the other", () => {
    const commitments = [2n, 3n].map((k) => ed25519.Point.BASE.multiply(k).toBytes());
    const params = {
      suite: "ed25519" as const,
      threshold: 2,
      slots: [1, 2],
      epoch: 0,
      commitments,
    };
    const calls = onBoth((backend) => {
      const spy = vi.spyOn(suiteGroup("ed25519"), "element");
      try {
        const key = keyPublicFromCommitments(params);
        return {
          calls: spy.mock.calls.length,
          backend,
          share: hex(key.verifyingShares.get(2) ?? new Uint8Array()),
        };
      } finally {
        spy.mockRestore();
      }
    });
    // Each backend decoded the commitments itself, and both derived the same verifying share.
    expect(calls.sodium.calls).toBeGreaterThan(0);
    expect(calls.noble.calls).toBeGreaterThan(0);
    expect(calls.noble.share).toBe(calls.sodium.share);
  });
});
