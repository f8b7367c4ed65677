import { createHash, randomBytes } from "node:crypto";
import type { RNG } from "@noble/curves/abstract/frost.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToNumberLE } from "@noble/curves/utils.js";
import { bytesEqual, concat, utf8Bytes, wipe } from "./bytes.js";
import {
  CryptoError,
  InvalidInputError,
  NonceReuseError,
  SlotContributionError,
} from "./errors.js";
import {
  type KeyPublic,
  lagrangeAtZero,
  type SlotShare,
  toFrostSecret,
  verifyingShareOf,
} from "./key-public.js";
import { sodiumVerifyEd25519 } from "./sodium-group.js";
import { type GroupElement, type SuiteGroup, suiteGroup } from "./suite.js";

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
  const group = suiteGroup("ed25519");
  const { Fn } = group;
  // Everything public first: a bad commitment or key consumes no nonce it could not use.
  const pkg = signingPackage(group, key, commitments, message);
  const { rho, lambda } = pkg.of.get(share.slot) as SignerTerms;
  const nonces = takeNonce(nonce);
  try {
    // RFC 9591 §5.2: z_i = d_i + e_i·ρ_i + λ_i·s_i·c.
    const d = Fn.fromBytes(nonces.hiding);
    const e = Fn.fromBytes(nonces.binding);
    const secret = Fn.fromBytes(share.secret);
    if (Fn.is0(d) || Fn.is0(e)) throw new InvalidInputError("signing nonces are zero");
    const z = Fn.add(Fn.add(d, Fn.mul(e, rho)), Fn.mul(Fn.mul(lambda, secret), pkg.challenge));
    return { slot: share.slot, share: Fn.toBytes(z) };
  } finally {
    wipe(nonces.hiding, nonces.binding);
  }
}

/** What RFC 9591 derives for one signer from the commitment list: ρ_i, λ_i and its points. */
interface SignerTerms {
  readonly rho: bigint;
  readonly lambda: bigint;
  readonly hiding: GroupElement;
  readonly binding: GroupElement;
}

const CONTEXT = "FROST-ED25519-SHA512-v1";
const H1_PREFIX = utf8Bytes(`${CONTEXT}rho`);
const H4_PREFIX = utf8Bytes(`${CONTEXT}msg`);
const H5_PREFIX = utf8Bytes(`${CONTEXT}com`);

