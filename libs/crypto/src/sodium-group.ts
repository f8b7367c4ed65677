import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { NATIVE_MSM_MAX_TERMS, nativeSodium, nativeSodiumError } from "@keyfrag/native-sodium";
import { expand_message_xmd } from "@noble/curves/abstract/hash-to-curve.js";
import type { IField } from "@noble/curves/abstract/modular.js";
import { ed25519, ristretto255, ristretto255_hasher } from "@noble/curves/ed25519.js";
import { sha512 } from "@noble/hashes/sha2.js";

/**
 * Point classes for ristretto255 and edwards25519 whose arithmetic runs in libsodium, shaped like
 * noble's point classes so that noble's own FROST (RFC 9591), OPRF (RFC 9497) and DKG code runs
 * over them unchanged.
 *
 * - ristretto255: libsodium native, through keyfrag's own Node-API addon linked with the system
 *   libsodium (`@keyfrag/native-sodium`; no binding on npm exposes libsodium's ristretto255
 *   operations); where the addon was not built or does not load, libsodium compiled to
 *   WebAssembly (`libsodium-wrappers-sumo`), with the same results.
 * - edwards25519: libsodium native (`sodium-native`, prebuilt binaries shipped in the package).
 *
 * Scalars stay bigints in noble's scalar field. A point is either concrete (its canonical
 * encoding, produced or checked by libsodium) or a pending linear combination of concrete points
 * with public coefficients, built by `add`/`double`/`negate`: noble's multi-scalar
 * multiplications (interleaved wNAF over `double` and `add`) thereby become one libsodium scalar
 * multiplication per input point, evaluated when the result is first encoded or compared. Every
 * multiplication by a (possibly secret) scalar is done on a concrete point by libsodium's
 * constant-time code. Both groups are of prime order ℓ here (ristretto255 by construction,
 * edwards25519 points because decoding rejects everything outside the prime-order subgroup), so
 * reducing coefficients mod ℓ is exact.
 */

const require = createRequire(import.meta.url);
type Wasm = typeof import("libsodium-wrappers-sumo");
let wasmModule: Wasm | undefined;
/** libsodium in WebAssembly, loaded (and its module compiled) only when it is used. */
async function loadWasm(): Promise<Wasm> {
  if (!wasmModule) {
    const w = require("libsodium-wrappers-sumo") as Wasm;
    await w.ready;
    wasmModule = w;
  }
  return wasmModule;
}

