import { createHash } from "node:crypto";
import type { FrostSecret } from "@noble/curves/abstract/frost.js";
import { bytesEqual, encodeFields, fromHex, toHex } from "./bytes.js";
import { InvalidInputError } from "./errors.js";
import {
  cryptoBackend,
  type GroupElement,
  type Suite,
  type SuiteGroup,
  suiteGroup,
} from "./suite.js";

/** Largest slot number; slots fit one byte in every encoding. */
export const MAX_SLOT = 255;

/**
 * The public data of one key version at one epoch. Everyone may hold it: it is what lets a
 * gateway check every slot's contribution without any secret.
 */
export interface KeyPublic {
  readonly suite: Suite;
  /** How many slots must take part (t). n-of-n keys have `threshold === slots.length`. */
  readonly threshold: number;
  /** Every slot of the key (1..255), ascending. */
  readonly slots: readonly number[];
  /** Fragment generation: 0 after key generation, +1 per refresh. */
  readonly epoch: number;
  /** The group public key; for `ed25519` keys this is the Ed25519 public key. */
  readonly groupPublicKey: Uint8Array;
  /** Feldman commitments to the group polynomial at this epoch; `commitments[0]` is the group key. */
  readonly commitments: readonly Uint8Array[];
  /** Each slot's verifying share (its share times the base point) at this epoch. */
  readonly verifyingShares: ReadonlyMap<number, Uint8Array>;
}

/** One slot's fragment: the secret share it holds at one epoch. Never leaves its nodes in clear. */
export interface SlotShare {
  readonly suite: Suite;
  readonly slot: number;
  readonly epoch: number;
  /** The share scalar, 32 bytes little-endian. */
  readonly secret: Uint8Array;
}

/** Checks a slot list and threshold; returns the slots sorted ascending. */
export function checkSlots(slots: readonly number[], threshold: number): number[] {
  const sorted = [...slots].sort((a, b) => a - b);
  for (const s of sorted) {
    if (!Number.isInteger(s) || s < 1 || s > MAX_SLOT) {
      throw new InvalidInputError(`slot ${s} is not an integer in 1..${MAX_SLOT}`);
    }
  }
  if (new Set(sorted).size !== sorted.length) throw new InvalidInputError("duplicate slot");
  if (sorted.length < 2) throw new InvalidInputError("a key needs at least 2 slots");
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > sorted.length) {
    throw new InvalidInputError(
      `threshold ${threshold} must be an integer in 2..${sorted.length} (the number of slots)`,
    );
  }
  return sorted;
}

/** noble's identifier of a slot (the scalar `slot`, serialized). */
export function slotIdentifier(group: SuiteGroup, slot: number): string {
  return group.frost.Identifier.fromNumber(slot);
}

/** Lagrange coefficient of `slot` at x = 0 over the participating `slots`. */
export function lagrangeAtZero(suite: Suite, slots: readonly number[], slot: number): bigint {
  const { Fn } = suiteGroup(suite);
  const xi = BigInt(slot);
  let num = Fn.ONE;
  let den = Fn.ONE;
  for (const s of slots) {
    if (s === slot) continue;
    const xj = BigInt(s);
    num = Fn.mul(num, xj);
    den = Fn.mul(den, Fn.sub(xj, xi));
  }
  return Fn.div(num, den);
}

/** Σ_k commitments[k]·slot^k: the verifying share a polynomial commitment implies for `slot`. */
export function evaluateCommitment(
  group: SuiteGroup,
  commitments: readonly GroupElement[],
  slot: number,
): GroupElement {
  const { Fn } = group;
  const x = BigInt(slot);
  let acc = group.ZERO;
  let power = Fn.ONE;
  for (const c of commitments) {
    acc = acc.add(c.multiplyUnsafe(power));
    power = Fn.mul(power, x);
  }
  return acc;
}

/**
 * Feldman verification: does `share`·G equal what `commitments` imply for `slot`? Malformed
 * scalars count as a failed check.
 */
