import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * libsodium's group operations on 32-byte encodings, natively (the system libsodium, through
 * this package's Node-API addon). Out parameters first, like sodium-native; a wrong length
 * throws a TypeError, and so does a result that is the identity (a zero scalar) where libsodium
 * refuses it.
 */
export interface NativeSodium {
  /** The libsodium version the addon is running against. */
  readonly sodium_version: string;
  /** A canonical encoding of a ristretto255 element (the identity, all zeros, included). */
  ristretto255_is_valid_point(p: Uint8Array): boolean;
  ristretto255_add(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  ristretto255_sub(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  /** q = n·p (n little-endian, < 2^255); throws if q is the identity. */
  ristretto255_scalarmult(q: Uint8Array, n: Uint8Array, p: Uint8Array): void;
  /** q = n·B; throws if q is the identity. */
  ristretto255_scalarmult_base(q: Uint8Array, n: Uint8Array): void;
  /** RFC 9496 element derivation from 64 uniform bytes. */
  ristretto255_from_hash(p: Uint8Array, h: Uint8Array): void;
  /**
   * out = Σ scalars[i]·points[i] by Straus' method (native/msm.h), variable time in the scalars:
   * for public scalars only (ristretto255 points may be secret: its decoding branches only on
   * validity). Points must decode (a point that does not throws); scalars < 2^255; at most
   * {@link NATIVE_MSM_MAX_TERMS} terms (a RangeError above: callers split longer sums). Returns
   * false when the sum is the identity (out: its encoding).
   */
  ristretto255_msm_vartime(out: Uint8Array, scalars: Uint8Array, points: Uint8Array): boolean;
  /**
   * The same on edwards25519, for public points only (RFC 8032 decoding branches on the point).
   * Precondition: every point is in the prime-order subgroup. There is no subgroup check here
   * (the result is the full-integer sum, so a point with a torsion component would leak it into
   * the result): pass only points libsodium's ed25519_is_valid_point accepted, or results of
   * group operations on such points.
   */
  ed25519_msm_vartime(out: Uint8Array, scalars: Uint8Array, points: Uint8Array): boolean;
  /** Canonical, on the curve, in the prime-order subgroup, not of small order. */
  ed25519_is_valid_point(p: Uint8Array): boolean;
  ed25519_add(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  ed25519_sub(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  ed25519_scalarmult_noclamp(q: Uint8Array, n: Uint8Array, p: Uint8Array): void;
  ed25519_scalarmult_base_noclamp(q: Uint8Array, n: Uint8Array): void;
}

/** The most terms one ristretto255_msm_vartime / ed25519_msm_vartime call takes (msm.h's MSM_MAX_TERMS). */
export const NATIVE_MSM_MAX_TERMS = 4096;

/** Where the build (`build-addon.mjs`, run by `pnpm build`) puts the addon. */
export const NATIVE_SODIUM_ADDON = join(import.meta.dirname, "..", "dist", "keyfrag_sodium.node");

let loaded: { addon: NativeSodium } | { error: string } | undefined;

function load(): { addon: NativeSodium } | { error: string } {
  if (!existsSync(NATIVE_SODIUM_ADDON)) {
    return { error: `${NATIVE_SODIUM_ADDON} is not built (pnpm build builds it)` };
  }
  try {
    const addon = createRequire(import.meta.url)(NATIVE_SODIUM_ADDON) as NativeSodium;
    return { addon };
  } catch (cause) {
    return { error: `${NATIVE_SODIUM_ADDON} does not load: ${(cause as Error).message}` };
  }
}

/**
 * The addon, or undefined when it was not built here (no compiler or libsodium-dev at build
 * time) or cannot load (no libsodium at run time); {@link nativeSodiumError} says why. Loaded
 * once per process.
 */
export function nativeSodium(): NativeSodium | undefined {
  loaded ??= load();
  return "addon" in loaded ? loaded.addon : undefined;
}

/** Why {@link nativeSodium} is undefined (undefined when the addon is loaded). */
export function nativeSodiumError(): string | undefined {
  loaded ??= load();
  return "error" in loaded ? loaded.error : undefined;
}