/** The part of sodium-native's API used here (the package ships no types). */
interface SodiumNativeEd25519 {
  crypto_core_ed25519_is_valid_point(p: Uint8Array): boolean;
  crypto_core_ed25519_add(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  crypto_core_ed25519_sub(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  crypto_scalarmult_ed25519_noclamp(q: Uint8Array, n: Uint8Array, p: Uint8Array): void;
  crypto_scalarmult_ed25519_base_noclamp(q: Uint8Array, n: Uint8Array): void;
  crypto_scalarmult(q: Uint8Array, n: Uint8Array, p: Uint8Array): void;
  crypto_scalarmult_base(q: Uint8Array, n: Uint8Array): void;
  crypto_sign_verify_detached(sig: Uint8Array, m: Uint8Array, pk: Uint8Array): boolean;
}
const native = require("sodium-native") as SodiumNativeEd25519;

/** One group's primitive operations on 32-byte encodings. Inputs are always valid, non-identity points. */
interface GroupOps {
  readonly identity: Uint8Array;
  readonly base: Uint8Array;
  /** Canonical encoding of a point of the prime-order group, other than the identity. */
  isValid(p: Uint8Array): boolean;
  add(p: Uint8Array, q: Uint8Array): Uint8Array;
  sub(p: Uint8Array, q: Uint8Array): Uint8Array;
  /** k·p for 0 < k < ℓ (little-endian k). */
  mul(k: Uint8Array, p: Uint8Array): Uint8Array;
  mulBase(k: Uint8Array): Uint8Array;
  /**
   * Σ kᵢ·pᵢ (scalars and points concatenated, 32 bytes each), variable time in the scalars: for
   * public scalars only. Present with the native addon (@keyfrag/native-sodium's Straus
   * multi-scalar multiplication); without it every term is a libsodium multiplication.
   */
  msm?: (scalars: Uint8Array, points: Uint8Array) => Uint8Array;
}

/** ristretto255 operations, plus RFC 9496 element derivation from 64 uniform bytes. */
interface RistrettoOps extends GroupOps {
  fromHash(uniform: Uint8Array): Uint8Array;
}

/** Where ristretto255 runs within the libsodium backend: natively, or libsodium in WebAssembly. */
export type RistrettoEngine = "native" | "wasm";

function wasmRistrettoOps(wasm: Wasm): RistrettoOps {
  return {
    identity: new Uint8Array(32),
    base: ristretto255.Point.BASE.toBytes(),
    isValid: (p) => wasm.crypto_core_ristretto255_is_valid_point(p),
    add: (p, q) => wasm.crypto_core_ristretto255_add(p, q),
    sub: (p, q) => wasm.crypto_core_ristretto255_sub(p, q),
    mul: (k, p) => wasm.crypto_scalarmult_ristretto255(k, p),
    mulBase: (k) => wasm.crypto_scalarmult_ristretto255_base(k),
    fromHash: (h) => wasm.crypto_core_ristretto255_from_hash(h),
  };
}

function nativeRistrettoOps(addon: NonNullable<ReturnType<typeof nativeSodium>>): RistrettoOps {
  const out = (fill: (r: Uint8Array) => void) => {
    const r = new Uint8Array(32);
    fill(r);
    return r;
  };
  return {
    identity: new Uint8Array(32),
    base: ristretto255.Point.BASE.toBytes(),
    isValid: (p) => addon.ristretto255_is_valid_point(p),
    add: (p, q) => out((r) => addon.ristretto255_add(r, p, q)),
    sub: (p, q) => out((r) => addon.ristretto255_sub(r, p, q)),
    mul: (k, p) => out((r) => addon.ristretto255_scalarmult(r, k, p)),
    mulBase: (k) => out((r) => addon.ristretto255_scalarmult_base(r, k)),
    fromHash: (h) => out((r) => addon.ristretto255_from_hash(r, h)),
    msm: (k, p) => {
      nativeRistrettoMsmCalls++;
      return out((r) => addon.ristretto255_msm_vartime(r, k, p));
    },
  };
}

/** How many native ristretto255 multi-scalar multiplications this process has run. */
let nativeRistrettoMsmCalls = 0;

/**
 * @internal The number of native ristretto255 multi-scalar multiplications run so far, and
 * whether the current engine has one: for the WebAssembly conformance suite, which checks that
 * it really runs without the addon's arithmetic. Not exported from the package.
 */
export function ristrettoMsmStats(): { calls: number; engineHasMsm: boolean } {
  return { calls: nativeRistrettoMsmCalls, engineHasMsm: ristrettoOps.msm !== undefined };
}

const addon = nativeSodium();
let msmEnabled = true;
/**
 * @internal Turns the native multi-scalar multiplication off (every product then one libsodium
 * multiplication, as without the addon) or on again: for the benchmark's before/after rows only.
 */
export function useNativeMsm(on: boolean): void {
  msmEnabled = on;
}

/** The engine ristretto255 runs on now, and its operations (swapped in place by the tests). */
let engine: RistrettoEngine = addon ? "native" : "wasm";
const ristrettoOps: RistrettoOps = addon
  ? nativeRistrettoOps(addon)
  : wasmRistrettoOps(await loadWasm());

/** The engine ristretto255 runs on in this process: "native" unless the addon is missing. */
export function ristrettoEngine(): RistrettoEngine {
  return engine;
}

/**
 * What the group arithmetic of this process runs on, for a service's start-up log: the backend
 * (KF_CRYPTO_BACKEND), ristretto255's engine, and why the native one is not in use (if not).
 */
export function cryptoEngines(backend: "sodium" | "noble"): {
  backend: "sodium" | "noble";
  ristretto255: "native libsodium" | "libsodium WebAssembly" | "noble";
  edwards25519: "sodium-native" | "noble";
  msm: boolean;
  nativeUnavailable?: string;
} {
  if (backend === "noble")
    return { backend, ristretto255: "noble", edwards25519: "noble", msm: false };
  return {
    backend,
    ristretto255: engine === "native" ? "native libsodium" : "libsodium WebAssembly",
    edwards25519: "sodium-native",
    msm: addon !== undefined && msmEnabled,
    ...(addon ? {} : { nativeUnavailable: nativeSodiumError() }),
  };
}

/** Why the native engine is not in use (undefined when it is). */
export function ristrettoEngineFallbackReason(): string | undefined {
  return addon ? undefined : nativeSodiumError();
}

/**
 * @internal Switches ristretto255 to the other engine for the whole process: only for the
 * conformance suite and the benchmark, which run both engines in one process. Not exported from
 * the package. Throws if the native addon is asked for but not available.
 */
export async function useRistrettoEngine(next: RistrettoEngine): Promise<void> {
  if (next === "native" && !addon)
    throw new Error(`native ristretto255 unavailable: ${nativeSodiumError()}`);
  const ops =
    next === "native" && addon ? nativeRistrettoOps(addon) : wasmRistrettoOps(await loadWasm());
  // The WebAssembly engine has no multi-scalar multiplication: drop the native one too, or
  // Object.assign would keep it and the "wasm" engine would still sum products natively.
  delete ristrettoOps.msm;
  Object.assign(ristrettoOps, ops);
  engine = next;
}

const ed25519Ops: GroupOps = {
  identity: ed25519.Point.ZERO.toBytes(),
  base: ed25519.Point.BASE.toBytes(),
  // The addon's multi-scalar multiplication, which also spares libsodium's subgroup check of
  // every input of crypto_scalarmult_ed25519_noclamp (the inputs here are checked on decoding).
  ...(addon
    ? {
        msm: (k: Uint8Array, p: Uint8Array) => {
          const r = new Uint8Array(32);
          addon.ed25519_msm_vartime(r, k, p);
          return r;
        },
      }
    : {}),
  // Canonical, on the curve, in the prime-order subgroup, not of small order.
  isValid: (p) => native.crypto_core_ed25519_is_valid_point(p),
  add: (p, q) => {
    const r = new Uint8Array(32);
    native.crypto_core_ed25519_add(r, p, q);
    return r;
  },
  sub: (p, q) => {
    const r = new Uint8Array(32);
    native.crypto_core_ed25519_sub(r, p, q);
    return r;
  },
  mul: (k, p) => {
    const r = new Uint8Array(32);
    native.crypto_scalarmult_ed25519_noclamp(r, k, p);
    return r;
  },
  mulBase: (k) => {
    const r = new Uint8Array(32);
    native.crypto_scalarmult_ed25519_base_noclamp(r, k);
    return r;
  },
};

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}

function keyOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** The point-class surface noble's FROST / OPRF code and this package use. */
export interface SodiumPoint {
  add(other: SodiumPoint): SodiumPoint;
  subtract(other: SodiumPoint): SodiumPoint;
  negate(): SodiumPoint;
  double(): SodiumPoint;
  multiply(scalar: bigint): SodiumPoint;
  multiplyUnsafe(scalar: bigint): SodiumPoint;
  equals(other: SodiumPoint): boolean;
  is0(): boolean;
  toBytes(): Uint8Array;
  toHex(): string;
  assertValidity(): void;
  isTorsionFree(): boolean;
  isSmallOrder(): boolean;
}

export interface SodiumPointClass {
  new (...args: never[]): SodiumPoint;
  readonly BASE: SodiumPoint;
  readonly ZERO: SodiumPoint;
  readonly Fp: IField<bigint>;
  readonly Fn: IField<bigint>;
  fromBytes(bytes: Uint8Array): SodiumPoint;
  fromHex(hex: string): SodiumPoint;
  fromAffine(p: unknown): SodiumPoint;
}

/**
 * Each point class's constructor of a concrete point from an encoding libsodium itself just
 * produced, with no re-validation. Module-private on purpose: a point made from external bytes
 * this way would skip the subgroup check that edwards25519's MSM (no check of its own) relies on.
 */
const fromTrustedBytes = new WeakMap<SodiumPointClass, (bytes: Uint8Array) => SodiumPoint>();

const cacheClearers: (() => void)[] = [];

/**
 * @internal Empties the decode and combination caches, so the benchmark never times a repeat
 * of the same inputs as a cache hit. Not exported from the package.
 */
export function clearSodiumCaches(): void {
  for (const clear of cacheClearers) clear();
}

function makePointClass(name: string, ops: GroupOps, Fp: IField<bigint>, Fn: IField<bigint>) {
  const L = Fn.ORDER;
  let evaluations = 0;
  /**
   * Recently decoded encodings. Decoding is a pure function of the bytes, and FROST decodes the
   * same commitments once per signer and again per share check; for edwards25519 every decode
   * costs a subgroup check (a scalar multiplication), so repeats are served from here.
   */
  const decoded = new Map<string, Point>();
  const DECODED_MAX = 4096;
  /**
   * Recently evaluated combinations of public points (key: the points and their coefficients).
   * FROST computes the same group commitment once per signature share check and again to
   * aggregate; this makes the repeats free. Pure function of its key, like `decoded`.
   */
  const combined = new Map<string, Uint8Array>();
  const COMBINED_MAX = 1024;
  cacheClearers.push(() => {
    decoded.clear();
    combined.clear();
  });
  const remember = <V>(cache: Map<string, V>, max: number, key: string, value: V) => {
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
  };

  /**
   * A point is either concrete (`bytes`: a canonical encoding libsodium produced or accepted) or
   * a pending sum `Σ k·child` with small integer k, built by add/subtract/negate/double. The
   * pending sums form a DAG that is flattened into one linear combination of concrete points
   * when the value is first needed, then evaluated by libsodium and cached.
   */
  class Point implements SodiumPoint {
    static readonly Fp = Fp;
    static readonly Fn = Fn;
    static BASE: Point;
    static ZERO: Point;

    #bytes: Uint8Array | undefined;
    #children: readonly (readonly [Point, bigint])[] | undefined;
    /** Scratch state of the evaluation that last visited this point (see #evaluate). */
    #entered = 0;
    #finished = 0;
    #coefficient = 0n;

    /** Internal: only this module constructs points (the exported class type hides it). */
    constructor(
      bytes: Uint8Array | undefined,
      children: readonly (readonly [Point, bigint])[] | undefined,
    ) {
      this.#bytes = bytes;
      this.#children = children;
    }

    static #concrete(bytes: Uint8Array): Point {
      if (sameBytes(bytes, ops.identity)) return Point.ZERO;
      return new Point(bytes, undefined);
    }

    static fromBytes(bytes: Uint8Array): Point {
      if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
        throw new Error(`${name}: expected a 32-byte encoding`);
      }
      const key = keyOf(bytes);
      const known = decoded.get(key);
      if (known) return known;
      const copy = Uint8Array.from(bytes);
      if (sameBytes(copy, ops.identity)) return Point.ZERO;
      if (!ops.isValid(copy)) throw new Error(`${name}: invalid point encoding`);
      const point = Point.#concrete(copy);
      remember(decoded, DECODED_MAX, key, point);
      return point;
    }