export function feldmanCheck(
  group: SuiteGroup,
  slot: number,
  share: Uint8Array,
  commitments: readonly GroupElement[],
): boolean {
  try {
    const s = group.Fn.fromBytes(share);
    return group.BASE.multiply(s).equals(evaluateCommitment(group, commitments, slot));
  } catch {
    return false; // zero or non-canonical scalar
  }
}

/** Builds the public data of a key from its commitments, deriving every verifying share. */
export function keyPublicFromCommitments(params: {
  suite: Suite;
  threshold: number;
  slots: readonly number[];
  epoch: number;
  commitments: readonly Uint8Array[];
}): KeyPublic {
  const group = suiteGroup(params.suite);
  const slots = checkSlots(params.slots, params.threshold);
  if (!Number.isInteger(params.epoch) || params.epoch < 0) {
    throw new InvalidInputError(`epoch ${params.epoch} must be a non-negative integer`);
  }
  if (params.commitments.length !== params.threshold) {
    throw new InvalidInputError(
      `expected ${params.threshold} commitments, got ${params.commitments.length}`,
    );
  }
  // Every node and the coordinator decode the same key's public data again and again (each
  // refresh, catch-up and commit message carries it): the verifying shares, one multi-scalar
  // sum per slot, are derived once per distinct input. Only what was fully checked is kept.
  // The backend is part of the key: the conformance suite runs both in one process, and each
  // must decode and check the inputs itself (a cached result of the other would hide a
  // disagreement between them).
  const id = `${cryptoBackend()}/${params.suite}/${params.threshold}/${slots.join(",")}/${params.commitments.map(hexOf).join(",")}`;
  let derived = derivedPublic.get(id);
  if (derived) {
    // Least recently used goes first: re-inserted on every hit.
    derivedPublic.delete(id);
    derivedPublic.set(id, derived);
  } else {
    const points = params.commitments.map((c, k) => group.element(c, `commitment ${k}`));
    const verifyingShares = new Map<number, Uint8Array>();
    for (const s of slots) {
      const y = evaluateCommitment(group, points, s);
      if (y.is0()) throw new InvalidInputError(`slot ${s}: verifying share is the identity`);
      verifyingShares.set(s, y.toBytes());
    }
    derived = { commitments: points.map((p) => p.toBytes()), verifyingShares };
    if (derivedPublic.size >= DERIVED_PUBLIC_MAX) {
      const oldest = derivedPublic.keys().next();
      if (!oldest.done) derivedPublic.delete(oldest.value);
    }
    derivedPublic.set(id, derived);
  }
  // Fresh byte arrays for each caller: no holder can alter what another one (or the cache) sees.
  return Object.freeze({
    suite: params.suite,
    threshold: params.threshold,
    slots: Object.freeze(slots),
    epoch: params.epoch,
    groupPublicKey: new Uint8Array(derived.commitments[0] ?? new Uint8Array()),
    commitments: Object.freeze(derived.commitments.map((c) => new Uint8Array(c))),
    // SlotPoints never hands out its map or its arrays, only copies: sharing it is safe.
    verifyingShares: new SlotPoints(derived.verifyingShares),
  });
}

/**
 * Verifying shares derived by keyPublicFromCommitments, by backend, suite, threshold, slots and
 * commitments; least recently used evicted first (a map keeps insertion order).
 */
const derivedPublic = new Map<
  string,
  { readonly commitments: readonly Uint8Array[]; readonly verifyingShares: Map<number, Uint8Array> }
>();
const DERIVED_PUBLIC_MAX = 4096;
const hexOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/**
 * A read-only slot → point map that hands out copies, so no holder of a KeyPublic can alter
 * the verifying shares every check relies on.
 */
