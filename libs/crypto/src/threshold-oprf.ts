import type { RNG } from "@noble/curves/abstract/oprf.js";
import { InvalidInputError, SlotContributionError } from "./errors.js";
import { type KeyPublic, lagrangeAtZero, type SlotShare, verifyingShareOf } from "./key-public.js";
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

/**
 * Checks one slot's partial against the key: right epoch, right batch size, and a DLEQ proof
 * that verifies against that slot's verifying share. Throws {@link SlotContributionError}.
 */
export function verifyPartial(
  key: KeyPublic,
  batch: BlindedBatch,
  partial: PartialEvaluation,
): void {
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
  try {
    // noble exposes RFC 9497 VerifyProof only through finalizeBatch: we use it for the check
    // and discard its per-slot outputs.
    ristrettoOprf().voprf.finalizeBatch(
      batch.inputs.map((input, i) => ({
        input,
        blind: batch.blinds[i] as Uint8Array,
        blinded: batch.blinded[i] as Uint8Array,
        evaluated: partial.evaluated[i] as Uint8Array,
      })),
      verifyingShare,
      partial.proof,
    );
  } catch (cause) {
    throw new SlotContributionError(partial.slot, "evaluation", "DLEQ proof did not verify", {
      cause,
    });
  }
}

/**
 * Verifies every partial, combines them over the slots that answered (at least the key's
 * threshold, one per slot), unblinds and finalizes. Returns one 64-byte RFC 9497 output per
 * input, equal to the single-key VOPRF output under the (never assembled) group secret.
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
  for (const p of partials) verifyPartial(key, batch, p);
  const group = suiteGroup(key.suite);
  const lambdas = partials.map((p) => lagrangeAtZero(key.suite, slots, p.slot));
  return batch.inputs.map((input, i) => {
    let combined: GroupElement = group.ZERO;
    partials.forEach((p, j) => {
      const z = group.element(p.evaluated[i] as Uint8Array, `slot ${p.slot} evaluation`);
      combined = combined.add(z.multiplyUnsafe(lambdas[j] as bigint));
    });
    // The unblind-and-hash step is the same in every RFC 9497 mode; the verifiable part
    // (the proofs) was checked above, per slot.
    return ristrettoOprf().oprf.finalize(input, batch.blinds[i] as Uint8Array, combined.toBytes());
  });
}
