import { createHash } from "node:crypto";
import type { RNG } from "@noble/curves/abstract/oprf.js";
import { InvalidInputError, SlotContributionError } from "./errors.js";
import { type KeyPublic, lagrangeAtZero, type SlotShare, verifyingShareOf } from "./key-public.js";
import { sodiumHashToScalar } from "./sodium-group.js";
import { type GroupElement, ristrettoOprf, suiteGroup } from "./suite.js";

/**
 * Threshold VOPRF over ristretto255-SHA512 (RFC 9497, mode 0x01), one evaluation per slot.
 *
 * The gateway blinds its inputs; every slot evaluates them with its share and proves (DLEQ)
 * that it used the share behind its public verifying share; the gateway verifies every proof,
 * combines the partials with Lagrange coefficients in the exponent and unblinds. The result is
 * exactly the RFC 9497 VOPRF output under the group secret, which no one ever holds.
 */
/** RFC 9497 ristretto255-SHA512 output length (Nh). */
export const OPRF_OUTPUT_BYTES = 64;

/**
 * The most inputs one batch may hold (blinded, evaluated and proven together). A slot refuses a
 * larger batch, so one request cannot hold a fragment manager's event loop for long.
 */
export const MAX_OPRF_BATCH = 256;

/** The gateway's side of one batch: inputs, secret blinds, and the blinded elements it sends. */
export interface BlindedBatch {
  readonly inputs: readonly Uint8Array[];
  /** Secret blinding scalars; never leave the gateway. */
  readonly blinds: readonly Uint8Array[];
  /** Blinded elements sent to every slot. They reveal nothing about the inputs. */
  readonly blinded: readonly Uint8Array[];
}

/** One slot's answer to a batch: its evaluations and one DLEQ proof covering all of them. */
export interface PartialEvaluation {
  readonly slot: number;
  /** The epoch of the share used; must equal the key's epoch to be combined. */
  readonly epoch: number;
  readonly evaluated: readonly Uint8Array[];
  readonly proof: Uint8Array;
}

/** Blinds a batch of inputs (each at most 65535 bytes) with fresh random blinds. */
export function blindInputs(inputs: readonly Uint8Array[]): BlindedBatch {
  return blindInputsForTestVectors(inputs);
}

/**
 * @internal Only for replaying RFC test vectors: a caller-chosen `rng` makes blinds
 * predictable and linkable. Not exported from the package.
 */
export function blindInputsForTestVectors(inputs: readonly Uint8Array[], rng?: RNG): BlindedBatch {
  if (inputs.length === 0) throw new InvalidInputError("nothing to blind");
  if (inputs.length > MAX_OPRF_BATCH)
    throw new InvalidInputError(`${inputs.length} inputs in one batch, at most ${MAX_OPRF_BATCH}`);
  const blinds: Uint8Array[] = [];
  const blinded: Uint8Array[] = [];
  for (const input of inputs) {
    if (input.length > 0xffff) throw new InvalidInputError("OPRF input longer than 65535 bytes");
    const b = ristrettoOprf().voprf.blind(input, rng);
    blinds.push(b.blind);
    blinded.push(b.blinded);
  }
  return { inputs: [...inputs], blinds, blinded };
}

function checkRistretto(key: KeyPublic): void {
  if (key.suite !== "ristretto255") {
    throw new InvalidInputError(`threshold OPRF needs a ristretto255 key, not ${key.suite}`);
  }
}

/**
 * A slot's evaluation of blinded elements with its share, with one DLEQ proof against its
 * verifying share. Runs on the fragment manager.
 */
export function evaluatePartial(
  share: SlotShare,
  key: KeyPublic,
  blinded: readonly Uint8Array[],
): PartialEvaluation {
  return evaluatePartialForTestVectors(share, key, blinded);
}

/**
 * @internal Only for replaying RFC test vectors: two proofs made with the same `rng` output
 * reveal the share. Not exported from the package.
 */
