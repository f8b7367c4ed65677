import { randomBytes } from "node:crypto";
import { ed25519, ristretto255, ristretto255_hasher } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import {
  NATIVE_MSM_MAX_TERMS,
  type NativeSodium,
  nativeSodium,
  nativeSodiumError,
} from "./index.js";

// CI and the image build compile the addon (CI=true makes a failed compile fail `pnpm build`), so
// there it must load; elsewhere a machine without gcc or libsodium-dev skips these tests.
const addon = nativeSodium();
if (process.env.CI === "true") {
  it("the addon is built and loads in CI", () => {
    expect(nativeSodiumError()).toBeUndefined();
    expect(addon).toBeDefined();
  });
}

const ell = ristretto255.Point.Fn.ORDER;
const le = (n: bigint) => ristretto255.Point.Fn.toBytes(n);
const randomScalar = () => (BigInt(`0x${randomBytes(40).toString("hex")}`) % (ell - 1n)) + 1n;

describe.skipIf(!addon)("@keyfrag/native-sodium (system libsodium)", () => {
  const s = addon as NativeSodium;
  const out = () => new Uint8Array(32);

  it("multiplies, adds and derives ristretto255 elements as @noble/curves does", () => {
    for (let i = 0; i < 20; i++) {
      const a = randomScalar();
      const b = randomScalar();
      const A = out();
      s.ristretto255_scalarmult_base(A, le(a));
      expect(A).toEqual(ristretto255.Point.BASE.multiply(a).toBytes());
      const bA = out();
      s.ristretto255_scalarmult(bA, le(b), A);
      expect(bA).toEqual(ristretto255.Point.BASE.multiply((a * b) % ell).toBytes());
      const sum = out();
      s.ristretto255_add(sum, A, bA);
      expect(sum).toEqual(ristretto255.Point.BASE.multiply((a + a * b) % ell).toBytes());
      const diff = out();
      s.ristretto255_sub(diff, sum, A);
      expect(diff).toEqual(bA);
      expect(s.ristretto255_is_valid_point(A)).toBe(true);
      const h = randomBytes(64);
      const derived = out();
      s.ristretto255_from_hash(derived, h);
      expect(derived).toEqual(ristretto255_hasher.deriveToCurve?.(h).toBytes());
    }
  });

  it.each([
    ["ristretto255", ristretto255.Point, "ristretto255_msm_vartime"],
    ["ed25519", ed25519.Point, "ed25519_msm_vartime"],
  ] as const)(
    "%s: the multi-scalar multiplication equals the sum of single products",
    (_, Point, fn) => {
      // Both point classes have the operations used here; the cast only unifies their types.
      const P = Point as unknown as typeof ristretto255.Point;
      const msm = (s[fn] as NativeSodium["ristretto255_msm_vartime"]).bind(s);
      const concat = (xs: Uint8Array[]) => Uint8Array.from(Buffer.concat(xs));
      for (let trial = 0; trial < 60; trial++) {
        const n = 1 + (trial % 9);
        // Random scalars, small ones, zeros, and terms that cancel each other out.
        const ks = Array.from({ length: n }, (_, i) =>
          trial % 5 === 0 ? BigInt(i) : trial % 7 === 0 ? ell - 1n - BigInt(i) : randomScalar(),
        );
        const ps = Array.from({ length: n }, () => P.BASE.multiply(randomScalar()));
        if (trial % 4 === 0 && n > 1) {
          ps[1] = ps[0] as (typeof ps)[number];
          ks[1] = (ell - (ks[0] as bigint)) % ell;
        }
        let expected = P.ZERO;
        ps.forEach((p, i) => {
          expected = expected.add(p.multiplyUnsafe(ks[i] as bigint));
        });
        const r = out();
        const notIdentity = msm(r, concat(ks.map(le)), concat(ps.map((p) => p.toBytes())));
        expect(r).toEqual(expected.toBytes());
        expect(notIdentity).toBe(!expected.is0());
      }
      const B = P.BASE.toBytes();
      expect(() => msm(out(), le(1n), new Uint8Array(32).fill(0xff))).toThrow("invalid point");
      const high = new Uint8Array(32).fill(0xff);
      expect(() => msm(out(), high, B)).toThrow("scalar >= 2^255");
      // The top bit alone, in the last of several terms (msm.h checks every scalar itself).
      const top = le(1n);
      top[31] = 0x80;
      expect(() => msm(out(), concat([le(1n), le(2n), top]), concat([B, B, B]))).toThrow(
        "scalar >= 2^255",
      );
      // At most NATIVE_MSM_MAX_TERMS terms a call: a RangeError above it, not a huge table.
      const many = NATIVE_MSM_MAX_TERMS + 1;
      const ones = concat(Array.from({ length: many }, () => le(1n)));
      const bases = concat(Array.from({ length: many }, () => B));
      expect(() => msm(out(), ones, bases)).toThrow(RangeError);
      expect(msm(out(), ones.subarray(32), bases.subarray(32))).toBe(true);
      expect(() => msm(out(), concat([le(1n), le(2n)]), B)).toThrow("as many scalars as points");
    },
  );

  it("refuses wrong lengths, non-canonical encodings and identity results with an error", () => {
    const B = ristretto255.Point.BASE.toBytes();
    expect(() => s.ristretto255_scalarmult(new Uint8Array(31), le(2n), B)).toThrow(TypeError);
    expect(() => s.ristretto255_scalarmult(out(), le(2n), B.subarray(1))).toThrow(TypeError);
    expect(() => s.ristretto255_add(out(), B, "x" as never)).toThrow(TypeError);
    expect(() => (s.ristretto255_add as (...a: unknown[]) => void)(out(), B)).toThrow(
      "too few arguments",
    );
    expect(() => s.ristretto255_scalarmult(out(), new Uint8Array(32), B)).toThrow("identity");
    expect(() => s.ristretto255_scalarmult(out(), le(ell), B)).toThrow("identity");
    const nonCanonical = Uint8Array.from(B);
    nonCanonical[31] = 0xff;
    expect(s.ristretto255_is_valid_point(nonCanonical)).toBe(false);
    expect(s.ristretto255_is_valid_point(new Uint8Array(32))).toBe(true); // the identity
    expect(() => s.ristretto255_scalarmult(out(), le(2n), nonCanonical)).toThrow();
    expect(s.ed25519_is_valid_point(new Uint8Array(32))).toBe(false);
    // libsodium 1.0.18 (Debian 12) ignores the top bit; RFC 9496 refuses it, and so does the addon.
    const topBit = Uint8Array.from(B);
    topBit[31] = (topBit[31] as number) | 0x80;
    expect(s.ristretto255_is_valid_point(topBit)).toBe(false);
    expect(() => s.ristretto255_scalarmult(out(), le(2n), topBit)).toThrow("invalid point");
    expect(() => s.ristretto255_add(out(), B, topBit)).toThrow("invalid point");
    expect(() => s.ristretto255_msm_vartime(out(), le(2n), topBit)).toThrow("invalid point");
  });
});
