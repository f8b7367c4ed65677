import type { NonceCommitments, RNG } from "@noble/curves/abstract/frost.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesEqual, wipe } from "./bytes.js";
import {
  CryptoError,
  InvalidInputError,
  NonceReuseError,
  SlotContributionError,
} from "./errors.js";
import {
  type KeyPublic,
  type SlotShare,
  slotIdentifier,
  toFrostPublic,
  toFrostSecret,
} from "./key-public.js";
import { sodiumVerifyEd25519 } from "./sodium-group.js";
import { suiteGroup } from "./suite.js";

/**
 * FROST(Ed25519, SHA-512) signing (RFC 9591) across slots. The aggregate is a plain RFC 8032
 * Ed25519 signature under the key's group public key.
 */
function frost() {
  return suiteGroup("ed25519").frost;
}

/** A slot's public round-one commitment (hiding and binding nonce points). */
export interface NonceCommitment {
  readonly slot: number;
  readonly hiding: Uint8Array;
  readonly binding: Uint8Array;
}

/** A slot's signature share for one message. */
export interface SignatureShare {
  readonly slot: number;
  readonly share: Uint8Array;
}

/** The secret nonce scalars of each live SigningNonce; only this module can read them. */
const nonceSecrets = new WeakMap<SigningNonce, { hiding: Uint8Array; binding: Uint8Array }>();

/**
 * A slot's secret round-one nonces: an opaque handle. Single-use by construction:
 * {@link signShare} consumes and erases them, and a second use raises {@link NonceReuseError}.
 * Keep in memory only.
 */
export class SigningNonce {
  readonly slot: number;
  readonly commitment: NonceCommitment;

  /** @internal */
  constructor(slot: number, hiding: Uint8Array, binding: Uint8Array, commitment: NonceCommitment) {
    this.slot = slot;
    this.commitment = commitment;
    nonceSecrets.set(this, { hiding, binding });
  }

  /** Whether the nonce was consumed (or discarded). */
  get used(): boolean {
    return !nonceSecrets.has(this);
  }

  /** Erases the nonce without signing (e.g. the session expired). */
  discard(): void {
    const s = nonceSecrets.get(this);
    nonceSecrets.delete(this);
    if (s) wipe(s.hiding, s.binding);
  }
}

/** Hands out a nonce's scalars exactly once, erasing the handle's copy. */
function takeNonce(nonce: SigningNonce): { hiding: Uint8Array; binding: Uint8Array } {
  const s = nonceSecrets.get(nonce);
  if (!s) throw new NonceReuseError(nonce.slot);
  const out = { hiding: s.hiding.slice(), binding: s.binding.slice() };
  nonce.discard();
  return out;
}

function checkEd25519(key: KeyPublic): void {
  if (key.suite !== "ed25519") {
    throw new InvalidInputError(`FROST signing needs an ed25519 key, not ${key.suite}`);
  }
}

function toNobleCommitments(commitments: readonly NonceCommitment[]): NonceCommitments[] {
  const group = suiteGroup("ed25519");
  return commitments.map(
    (c) =>
      ({
        identifier: slotIdentifier(group, c.slot),
        hiding: c.hiding,
        binding: c.binding,
      }) as NonceCommitments,
  );
}

function checkCommitments(key: KeyPublic, commitments: readonly NonceCommitment[]): void {
  const group = suiteGroup("ed25519");
  for (const c of commitments) {
    try {
      group.element(c.hiding, "hiding commitment");
      group.element(c.binding, "binding commitment");
    } catch (cause) {
      throw new SlotContributionError(c.slot, "signature-share", "invalid nonce commitment", {
        cause,
      });
    }
  }
  const slots = commitments.map((c) => c.slot);
  if (new Set(slots).size !== slots.length) {
    throw new InvalidInputError("two nonce commitments for the same slot");
  }
  for (const s of slots) {
    if (!key.verifyingShares.has(s))
      throw new InvalidInputError(`slot ${s} is not a slot of this key`);
  }
  if (commitments.length < key.threshold) {
    throw new InvalidInputError(`${commitments.length} signers, the key needs ${key.threshold}`);
  }
}

/** Round one for a slot: fresh nonces (kept by the slot) and their public commitment. */
export function signCommit(share: SlotShare): SigningNonce {
  return signCommitForTestVectors(share);
}

/**
 * @internal Only for replaying RFC test vectors: a caller-chosen `rng` can repeat nonces,
 * which reveals the share. Not exported from the package.
 */
export function signCommitForTestVectors(share: SlotShare, rng?: RNG): SigningNonce {
  if (share.suite !== "ed25519")
    throw new InvalidInputError("FROST signing needs an ed25519 share");
  const { nonces, commitments } = frost().commit(toFrostSecret(share), rng);
  return new SigningNonce(share.slot, nonces.hiding, nonces.binding, {
    slot: share.slot,
    hiding: commitments.hiding,
    binding: commitments.binding,
  });
}

/** Byte length of {@link exportSigningNonce}'s output: the hiding and binding scalars. */
export const SIGNING_NONCE_BYTES = 64;

/**
 * The secret scalars of a live nonce (hiding ‖ binding, 64 bytes), for a slot that keeps
 * preprocessed nonces durably (RFC 9591 allows round one ahead of time). Does not consume the
 * nonce. The caller must seal the bytes at rest, wipe its copy, and erase the stored copy
 * durably before it releases the signature share that uses the nonce: a nonce restored twice
 * and used on two messages reveals the slot's share.
 */
export function exportSigningNonce(nonce: SigningNonce): Uint8Array {
  const s = nonceSecrets.get(nonce);
  if (!s) throw new NonceReuseError(nonce.slot);
  const out = new Uint8Array(SIGNING_NONCE_BYTES);
  out.set(s.hiding, 0);
  out.set(s.binding, 32);
  return out;
}