export function evaluatePartialForTestVectors(
  share: SlotShare,
  key: KeyPublic,
  blinded: readonly Uint8Array[],
  rng?: RNG,
): PartialEvaluation {
  checkRistretto(key);
  if (share.suite !== key.suite || share.epoch !== key.epoch) {
    throw new InvalidInputError(
      `slot ${share.slot}: share (epoch ${share.epoch}) does not belong to this key at epoch ${key.epoch}`,
    );
  }
  if (blinded.length === 0) throw new InvalidInputError("no blinded elements to evaluate");
  if (blinded.length > MAX_OPRF_BATCH)
    throw new InvalidInputError(
      `${blinded.length} blinded elements in one batch, at most ${MAX_OPRF_BATCH}`,
    );
  const group = suiteGroup(key.suite);
  for (const [i, b] of blinded.entries()) group.element(b, `blinded element ${i}`);
  let res: { evaluated: Uint8Array[]; proof: Uint8Array };
  try {
    res = ristrettoOprf().voprf.blindEvaluateBatch(
      share.secret,
      verifyingShareOf(key, share.slot),
      [...blinded],
      rng,
    );
  } catch (cause) {
    if (cause instanceof InvalidInputError) throw cause;
    throw new InvalidInputError(`slot ${share.slot}: evaluation failed (is the share valid?)`, {
      cause,
    });
  }
  return { slot: share.slot, epoch: share.epoch, evaluated: res.evaluated, proof: res.proof };
}

/** The RFC 9497 context string of VOPRF mode with ristretto255-SHA512. */
const VOPRF_CONTEXT = Buffer.from("OPRFV1-\x01-ristretto255-SHA512", "latin1");
const HASH_TO_SCALAR_DST = Buffer.concat([Buffer.from("HashToScalar-"), VOPRF_CONTEXT]);
const SEED_DST = Buffer.concat([Buffer.from("Seed-"), VOPRF_CONTEXT]);

/** RFC 9497's length-prefixed encoding of byte strings, with bare ASCII labels. */
function encode(...parts: (Uint8Array | string | number)[]): Buffer {
  const out: Uint8Array[] = [];
  for (const part of parts) {
    if (typeof part === "number") out.push(Uint8Array.of(part >> 8, part & 0xff));
    else if (typeof part === "string") out.push(Buffer.from(part, "latin1"));
    else out.push(Uint8Array.of(part.length >> 8, part.length & 0xff), part);
  }
  return Buffer.concat(out);
}

/** RFC 9497 HashToScalar (node:crypto's SHA-512; the same bytes as noble's on both backends). */
const hashToScalar = (msg: Uint8Array) => sodiumHashToScalar(msg, { DST: HASH_TO_SCALAR_DST });

/**
 * RFC 9497 §2.2.2 VerifyProof for a whole batch (ComputeComposites, then the challenge): one
 * check of `proof` that every `evaluated[i]` is `blinded[i]` times the secret behind
 * `publicKey`. Unlike noble's finalizeBatch (which verifies and then unblinds with one blind),
 * it does no unblinding: a threshold client combines the slots before it unblinds.
 */
function dleqBatchValid(
  publicKey: GroupElement,
  blinded: readonly GroupElement[],
  evaluated: readonly GroupElement[],
  proof: Uint8Array,
): boolean {
  const group = suiteGroup("ristretto255");
  const { Fn } = group;
  if (proof.length !== 2 * Fn.BYTES) return false;
  let c: bigint;
  let s: bigint;
  try {
    c = Fn.fromBytes(proof.subarray(0, Fn.BYTES));
    s = Fn.fromBytes(proof.subarray(Fn.BYTES));
  } catch {
    return false;
  }
  const Bm = publicKey.toBytes();
  const seed = createHash("sha512").update(encode(Bm, SEED_DST)).digest();
  let M: GroupElement = group.ZERO;
  let Z: GroupElement = group.ZERO;
  for (let i = 0; i < blinded.length; i++) {
    const Ci = blinded[i] as GroupElement;
    const Di = evaluated[i] as GroupElement;
    const di = hashToScalar(encode(seed, i, Ci.toBytes(), Di.toBytes(), "Composite"));
    M = M.add(Ci.multiplyUnsafe(di));
    Z = Z.add(Di.multiplyUnsafe(di));
  }
  const t2 = group.BASE.multiplyUnsafe(s).add(publicKey.multiplyUnsafe(c));
  const t3 = M.multiplyUnsafe(s).add(Z.multiplyUnsafe(c));
  const expected = hashToScalar(
    encode(Bm, M.toBytes(), Z.toBytes(), t2.toBytes(), t3.toBytes(), "Challenge"),
  );
  return Fn.eql(c, expected);
}

/** The blinded elements of a batch, decoded once (they are the gateway's own). */
const decodedBlinded = new WeakMap<BlindedBatch, GroupElement[]>();
function blindedOf(batch: BlindedBatch): GroupElement[] {
  let points = decodedBlinded.get(batch);
  if (!points) {
    const group = suiteGroup("ristretto255");
    points = batch.blinded.map((b, i) => group.element(b, `blinded element ${i}`));
    decodedBlinded.set(batch, points);
  }
  return points;
}

