/**
 * Conversions between the wire messages of proto/keyfrag/v1 and @keyfrag/crypto's domain
 * types, in one place for every service and client. Decoders validate: a malformed message
 * becomes an InvalidArgumentError naming the field, never a crash deeper down.
 */
import {
  type DkgRound1Message,
  type DkgRound2Message,
  type KeyPublic,
  keyPublicFromCommitments,
  type NonceCommitment,
  type PartialEvaluation,
  type Participant,
  type RefreshDealing,
  type SignatureShare,
  type Suite,
} from "@keyfrag/crypto";
import { InvalidArgumentError } from "./errors.js";
import type {
  DkgRound1Message__Output,
  DkgRound1Message as DkgRound1MessageProto,
} from "./generated/keyfrag/v1/DkgRound1Message.js";
import type {
  DkgRound2Package,
  DkgRound2Package__Output,
} from "./generated/keyfrag/v1/DkgRound2Package.js";
import type {
  EvaluateResponse,
  EvaluateResponse__Output,
} from "./generated/keyfrag/v1/EvaluateResponse.js";
import type { KeyPublicData, KeyPublicData__Output } from "./generated/keyfrag/v1/KeyPublicData.js";
import type { KeyRef, KeyRef__Output } from "./generated/keyfrag/v1/KeyRef.js";
import type {
  NonceCommitment__Output,
  NonceCommitment as NonceCommitmentProto,
} from "./generated/keyfrag/v1/NonceCommitment.js";
import type {
  Participant__Output,
  Participant as ParticipantProto,
} from "./generated/keyfrag/v1/Participant.js";
import type {
  RefreshDealing__Output,
  RefreshDealing as RefreshDealingProto,
} from "./generated/keyfrag/v1/RefreshDealing.js";
import type {
  SignShareResponse,
  SignShareResponse__Output,
} from "./generated/keyfrag/v1/SignShareResponse.js";
import type { Suite__Output } from "./generated/keyfrag/v1/Suite.js";

/** One key version as requests name it. */
export interface KeyVersionRef {
  readonly keyId: Uint8Array;
  readonly version: number;
}

const bytes = (b: Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.length);

export function suiteToProto(suite: Suite): "RISTRETTO255" | "ED25519" {
  return suite === "ed25519" ? "ED25519" : "RISTRETTO255";
}

export function suiteFromProto(suite: Suite__Output | undefined): Suite {
  if (suite === "RISTRETTO255") return "ristretto255";
  if (suite === "ED25519") return "ed25519";
  throw new InvalidArgumentError("suite must be RISTRETTO255 or ED25519");
}

export function keyRefToProto(ref: KeyVersionRef): KeyRef {
  return { key_id: ref.keyId, version: ref.version };
}

export function keyRefFromProto(ref: KeyRef__Output | null | undefined): KeyVersionRef {
  if (ref?.key_id.length !== 16) throw new InvalidArgumentError("key.key_id must be 16 bytes");
  if (!Number.isInteger(ref.version) || ref.version < 1)
    throw new InvalidArgumentError("key.version must be >= 1");
  return { keyId: bytes(ref.key_id), version: ref.version };
}

export function keyPublicToProto(key: KeyPublic): KeyPublicData {
  return {
    suite: suiteToProto(key.suite),
    threshold: key.threshold,
    slots: [...key.slots],
    epoch: key.epoch,
    commitments: [...key.commitments],
  };
}

export function keyPublicFromProto(data: KeyPublicData__Output | null | undefined): KeyPublic {
  if (!data) throw new InvalidArgumentError("key public data missing");
  try {
    return keyPublicFromCommitments({
      suite: suiteFromProto(data.suite),
      threshold: data.threshold,
      slots: data.slots,
      epoch: data.epoch,
      commitments: data.commitments.map(bytes),
    });
  } catch (cause) {
    if (cause instanceof InvalidArgumentError) throw cause;
    throw new InvalidArgumentError(`invalid key public data: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** A participant with the certificate (DER) in which the cluster CA certifies its slot and identity key. */
export interface CertifiedParticipant extends Participant {
  readonly certificate: Uint8Array;
}

export const participantToProto = (p: CertifiedParticipant): ParticipantProto => ({
  slot: p.slot,
  identity_public_key: p.identityPublicKey,
  certificate: p.certificate,
});
export const participantFromProto = (p: Participant__Output): CertifiedParticipant => ({
  slot: p.slot,
  identityPublicKey: bytes(p.identity_public_key),
  certificate: bytes(p.certificate),
});

export const round1ToProto = (m: DkgRound1Message): DkgRound1MessageProto => ({
  slot: m.slot,
  commitment: [...m.commitment],
  proof_of_knowledge: m.proofOfKnowledge,
});
export const round1FromProto = (m: DkgRound1Message__Output): DkgRound1Message => ({
  slot: m.slot,
  commitment: m.commitment.map(bytes),
  proofOfKnowledge: bytes(m.proof_of_knowledge),
});

export const round2ToProto = (m: DkgRound2Message): DkgRound2Package => ({
  from: m.from,
  to: m.to,
  sealed_share: m.sealedShare,
});
export const round2FromProto = (m: DkgRound2Package__Output): DkgRound2Message => ({
  from: m.from,
  to: m.to,
  sealedShare: bytes(m.sealed_share),
});

export const dealingToProto = (d: RefreshDealing): RefreshDealingProto => ({
  from: d.from,
  from_epoch: d.fromEpoch,
  commitments: [...d.commitments],
  sealed_shares: d.sealedShares.map((s) => ({ to: s.to, sealed: s.sealed })),
});
export const dealingFromProto = (d: RefreshDealing__Output): RefreshDealing => ({
  from: d.from,
  fromEpoch: d.from_epoch,
  commitments: d.commitments.map(bytes),
  sealedShares: d.sealed_shares.map((s) => ({ to: s.to, sealed: bytes(s.sealed) })),
});

export const commitmentToProto = (c: NonceCommitment): NonceCommitmentProto => ({
  slot: c.slot,
  hiding: c.hiding,
  binding: c.binding,
});
export const commitmentFromProto = (c: NonceCommitment__Output): NonceCommitment => ({
  slot: c.slot,
  hiding: bytes(c.hiding),
  binding: bytes(c.binding),
});

export const partialToProto = (p: PartialEvaluation): EvaluateResponse => ({
  slot: p.slot,
  epoch: p.epoch,
  evaluated: [...p.evaluated],
  proof: p.proof,
});
export const partialFromProto = (p: EvaluateResponse__Output): PartialEvaluation => ({
  slot: p.slot,
  epoch: p.epoch,
  evaluated: p.evaluated.map(bytes),
  proof: bytes(p.proof),
});

export const signatureShareToProto = (s: SignatureShare): SignShareResponse => ({
  slot: s.slot,
  share: s.share,
});
export const signatureShareFromProto = (s: SignShareResponse__Output): SignatureShare => ({
  slot: s.slot,
  share: bytes(s.share),
});