function sha512(...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash("sha512");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** RFC 9591's hash to scalar for FROST(Ed25519, SHA-512): SHA-512, little-endian, mod L. */
function hashToScalar(group: SuiteGroup, ...parts: readonly Uint8Array[]): bigint {
  return group.Fn.create(bytesToNumberLE(sha512(...parts)));
}

/**
 * RFC 9591 §4.4–4.6 for one message and commitment list (checked by checkCommitments): every
 * signer's binding factor, Lagrange coefficient and decoded commitments, the group commitment R
 * and the challenge c. Computed once per signature, for the signer's share and for every
 * share check alike (noble's API recomputed it for each share it checked).
 */
function signingPackage(
  group: SuiteGroup,
  key: KeyPublic,
  commitments: readonly NonceCommitment[],
  message: Uint8Array,
): { of: Map<number, SignerTerms>; groupCommitment: Uint8Array; challenge: bigint } {
  const { Fn } = group;
  const sorted = [...commitments].sort((a, b) => a.slot - b.slot);
  const encoded = concat(
    ...sorted.flatMap((c) => [Fn.toBytes(BigInt(c.slot)), c.hiding, c.binding]),
  );
  const groupPublicKey = key.commitments[0] as Uint8Array;
  const rhoPrefix = concat(groupPublicKey, sha512(H4_PREFIX, message), sha512(H5_PREFIX, encoded));
  const slots = sorted.map((c) => c.slot);
  const of = new Map<number, SignerTerms>();
  let r = group.ZERO;
  for (const c of sorted) {
    const rho = hashToScalar(group, H1_PREFIX, rhoPrefix, Fn.toBytes(BigInt(c.slot)));
    const hiding = group.element(c.hiding, "hiding commitment");
    const binding = group.element(c.binding, "binding commitment");
    // Commitments are public: variable-time arithmetic is fine (one MSM on libsodium).
    r = r.add(hiding).add(binding.multiplyUnsafe(rho));
    of.set(c.slot, { rho, lambda: lagrangeAtZero("ed25519", slots, c.slot), hiding, binding });
  }
  const groupCommitment = r.toBytes();
  // H2 is undecorated SHA-512 for Ed25519 (RFC 8032 compatibility).
  const challenge = hashToScalar(group, groupCommitment, groupPublicKey, message);
  return { of, groupCommitment, challenge };
}

/**
 * Whether z_i·B = D_i + ρ_i·E_i + (c·λ_i)·Y_i for every share at once: the random linear
 * combination Σ w_i·(that equation) with independent 128-bit weights w_i the signers cannot
 * know, one multi-scalar multiplication for all. Every point is in the prime-order subgroup
 * (decoding checks it), so a set with any invalid share passes with probability ≤ 2^-128.
 * With one share it is the plain check.
 */
function sharesHold(
  group: SuiteGroup,
  key: KeyPublic,
  pkg: ReturnType<typeof signingPackage>,
  shares: readonly { slot: number; z: bigint }[],
): boolean {
  const { Fn } = group;
  const weights = randomBytes(16 * shares.length);
  let zSum = Fn.ZERO;
  let rhs = group.ZERO;
  shares.forEach(({ slot, z }, i) => {
    const w =
      shares.length === 1 ? Fn.ONE : bytesToNumberLE(weights.subarray(16 * i, 16 * i + 16)) + 1n;
    const t = pkg.of.get(slot) as SignerTerms;
    const y = group.element(verifyingShareOf(key, slot), `verifying share of slot ${slot}`);
    zSum = Fn.add(zSum, Fn.mul(w, z));
    rhs = rhs
      .add(t.hiding.multiplyUnsafe(w))
      .add(t.binding.multiplyUnsafe(Fn.mul(w, t.rho)))
      .add(y.multiplyUnsafe(Fn.mul(w, Fn.mul(pkg.challenge, t.lambda))));
  });
  return group.BASE.multiplyUnsafe(zSum).equals(rhs);
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
  const { Fn } = group;
  const bySlot = new Map<number, Uint8Array>();
  for (const s of shares) {
    if (bySlot.has(s.slot)) throw new InvalidInputError(`two signature shares from slot ${s.slot}`);
    if (!commitments.some((c) => c.slot === s.slot)) {
      throw new InvalidInputError(`signature share from slot ${s.slot}, which did not commit`);
    }
    bySlot.set(s.slot, s.share);
  }
  const shareScalars: { slot: number; z: bigint }[] = [];
  for (const c of commitments) {
    const share = bySlot.get(c.slot);
    if (!share) throw new InvalidInputError(`missing signature share from slot ${c.slot}`);
    let z: bigint;
    try {
      z = Fn.fromBytes(share); // refuses a non-canonical encoding
    } catch {
      throw new SlotContributionError(c.slot, "signature-share", "share did not verify");
    }
    shareScalars.push({ slot: c.slot, z });
  }
  const pkg = signingPackage(group, key, commitments, message);
  // Every share is verified before they are combined: all at once, and one by one only to name
  // the slot whose share failed.
  if (!sharesHold(group, key, pkg, shareScalars)) {
    for (const s of shareScalars) {
      if (!sharesHold(group, key, pkg, [s]))
        throw new SlotContributionError(s.slot, "signature-share", "share did not verify");
    }
    throw new CryptoError("signature-invalid", "signature shares did not verify together");
  }
  // RFC 9591 §5.3: the signature is (R, Σ z_i).
  const z = shareScalars.reduce((acc, s) => Fn.add(acc, s.z), Fn.ZERO);
  const signature = concat(pkg.groupCommitment, Fn.toBytes(z));
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