/**
 * Checks one slot's partial and returns its evaluations as group elements: right epoch, right
 * batch size, valid non-identity elements, and one DLEQ proof that verifies against that slot's
 * verifying share for the whole batch. Throws {@link SlotContributionError}.
 */
function checkedEvaluations(
  key: KeyPublic,
  batch: BlindedBatch,
  partial: PartialEvaluation,
): GroupElement[] {
  checkRistretto(key);
  const verifyingShare = verifyingShareOf(key, partial.slot);
  if (partial.epoch !== key.epoch) {
    throw new SlotContributionError(
      partial.slot,
      "evaluation",
      `answered for epoch ${partial.epoch}, key is at epoch ${key.epoch}`,
    );
  }
  if (partial.evaluated.length !== batch.blinded.length) {
    throw new SlotContributionError(
      partial.slot,
      "evaluation",
      `${partial.evaluated.length} evaluations for ${batch.blinded.length} inputs`,
    );
  }
  const group = suiteGroup(key.suite);
  let evaluated: GroupElement[];
  try {
    evaluated = partial.evaluated.map((e, i) => group.element(e, `evaluation ${i}`));
  } catch (cause) {
    throw new SlotContributionError(partial.slot, "evaluation", "not a valid evaluation", {
      cause,
    });
  }
  const publicKey = group.element(verifyingShare, `slot ${partial.slot} verifying share`);
  if (!dleqBatchValid(publicKey, blindedOf(batch), evaluated, partial.proof)) {
    throw new SlotContributionError(partial.slot, "evaluation", "DLEQ proof did not verify");
  }
  return evaluated;
}

/**
 * Checks one slot's partial against the key: right epoch, right batch size, and a DLEQ proof
 * (one for the whole batch) that verifies against that slot's verifying share. Throws
 * {@link SlotContributionError}. {@link combinePartials} runs the same check on every partial
 * itself; this is for a caller that wants to check one answer on its own.
 */
export function verifyPartial(
  key: KeyPublic,
  batch: BlindedBatch,
  partial: PartialEvaluation,
): void {
  checkedEvaluations(key, batch, partial);
}

/**
 * Verifies every partial (each once), combines them over the slots that answered (at least the
 * key's threshold, one per slot), unblinds and finalizes. Returns one 64-byte RFC 9497 output
 * per input, equal to the single-key VOPRF output under the (never assembled) group secret.
 * Throws {@link SlotContributionError} naming the first slot whose partial does not verify:
 * nothing is combined unless every proof verified.
 */
export function combinePartials(
  key: KeyPublic,
  batch: BlindedBatch,
  partials: readonly PartialEvaluation[],
): Uint8Array[] {
  checkRistretto(key);
  const slots = partials.map((p) => p.slot);
  if (new Set(slots).size !== slots.length) {
    throw new InvalidInputError("two partial evaluations for the same slot");
  }
  if (partials.length < key.threshold) {
    throw new InvalidInputError(
      `${partials.length} partial evaluations, the key needs ${key.threshold}`,
    );
  }
  const evaluations = partials.map((p) => checkedEvaluations(key, batch, p));
  const group = suiteGroup(key.suite);
  const { Fn } = group;
  const lambdas = partials.map((p) => lagrangeAtZero(key.suite, slots, p.slot));
  return batch.inputs.map((input, i) => {
    // RFC 9497's unblinded element N = (1/r) · Σ λ_j · Z_j: the sum has public coefficients and
    // public points (what the slots sent), so it is one multi-scalar multiplication
    // (multiplyUnsafe); the blind r is the gateway's secret, so 1/r is applied by the
    // constant-time multiply. 1/r itself is r^(ℓ-2) (Fermat): the exponent's bits, public, steer
    // the square-and-multiply, not r's, as they would in Fn.inv's extended Euclid (BigInt
    // arithmetic is not constant-time either way, but no longer branches on the secret).
    const r = Fn.fromBytes(batch.blinds[i] as Uint8Array);
    if (Fn.is0(r)) throw new InvalidInputError("a blind is zero");
    const unblind = Fn.pow(r, Fn.ORDER - 2n);
    let blindedSum: GroupElement = group.ZERO;
    evaluations.forEach((points, j) => {
      const z = points[i] as GroupElement;
      blindedSum = blindedSum.add(z.multiplyUnsafe(lambdas[j] as bigint));
    });
    const combined = blindedSum.is0() ? blindedSum : blindedSum.multiply(unblind);
    // RFC 9497 Finalize: Hash(len ‖ input ‖ len ‖ N ‖ "Finalize").
    return new Uint8Array(
      createHash("sha512")
        .update(encode(input, combined.toBytes(), "Finalize"))
        .digest(),
    );
  });
}