/**
 * A nonce of slot `slot` back from {@link exportSigningNonce}'s bytes, its commitment
 * recomputed from the scalars. Single use like any other; restoring the same bytes twice is
 * the caller's fault (see {@link exportSigningNonce}). Refuses zero or out-of-range scalars.
 */
export function restoreSigningNonce(slot: number, bytes: Uint8Array): SigningNonce {
  if (!(bytes instanceof Uint8Array) || bytes.length !== SIGNING_NONCE_BYTES) {
    throw new InvalidInputError(`a stored signing nonce is ${SIGNING_NONCE_BYTES} bytes`);
  }
  const group = suiteGroup("ed25519");
  const hiding = bytes.slice(0, 32);
  const binding = bytes.slice(32);
  const points: Uint8Array[] = [];
  for (const scalar of [hiding, binding]) {
    let n: bigint;
    try {
      n = group.Fn.fromBytes(scalar);
    } catch (cause) {
      wipe(hiding, binding);
      throw new InvalidInputError("stored signing nonce is not a scalar", { cause });
    }
    if (n === 0n) {
      wipe(hiding, binding);
      throw new InvalidInputError("stored signing nonce is zero");
    }
    points.push(group.BASE.multiply(n).toBytes());
  }
  const [hidingPoint, bindingPoint] = points as [Uint8Array, Uint8Array];
  return new SigningNonce(slot, hiding, binding, {
    slot,
    hiding: hidingPoint,
    binding: bindingPoint,
  });
}

/**
 * Round two for a slot: its signature share over `message`, given every signer's commitment.
 * Consumes `nonce`; the slot's own commitment must be among `commitments`.
 */
export function signShare(
  share: SlotShare,
  key: KeyPublic,
  nonce: SigningNonce,
  commitments: readonly NonceCommitment[],
  message: Uint8Array,
): SignatureShare {
  checkEd25519(key);
  if (nonce.slot !== share.slot) {
    throw new InvalidInputError(
      `nonce of slot ${nonce.slot} used with the share of slot ${share.slot}`,
    );
  }
  if (share.epoch !== key.epoch) {
    throw new InvalidInputError(
      `slot ${share.slot}: share is at epoch ${share.epoch}, key is at epoch ${key.epoch}`,
    );
  }
  checkCommitments(key, commitments);
  const own = commitments.find((c) => c.slot === share.slot);
  if (
    !own ||
    !bytesEqual(own.hiding, nonce.commitment.hiding) ||
    !bytesEqual(own.binding, nonce.commitment.binding)
  ) {
    throw new InvalidInputError(`slot ${share.slot}: its own commitment is missing or altered`);
  }
  const nonces = takeNonce(nonce);
  try {
    const sig = frost().signShare(
      toFrostSecret(share),
      toFrostPublic(key),
      nonces as Parameters<ReturnType<typeof frost>["signShare"]>[2],
      toNobleCommitments(commitments),
      message,
    );
    return { slot: share.slot, share: sig };
  } catch (cause) {
    throw new InvalidInputError("signing rejected the commitments or message", { cause });
  } finally {
    wipe(nonces.hiding, nonces.binding);
  }
}

/**
 * Verifies every signature share (a bad one is reported by slot), aggregates them, and checks
 * the result with a standard Ed25519 verifier before returning the 64-byte signature.
 */
export function aggregateSignature(
  key: KeyPublic,
  commitments: readonly NonceCommitment[],
  message: Uint8Array,
  shares: readonly SignatureShare[],
): Uint8Array {
  checkEd25519(key);
  checkCommitments(key, commitments);
  const group = suiteGroup("ed25519");
  const pub = toFrostPublic(key);
  const list = toNobleCommitments(commitments);
  const bySlot = new Map<number, Uint8Array>();
  for (const s of shares) {
    if (bySlot.has(s.slot)) throw new InvalidInputError(`two signature shares from slot ${s.slot}`);
    if (!commitments.some((c) => c.slot === s.slot)) {
      throw new InvalidInputError(`signature share from slot ${s.slot}, which did not commit`);
    }
    bySlot.set(s.slot, s.share);
  }
  for (const c of commitments) {
    const share = bySlot.get(c.slot);
    if (!share) throw new InvalidInputError(`missing signature share from slot ${c.slot}`);
    let ok: boolean;
    try {
      ok = frost().verifyShare(pub, list, message, slotIdentifier(group, c.slot), share);
    } catch {
      ok = false;
    }
    if (!ok) throw new SlotContributionError(c.slot, "signature-share", "share did not verify");
  }
  const sigShares: Record<string, Uint8Array> = {};
  for (const [slot, share] of bySlot) sigShares[slotIdentifier(group, slot)] = share;
  const signature = frost().aggregate(pub, list, message, sigShares);
  // A standard verifier of the same backend: libsodium's (strict RFC 8032, refuses small-order
  // keys and R) or the reference one below. Both accept every signature FROST produces.
  const standardVerify = group.backend === "sodium" ? sodiumVerifyEd25519 : verifyEd25519;
  if (!standardVerify(signature, message, key.groupPublicKey)) {
    throw new CryptoError("signature-invalid", "aggregated signature failed Ed25519 verification");
  }
  return signature;
}

/**
 * Strict RFC 8032 Ed25519 verification (canonical encodings, no ZIP-215 leniency) that also
 * refuses small-order public keys, under which forged "signatures" would verify.
 */
export function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    if (ed25519.Point.fromBytes(publicKey).isSmallOrder()) return false;
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
