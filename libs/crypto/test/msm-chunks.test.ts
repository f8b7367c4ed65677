/**
 * A public sum longer than the addon takes in one multi-scalar multiplication
 * (NATIVE_MSM_MAX_TERMS) is evaluated in chunks, with the same result as one libsodium
 * multiplication per term (useNativeMsm(false)).
 */
import { randomBytes } from "node:crypto";
import { NATIVE_MSM_MAX_TERMS, nativeSodium } from "@keyfrag/native-sodium";
import { afterAll, expect, test } from "vitest";
import {
  clearSodiumCaches,
  SodiumRistrettoPoint as P,
  ristrettoMsmStats,
  SodiumEd25519Point,
  type SodiumPoint,
  useNativeMsm,
} from "../src/sodium-group.js";

afterAll(() => useNativeMsm(true));

test.runIf(nativeSodium() !== undefined)(
  "a sum of more than NATIVE_MSM_MAX_TERMS products is split across calls",
  () => {
    const n = NATIVE_MSM_MAX_TERMS + 3;
    const ell = P.Fn.ORDER;
    const rand = () => (BigInt(`0x${randomBytes(40).toString("hex")}`) % (ell - 1n)) + 1n;
    // Distinct points (a repeated point would be merged into one term).
    const points = Array.from({ length: n }, () => P.BASE.multiply(rand()).toBytes());
    const scalars = Array.from({ length: n }, rand);
    const sum = () => {
      let acc: SodiumPoint = P.ZERO;
      points.forEach((bytes, i) => {
        acc = acc.add(P.fromBytes(bytes).multiplyUnsafe(scalars[i] as bigint));
      });
      return acc.toHex();
    };
    const calls = ristrettoMsmStats().calls;
    const chunked = sum();
    expect(ristrettoMsmStats().calls - calls).toBe(2);
    clearSodiumCaches();
    useNativeMsm(false);
    expect(sum()).toBe(chunked);
  },
);

test("the point classes offer no unchecked constructor from bytes", () => {
  // fromTrustedBytes skips validation (edwards25519's MSM relies on the subgroup check of
  // fromBytes): module-private, so no caller can hand it external bytes.
  expect("fromTrustedBytes" in P).toBe(false);
  expect("fromTrustedBytes" in SodiumEd25519Point).toBe(false);
  expect(() => P.fromBytes(new Uint8Array(32).fill(0xff))).toThrow("invalid point encoding");
});
