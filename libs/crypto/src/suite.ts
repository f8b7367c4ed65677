import { createFROST, type FROST } from "@noble/curves/abstract/frost.js";
import type { IField } from "@noble/curves/abstract/modular.js";
import { createOPRF, type OPRF } from "@noble/curves/abstract/oprf.js";
import {
  ed25519,
  ed25519_FROST,
  ristretto255,
  ristretto255_FROST,
  ristretto255_oprf,
  x25519,
} from "@noble/curves/ed25519.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { InvalidInputError } from "./errors.js";
import {
  cryptoEngines,
  SodiumEd25519Point,
  SodiumRistrettoPoint,
  sodiumHashToRistretto,
  sodiumHashToScalar,
  sodiumX25519,
} from "./sodium-group.js";

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

/**
 * Where the group arithmetic runs. `sodium` (the default): libsodium, natively for edwards25519
 * (`sodium-native`) and in WebAssembly for ristretto255 (`libsodium-wrappers-sumo`). `noble`:
 * `@noble/curves` in pure JavaScript, the reference. Both run the same protocol code (noble's
 * OPRF, DKG and FROST round one, keyfrag's FROST round two and aggregation) and give
 * byte-identical results; the conformance suite checks it.
 */
export type CryptoBackend = "sodium" | "noble";

/** The environment variable that selects the backend: `sodium` (default) or `noble`. */
export const CRYPTO_BACKEND_ENV = "KF_CRYPTO_BACKEND";

/** One suite: its FROST instance, group and scalar field. */
export interface SuiteGroup {
  readonly name: Suite;
  readonly backend: CryptoBackend;
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

const NOBLE: Record<Suite, SuiteGroup> = {
  ristretto255: {
    name: "ristretto255",
    backend: "noble",
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
    backend: "noble",
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

/**
 * The libsodium suites: noble's createFROST with the parameters of noble's own ed25519_FROST and
 * ristretto255_FROST, over libsodium-backed point classes. Decoding is libsodium's full check
 * (canonical encoding; for edwards25519 also on the curve and in the prime-order subgroup); a
 * rejected encoding is re-parsed by the reference backend only to report the same error.
 */
function sodiumElement(suite: Suite) {
  const P = suite === "ed25519" ? SodiumEd25519Point : SodiumRistrettoPoint;
  return (bytes: Uint8Array, what: string): GroupElement => {
    let p: InstanceType<typeof P>;
    try {
      p = P.fromBytes(bytes);
    } catch (cause) {
      NOBLE[suite].element(bytes, what); // throws the reference backend's precise error
      throw new InvalidInputError(`${what}: rejected by libsodium`, { cause });
    }
    if (p.is0()) {
      NOBLE[suite].element(bytes, what); // same message as the reference for the identity
      throw new InvalidInputError(`${what}: identity element`);
    }
    return p as unknown as GroupElement;
  };
}

const SODIUM: Record<Suite, SuiteGroup> = {
  ristretto255: {
    name: "ristretto255",
    backend: "sodium",
    frost: createFROST({
      name: "FROST-RISTRETTO255-SHA512-v1",
      Point: SodiumRistrettoPoint as never,
      validatePoint: (p: { assertValidity(): void }) => p.assertValidity(),
      hash: sha512,
    }),
    Fn: SodiumRistrettoPoint.Fn,
    BASE: SodiumRistrettoPoint.BASE as unknown as GroupElement,
    ZERO: SodiumRistrettoPoint.ZERO as unknown as GroupElement,
    element: sodiumElement("ristretto255"),
  },
  ed25519: {
    name: "ed25519",
    backend: "sodium",
    frost: createFROST({
      name: "FROST-ED25519-SHA512-v1",
      Point: SodiumEd25519Point as never,
      validatePoint: (p: { assertValidity(): void; isTorsionFree(): boolean }) => {
        p.assertValidity();
        if (!p.isTorsionFree()) throw new Error("bad point: not torsion-free");
      },
      hash: sha512,
      // RFC 9591 keeps H2 undecorated for Ed25519 (RFC 8032 compatibility), as noble's suite does.
      H2: "",
    }),
    Fn: SodiumEd25519Point.Fn,
    BASE: SodiumEd25519Point.BASE as unknown as GroupElement,
    ZERO: SodiumEd25519Point.ZERO as unknown as GroupElement,
    element: sodiumElement("ed25519"),
  },
};

const SODIUM_OPRF: OPRF = createOPRF({
  name: "ristretto255-SHA512",
  Point: SodiumRistrettoPoint as never,
  hash: sha512,
  hashToGroup: sodiumHashToRistretto as never,
  hashToScalar: sodiumHashToScalar,
});

const BACKENDS: Record<CryptoBackend, { groups: Record<Suite, SuiteGroup>; oprf: OPRF }> = {
  sodium: { groups: SODIUM, oprf: SODIUM_OPRF },
  noble: { groups: NOBLE, oprf: ristretto255_oprf },
};

function backendFromEnvironment(): CryptoBackend {
  const value = process.env[CRYPTO_BACKEND_ENV];
  if (value === undefined || value === "") return "sodium";
  if (value === "sodium" || value === "noble") return value;
  throw new Error(
    `${CRYPTO_BACKEND_ENV} must be "sodium" or "noble", not ${JSON.stringify(value)}`,
  );
}

let current: CryptoBackend = backendFromEnvironment();

/** What this process's group arithmetic runs on (backend, engines, why not native), for logs. */
export function cryptoDescription(): ReturnType<typeof cryptoEngines> {
  return cryptoEngines(current);
}

/** The backend in use by this process (from KF_CRYPTO_BACKEND at load). */
export function cryptoBackend(): CryptoBackend {
  return current;
}

/**
 * @internal Switches the backend for the whole process: only for the conformance suite and the
 * benchmark, which run both backends in one process. Not exported from the package.
 */
export function useCryptoBackend(backend: CryptoBackend): void {
  if (!(backend in BACKENDS)) throw new Error(`unknown crypto backend ${JSON.stringify(backend)}`);
  current = backend;
}

/** RFC 9497 ristretto255-SHA512 of the current backend. */
export function ristrettoOprf(): OPRF {
  return BACKENDS[current].oprf;
}

/** X25519 of the current backend (identity keys); both throw on a low-order public key. */
export function identityX25519(): {
  getPublicKey(secretKey: Uint8Array): Uint8Array;
  getSharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array;
} {
  return current === "sodium" ? sodiumX25519 : x25519;
}

/** The group of a suite; throws on an unknown suite name (e.g. from the network). */
export function suiteGroup(suite: Suite): SuiteGroup {
  const g = Object.hasOwn(BACKENDS[current].groups, suite)
    ? BACKENDS[current].groups[suite]
    : undefined;
  if (!g) throw new InvalidInputError(`unknown suite ${JSON.stringify(suite)}`);
  return g;
}