    static fromHex(hex: string): Point {
      return Point.fromBytes(Uint8Array.from(Buffer.from(hex, "hex")));
    }

    static fromAffine(): Point {
      throw new Error(`${name}: affine coordinates are not supported by the libsodium backend`);
    }

    #isZero(): boolean {
      return this.#bytes !== undefined && sameBytes(this.#bytes, ops.identity);
    }

    /** The canonical encoding: evaluates a pending sum with libsodium, once. */
    #evaluate(): Uint8Array {
      if (this.#bytes) return this.#bytes;
      // Post-order walk of the pending DAG, stopping at concrete points; marks are per
      // evaluation (an epoch number), so no per-evaluation sets or maps are needed.
      const epoch = ++evaluations;
      const order: Point[] = [];
      const stack: Point[] = [this];
      while (stack.length > 0) {
        const node = stack[stack.length - 1] as Point;
        if (node.#entered !== epoch) {
          node.#entered = epoch;
          node.#coefficient = 0n;
          if (!node.#bytes) {
            for (const [child] of node.#children ?? []) {
              if (child.#entered !== epoch) stack.push(child);
            }
          }
        } else {
          stack.pop();
          if (node.#finished !== epoch) {
            node.#finished = epoch;
            order.push(node);
          }
        }
      }
      // Parents before children: push each node's (exact integer) coefficient down to its children.
      this.#coefficient = 1n;
      const sums = new Map<string, { point: Uint8Array; k: bigint }>();
      for (let i = order.length - 1; i >= 0; i--) {
        const node = order[i] as Point;
        const c = node.#coefficient;
        if (c === 0n) continue;
        if (node.#bytes) {
          if (sameBytes(node.#bytes, ops.identity)) continue;
          const key = keyOf(node.#bytes);
          const s = sums.get(key);
          if (s) s.k += c;
          else sums.set(key, { point: node.#bytes, k: c });
          continue;
        }
        for (const [child, k] of node.#children ?? []) child.#coefficient += c * k;
      }
      const terms: [string, Uint8Array, bigint][] = [];
      for (const [key, { point, k }] of sums) {
        const reduced = Fn.create(k);
        if (reduced !== 0n) terms.push([key, point, reduced]);
      }
      // Only sums that need a scalar multiplication are worth remembering. Every coefficient here
      // comes from public data (the structure of a sum, or a multi-scalar multiplication's
      // public scalars); products with possibly secret scalars (multiply) are never cached.
      const costly = terms.some(([, , k]) => k !== 1n && k !== L - 1n);
      const memoKey = costly ? terms.map(([key, , k]) => key + k.toString(36)).join("|") : "";
      const memo = costly ? combined.get(memoKey) : undefined;
      if (memo) {
        this.#bytes = memo;
        this.#children = undefined;
        return memo;
      }
      let bytes: Uint8Array;
      if (costly && ops.msm && msmEnabled && terms.length > 1) {
        // One native multi-scalar multiplication (variable time: the coefficients are public).
        // A single product stays libsodium's (its base-point multiplication has precomputed tables).
        // The addon takes at most NATIVE_MSM_MAX_TERMS terms a call: longer sums go in chunks.
        let sum: Uint8Array | undefined;
        for (let start = 0; start < terms.length; start += NATIVE_MSM_MAX_TERMS) {
          const chunk = terms.slice(start, start + NATIVE_MSM_MAX_TERMS);
          const scalars = new Uint8Array(32 * chunk.length);
          const points = new Uint8Array(32 * chunk.length);
          chunk.forEach(([, point, k], i) => {
            scalars.set(Fn.toBytes(k), 32 * i);
            points.set(point, 32 * i);
          });
          const part = ops.msm(scalars, points);
          sum = sum ? ops.add(sum, part) : part;
        }
        bytes = sum as Uint8Array;
      } else {
        let acc: Uint8Array | undefined;
        for (const [, point, k] of terms) {
          if (acc && k === L - 1n) {
            acc = ops.sub(acc, point);
            continue;
          }
          const kp = k === 1n ? point : this.#mul(k, point);
          acc = acc ? ops.add(acc, kp) : kp;
        }
        bytes = acc ?? ops.identity;
      }
      this.#bytes = bytes;
      this.#children = undefined;
      if (costly) remember(combined, COMBINED_MAX, memoKey, bytes);
      return bytes;
    }

    #mul(k: bigint, point: Uint8Array): Uint8Array {
      const kb = Fn.toBytes(k);
      const out = sameBytes(point, ops.base) ? ops.mulBase(kb) : ops.mul(kb, point);
      kb.fill(0);
      return out;
    }

    #lazy(children: readonly (readonly [Point, bigint])[]): Point {
      return new Point(undefined, children);
    }

    #same(other: SodiumPoint, what: string): Point {
      if (!(other instanceof Point))
        throw new Error(`${name}: cannot ${what} a point of another group`);
      return other;
    }

    add(other: SodiumPoint): Point {
      const o = this.#same(other, "add");
      if (o.#isZero()) return this;
      if (this.#isZero()) return o;
      return this.#lazy([
        [this, 1n],
        [o, 1n],
      ]);
    }

    subtract(other: SodiumPoint): Point {
      const o = this.#same(other, "subtract");
      if (o.#isZero()) return this;
      return this.#lazy([
        [this, 1n],
        [o, -1n],
      ]);
    }

    /** k·this, folding k into a single-child sum (chains of doublings stay one node). */
    #scaled(k: bigint): Point {
      if (this.#isZero()) return this;
      const only = !this.#bytes && this.#children?.length === 1 ? this.#children[0] : undefined;
      if (!only) return this.#lazy([[this, k]]);
      // Products of full-size scalars are reduced (exact either way: the group has order ℓ).
      const product = only[1] * k;
      return this.#lazy([[only[0], k > 0xffffffffn ? Fn.create(product) : product]]);
    }

    negate(): Point {
      return this.#scaled(-1n);
    }

    double(): Point {
      return this.#scaled(2n);
    }

    #times(scalar: bigint): Point {
      const bytes = this.#evaluate();
      if (sameBytes(bytes, ops.identity)) return Point.ZERO;
      if (scalar === 1n) return this;
      return Point.#concrete(this.#mul(scalar, bytes));
    }

    /** Constant-time scalar multiplication (libsodium), 1 ≤ scalar < ℓ like noble's. */
    multiply(scalar: bigint): Point {
      if (!Fn.isValidNot0(scalar))
        throw new RangeError("invalid scalar: expected 1 <= sc < curve.n");
      return this.#times(scalar);
    }

    /**
     * 0 ≤ scalar < ℓ, like noble's multiplyUnsafe, and like it for public scalars only: with the
     * native addon the product joins the pending sum and is evaluated with the rest of it by one
     * variable-time multi-scalar multiplication (noble's verification equations, DLEQ composites,
     * Feldman checks); without it, libsodium's multiplication at once.
     */
    multiplyUnsafe(scalar: bigint): Point {
      if (!Fn.isValid(scalar)) throw new RangeError("invalid scalar: expected 0 <= sc < curve.n");
      if (scalar === 0n) return Point.ZERO;
      if (scalar === 1n) return this;
      if (ops.msm && msmEnabled) return this.#scaled(scalar);
      return this.#times(scalar);
    }

    equals(other: SodiumPoint): boolean {
      const o = this.#same(other, "compare");
      return sameBytes(this.#evaluate(), o.#evaluate());
    }

    is0(): boolean {
      return sameBytes(this.#evaluate(), ops.identity);
    }

    toBytes(): Uint8Array {
      return Uint8Array.from(this.#evaluate());
    }

    toHex(): string {
      return Buffer.from(this.#evaluate()).toString("hex");
    }

    toString(): string {
      return this.toHex();
    }

    /** Every point is valid by construction: decoding is libsodium's full check. */
    assertValidity(): void {}

    /** Every point lies in the prime-order subgroup by construction (see fromBytes). */
    isTorsionFree(): boolean {
      return true;
    }

    isSmallOrder(): boolean {
      return this.is0();
    }
  }
  // Assigned after the class body, not in a static block: tsc's emit aliases the class inside
  // static blocks before the alias is set.
  Point.ZERO = new Point(ops.identity, undefined);
  Point.BASE = new Point(ops.base, undefined);
  const cls = Point as unknown as SodiumPointClass;
  fromTrustedBytes.set(cls, (bytes) =>
    sameBytes(bytes, ops.identity) ? Point.ZERO : new Point(bytes, undefined),
  );
  return cls;
}

/** ristretto255 over libsodium (native, or WebAssembly without the addon). */
export const SodiumRistrettoPoint = makePointClass(
  "ristretto255",
  ristrettoOps,
  ristretto255.Point.Fp,
  ristretto255.Point.Fn,
);

/** edwards25519 (prime-order subgroup only) over libsodium (native). */
export const SodiumEd25519Point = makePointClass(
  "ed25519",
  ed25519Ops,
  ed25519.Point.Fp,
  ed25519.Point.Fn,
);

/**
 * RFC 9380 hash_to_ristretto255 (expand_message_xmd with SHA-512, then RFC 9496 element
 * derivation, which is libsodium's crypto_core_ristretto255_from_hash).
 */
export function sodiumHashToRistretto(
  msg: Uint8Array,
  options?: { DST?: string | Uint8Array },
): SodiumPoint {
  const DST = options?.DST === undefined ? "ristretto255_XMD:SHA-512_R255MAP_RO_" : options.DST;
  const uniform = expandMessageXmdSha512(msg, DST);
  const trusted = fromTrustedBytes.get(SodiumRistrettoPoint) as (b: Uint8Array) => SodiumPoint;
  return trusted(ristrettoOps.fromHash(uniform));
}

const SHA512_BLOCK_ZEROS = new Uint8Array(128);
const LEN_64 = Uint8Array.of(0, 64, 0);
const ONE = Uint8Array.of(1);

/**
 * RFC 9380 expand_message_xmd with SHA-512 and 64 output bytes (one block: b_1), on node:crypto's
 * SHA-512 (noble's is JavaScript, and the DLEQ composites hash once per batch element). Gives the
 * same bytes as noble's expand_message_xmd(msg, DST, 64, sha512); the conformance suite's RFC
 * 9497 vectors and cross-checks run through it.
 */
export function expandMessageXmdSha512(msg: Uint8Array, DST: string | Uint8Array): Uint8Array {
  let dst = typeof DST === "string" ? Buffer.from(DST, "utf8") : DST;
  if (dst.length === 0) return expand_message_xmd(msg, dst, 64, sha512); // noble's refusal
  if (dst.length > 255) {
    dst = createHash("sha512").update("H2C-OVERSIZE-DST-").update(dst).digest();
  }
  const dstPrime = Buffer.concat([dst, Uint8Array.of(dst.length)]);
  const b0 = createHash("sha512")
    .update(SHA512_BLOCK_ZEROS)
    .update(msg)
    .update(LEN_64)
    .update(dstPrime)
    .digest();
  return new Uint8Array(createHash("sha512").update(b0).update(ONE).update(dstPrime).digest());
}

/** RFC 9497's HashToScalar for ristretto255: expand_message_xmd to 64 bytes, little-endian mod ℓ. */
export function sodiumHashToScalar(
  msg: Uint8Array,
  options?: { DST?: string | Uint8Array },
): bigint {
  if (options?.DST === undefined) return ristretto255_hasher.hashToScalar(msg);
  const xmd = expandMessageXmdSha512(msg, options.DST);
  return ristretto255.Point.Fn.create(BigInt(`0x${Buffer.from(xmd).reverse().toString("hex")}`));
}

/**
 * X25519 (RFC 7748) for identity keys, in libsodium (native). Same contract as noble's x25519:
 * clamped scalars, and a shared secret that is all zeros (a low-order public key) is refused.
 */
export const sodiumX25519 = {
  getPublicKey(secretKey: Uint8Array): Uint8Array {
    const out = new Uint8Array(32);
    native.crypto_scalarmult_base(out, secretKey);
    return out;
  },
  getSharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
    const out = new Uint8Array(32);
    try {
      native.crypto_scalarmult(out, secretKey, publicKey);
    } catch (cause) {
      throw new Error("X25519: low-order public key (all-zero shared secret)", { cause });
    }
    return out;
  },
};

/** RFC 8032 Ed25519 verification by libsodium (canonical encodings, no small-order keys or R). */
export function sodiumVerifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  return native.crypto_sign_verify_detached(signature, message, publicKey);
}
