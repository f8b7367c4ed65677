import type { FROST } from "@noble/curves/abstract/frost.js";
import type { IField } from "@noble/curves/abstract/modular.js";
import { ed25519, ed25519_FROST, ristretto255, ristretto255_FROST } from "@noble/curves/ed25519.js";
import { InvalidInputError } from "./errors.js";

/**
 * The two prime-order groups keyfrag uses. `ristretto255` keys serve encryption (threshold
 * OPRF, RFC 9497); `ed25519` keys serve signing (FROST, RFC 9591) and yield plain Ed25519
 * signatures.
 */
export type Suite = "ristretto255" | "ed25519";

/** The point operations we need, common to noble's Edwards and Ristretto points. */
export interface GroupElement {
  add(other: GroupElement): GroupElement;
  subtract(other: GroupElement): GroupElement;
  multiply(scalar: bigint): GroupElement;
  multiplyUnsafe(scalar: bigint): GroupElement;
  equals(other: GroupElement): boolean;
  is0(): boolean;
  toBytes(): Uint8Array;
}

/** One suite: its FROST instance, group and scalar field. */
export interface SuiteGroup {
  readonly name: Suite;
  readonly frost: FROST;
  readonly Fn: IField<bigint>;
  readonly BASE: GroupElement;
  readonly ZERO: GroupElement;
  /** Parses an element and rejects the identity and (for Ed25519) points outside the prime-order subgroup. */
  element(bytes: Uint8Array, what: string): GroupElement;
}

// noble's Edwards and Ristretto point classes both satisfy GroupElement structurally; the
// casts below only erase their distinct nominal types. Each suite only ever mixes its own points.
const edPoint = ed25519.Point;
const rPoint = ristretto255.Point;

const SUITES: Record<Suite, SuiteGroup> = {
  ristretto255: {
    name: "ristretto255",
    frost: ristretto255_FROST,
    Fn: rPoint.Fn,
    BASE: rPoint.BASE as unknown as GroupElement,
    ZERO: rPoint.ZERO as unknown as GroupElement,
    element(bytes, what) {
      let p: InstanceType<typeof rPoint>;
      try {
        p = rPoint.fromBytes(bytes);
      } catch (cause) {
        throw new InvalidInputError(`${what}: not a ristretto255 element`, { cause });
      }
      if (p.is0()) throw new InvalidInputError(`${what}: identity element`);
      return p as unknown as GroupElement;
    },
  },
  ed25519: {
    name: "ed25519",
    frost: ed25519_FROST,
    Fn: edPoint.Fn,
    BASE: edPoint.BASE as unknown as GroupElement,
    ZERO: edPoint.ZERO as unknown as GroupElement,
    element(bytes, what) {
      let p: InstanceType<typeof edPoint>;
      try {
        p = edPoint.fromBytes(bytes);
        p.assertValidity();
      } catch (cause) {
        throw new InvalidInputError(`${what}: not an Ed25519 point`, { cause });
      }
      if (p.is0()) throw new InvalidInputError(`${what}: identity element`);
      if (!p.isTorsionFree())
        throw new InvalidInputError(`${what}: not in the prime-order subgroup`);
      return p as unknown as GroupElement;
    },
  },
};

/** The group of a suite; throws on an unknown suite name (e.g. from the network). */
export function suiteGroup(suite: Suite): SuiteGroup {
  const g = SUITES[suite];
  if (!g) throw new InvalidInputError(`unknown suite ${JSON.stringify(suite)}`);
  return g;
}