class SlotPoints implements ReadonlyMap<number, Uint8Array> {
  readonly #points: Map<number, Uint8Array>;
  constructor(points: Map<number, Uint8Array>) {
    this.#points = points;
    Object.freeze(this);
  }
  get size() {
    return this.#points.size;
  }
  get(slot: number) {
    return this.#points.get(slot)?.slice();
  }
  has(slot: number) {
    return this.#points.has(slot);
  }
  *entries(): MapIterator<[number, Uint8Array]> {
    for (const [k, v] of this.#points) yield [k, v.slice()];
  }
  keys() {
    return this.#points.keys();
  }
  *values(): MapIterator<Uint8Array> {
    for (const v of this.#points.values()) yield v.slice();
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  forEach(cb: (value: Uint8Array, key: number, map: ReadonlyMap<number, Uint8Array>) => void) {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}

/**
 * SHA-256 of a key's complete public data (suite, threshold, slots, epoch, every commitment).
 * Participants of a DKG or refresh must all report the same digest before the result is used
 * or old fragments are erased: a dealer (or relay) that showed different slots different
 * commitments is caught here. Only those fields are read: a caller holding public data in its
 * JSON form can hash it without decoding a point.
 */
export function keyPublicDigest(
  key: Pick<KeyPublic, "suite" | "threshold" | "epoch" | "slots" | "commitments">,
): Uint8Array {
  return new Uint8Array(
    createHash("sha256")
      .update(
        encodeFields(
          "keyfrag/key-public/v1",
          key.suite,
          key.threshold,
          key.epoch,
          ...key.slots,
          ...key.commitments,
        ),
      )
      .digest(),
  );
}

/** The verifying share of `slot`, or an error naming the slot if it is not part of the key. */
export function verifyingShareOf(key: KeyPublic, slot: number): Uint8Array {
  const y = key.verifyingShares.get(slot);
  if (!y) throw new InvalidInputError(`slot ${slot} is not a slot of this key`);
  return y;
}

/** Checks that a share belongs to this key, slot and epoch (share·G equals the verifying share). */
export function checkShare(share: SlotShare, key: KeyPublic): void {
  if (share.suite !== key.suite) {
    throw new InvalidInputError(`share is for suite ${share.suite}, key is ${key.suite}`);
  }
  if (share.epoch !== key.epoch) {
    throw new InvalidInputError(
      `slot ${share.slot}: share is at epoch ${share.epoch}, key is at epoch ${key.epoch}`,
    );
  }
  const group = suiteGroup(key.suite);
  const expected = verifyingShareOf(key, share.slot);
  let actual: Uint8Array;
  try {
    actual = group.BASE.multiply(group.Fn.fromBytes(share.secret)).toBytes();
  } catch (cause) {
    throw new InvalidInputError(`slot ${share.slot}: share is not a valid scalar`, { cause });
  }
  if (!bytesEqual(actual, expected)) {
    throw new InvalidInputError(`slot ${share.slot}: share does not match its verifying share`);
  }
}

/** A share in noble's FROST secret shape. */
export function toFrostSecret(share: SlotShare): FrostSecret {
  return {
    identifier: slotIdentifier(suiteGroup(share.suite), share.slot),
    signingShare: share.secret as FrostSecret["signingShare"],
  };
}

/** JSON-safe form of {@link KeyPublic} (hex strings); verifying shares are re-derived on load. */
export interface KeyPublicJson {
  suite: Suite;
  threshold: number;
  slots: number[];
  epoch: number;
  commitments: string[];
}

/** Serializes key public data for storage or the wire. */
export function keyPublicToJson(key: KeyPublic): KeyPublicJson {
  return {
    suite: key.suite,
    threshold: key.threshold,
    slots: [...key.slots],
    epoch: key.epoch,
    commitments: key.commitments.map(toHex),
  };
}

/** Parses and fully validates key public data. */
export function keyPublicFromJson(json: KeyPublicJson): KeyPublic {
  return keyPublicFromCommitments({ ...json, commitments: json.commitments.map(fromHex) });
}
