import { createHash } from "node:crypto";
import type { DKG_Round1, DKG_Round2, DKG_Secret } from "@noble/curves/abstract/frost.js";
import { bytesToNumberLE } from "@noble/curves/utils.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { bytesEqual, concat, encodeFields, utf8Bytes, wipe } from "./bytes.js";
import { CryptoError, InvalidInputError, SlotContributionError } from "./errors.js";
import { type IdentityKeyPair, openFromIdentity, sealToIdentity } from "./identity-seal.js";
import {
  checkShare,
  checkSlots,
  feldmanCheck,
  type KeyPublic,
  keyPublicFromCommitments,
  type SlotShare,
  slotIdentifier,
} from "./key-public.js";
import { type Suite, type SuiteGroup, suiteGroup } from "./suite.js";

/** A participant of a distributed protocol: a slot and the identity key its node answers to. */
export interface Participant {
  readonly slot: number;
  readonly identityPublicKey: Uint8Array;
}

/** What every participant of one key generation agrees on before it starts (all public). */
export interface DkgSession {
  /** Unique per key generation (e.g. key name, version and a random id); bound into every sealed package. */
  readonly sessionId: string;
  readonly suite: Suite;
  readonly threshold: number;
  readonly participants: readonly Participant[];
}

/** Round-1 broadcast: polynomial commitments and a proof of knowledge of the constant term. */
export interface DkgRound1Message {
  readonly slot: number;
  readonly commitment: readonly Uint8Array[];
  readonly proofOfKnowledge: Uint8Array;
}

/** Round-2 point-to-point package: `from`'s share for `to`, sealed to `to`'s identity key. */
export interface DkgRound2Message {
  readonly from: number;
  readonly to: number;
  readonly sealedShare: Uint8Array;
}

/** What a participant ends with: its fragment (secret) and the key's public data (shared). */
export interface DkgResult {
  readonly share: SlotShare;
  readonly key: KeyPublic;
}

/** What a DKG participant keeps between rounds, out of reach of callers. */
interface DkgSecrets {
  readonly group: SuiteGroup;
  readonly identity: IdentityKeyPair;
  readonly secret: DKG_Secret;
  readonly slots: readonly number[];
  /** this participant's own round-1 broadcast */
  readonly own: DkgRound1Message;
  /** the other participants' round-1 messages, as verified in round 2 */
  round1?: readonly DkgRound1Message[];
  /** digest of the whole round-1 transcript as this participant saw it */
  transcript?: Uint8Array;
}
const dkgSecrets = new WeakMap<DkgState, DkgSecrets>();

/**
 * One participant's DKG state between rounds: an opaque handle. Keep it in memory only; its
 * secret polynomial is erased by {@link dkgFinish} or {@link DkgState.abandon}.
 */
export class DkgState {
  readonly session: DkgSession;
  readonly slot: number;

  /** @internal */
  constructor(session: DkgSession, slot: number, secrets: DkgSecrets) {
    this.session = session;
    this.slot = slot;
    dkgSecrets.set(this, secrets);
  }

  /** Whether the state was consumed by {@link dkgFinish} or abandoned. */
  get finished(): boolean {
    return !dkgSecrets.has(this);
  }

  /** Erases the secret polynomial, e.g. when the session is abandoned. */
  abandon(): void {
    const s = dkgSecrets.get(this);
    dkgSecrets.delete(this);
    if (s) s.group.frost.DKG.clean(s.secret);
  }
}

function secretsOf(state: DkgState): DkgSecrets {
  const s = dkgSecrets.get(state);
  if (!s) throw new InvalidInputError("DKG state already finished");
  return s;
}

function checkSession(session: DkgSession): number[] {
  if (typeof session.sessionId !== "string" || session.sessionId.length === 0) {
    throw new InvalidInputError("DKG session needs a non-empty sessionId");
  }
  suiteGroup(session.suite);
  const slots = checkSlots(
    session.participants.map((p) => p.slot),
    session.threshold,
  );
  for (const p of session.participants) {
    if (p.identityPublicKey.length !== 32) {
      throw new InvalidInputError(`slot ${p.slot}: identity public key must be 32 bytes`);
    }
  }
  return slots;
}

function participantKey(session: DkgSession, slot: number): Uint8Array {
  const p = session.participants.find((q) => q.slot === slot);
  if (!p) throw new InvalidInputError(`slot ${slot} is not a participant of this session`);
  return p.identityPublicKey;
}

/**
 * Round-2 packages are bound to the whole round-1 transcript (every participant's commitments
 * and proofs, as the receiver saw them): two honest participants shown different round-1
 * broadcasts cannot open each other's packages, so a relay or a participant that equivocates
 * in round 1 makes the DKG fail instead of producing inconsistent keys.
 */
function sealContext(session: DkgSession, transcript: Uint8Array, from: number, to: number) {
  return [
    "keyfrag/dkg-round2/v1",
    session.sessionId,
    session.suite,
    session.threshold,
    transcript,
    from,
    to,
  ];
}

function transcriptDigest(session: DkgSession, messages: readonly DkgRound1Message[]): Uint8Array {
  const hash = createHash("sha256").update(
    encodeFields("keyfrag/dkg-transcript/v1", session.sessionId, session.suite, session.threshold),
  );
  for (const p of [...session.participants].sort((a, b) => a.slot - b.slot)) {
    hash.update(encodeFields(p.slot, p.identityPublicKey));
  }
  for (const m of [...messages].sort((a, b) => a.slot - b.slot)) {
    hash.update(encodeFields(m.slot, m.proofOfKnowledge, ...m.commitment));
  }
  return new Uint8Array(hash.digest());
}

/**
 * RFC 9591-style proof of knowledge check of one round-1 message (Schnorr signature over the
 * DKG challenge `H(prefix ‖ id ‖ φ₀ ‖ R)`), done here too so that a bad proof is blamed on the
 * slot that sent it. noble's round 2 checks the same proofs again.
 */
function proofOfKnowledgeValid(group: SuiteGroup, msg: DkgRound1Message): boolean {
  try {
    const { Fn } = group;
    const phi = group.element(msg.commitment[0] ?? new Uint8Array(), "commitment 0");
    if (msg.proofOfKnowledge.length !== 64) return false;
    const R = group.element(msg.proofOfKnowledge.subarray(0, 32), "proof R");
    const z = Fn.fromBytes(msg.proofOfKnowledge.subarray(32));
    const prefix = utf8Bytes(`FROST-${group.name.toUpperCase()}-SHA512-v1dkg`);
    const digest = sha512(concat(prefix, Fn.toBytes(BigInt(msg.slot)), phi.toBytes(), R.toBytes()));
    const c = Fn.create(bytesToNumberLE(digest));
    return R.equals(group.BASE.multiplyUnsafe(z).subtract(phi.multiplyUnsafe(c)));
  } catch {
    return false;
  }
}

function checkRound1(
  state: DkgState,
  { group, slots }: DkgSecrets,
  messages: readonly DkgRound1Message[],
): DkgRound1Message[] {
  const others = messages.filter((m) => m.slot !== state.slot);
  const bySlot = new Map<number, DkgRound1Message>();
  for (const m of others) {
    if (!slots.includes(m.slot)) {
      throw new InvalidInputError(`round-1 message from slot ${m.slot}, not a participant`);
    }
    if (bySlot.has(m.slot)) throw new SlotContributionError(m.slot, "dkg", "two round-1 messages");
    if (m.commitment.length !== state.session.threshold) {
      throw new SlotContributionError(
        m.slot,
        "dkg",
        `${m.commitment.length} commitments, expected ${state.session.threshold}`,
      );
    }
    try {
      for (const [k, c] of m.commitment.entries()) group.element(c, `commitment ${k}`);
    } catch (cause) {
      throw new SlotContributionError(m.slot, "dkg", "invalid commitment", { cause });
    }
    if (!proofOfKnowledgeValid(group, m)) {
      throw new SlotContributionError(m.slot, "dkg", "invalid proof of knowledge");
    }
    bySlot.set(m.slot, m);
  }
  for (const s of slots) {
    if (s !== state.slot && !bySlot.has(s)) {
      throw new InvalidInputError(`missing round-1 message from slot ${s}`);
    }
  }
  return [...bySlot.values()].sort((a, b) => a.slot - b.slot);
}

function toNobleRound1(group: SuiteGroup, m: DkgRound1Message): DKG_Round1 {
  return {
    identifier: slotIdentifier(group, m.slot),
    commitment: [...m.commitment] as DKG_Round1["commitment"],
    proofOfKnowledge: m.proofOfKnowledge as DKG_Round1["proofOfKnowledge"],
  };
}

/** DKG round 1 for participant `slot`: returns its private state and its public broadcast. */
export function dkgRound1(
  session: DkgSession,
  slot: number,
  identity: IdentityKeyPair,
): { state: DkgState; message: DkgRound1Message } {
  const slots = checkSession(session);
  if (!bytesEqual(participantKey(session, slot), identity.publicKey)) {
    throw new InvalidInputError(`slot ${slot}: identity key does not match the session's`);
  }
  const group = suiteGroup(session.suite);
  const signers = { min: session.threshold, max: slots.length };
  const r1 = group.frost.DKG.round1(slotIdentifier(group, slot), signers);
  const message: DkgRound1Message = {
    slot,
    commitment: r1.public.commitment,
    proofOfKnowledge: r1.public.proofOfKnowledge,
  };
  const state = new DkgState(session, slot, {
    group,
    identity,
    secret: r1.secret,
    slots,
    own: message,
  });
  return { state, message };
}

/**
 * DKG round 2: checks every other participant's round-1 broadcast and returns one sealed
 * share package per other participant. `round1` may include this participant's own message.
 */
export function dkgRound2(
  state: DkgState,
  round1: readonly DkgRound1Message[],
): DkgRound2Message[] {
  const secrets = secretsOf(state);
  const others = checkRound1(state, secrets, round1);
  const { group, identity } = secrets;
  const { session } = state;
  let packages: Record<string, DKG_Round2>;
  try {
    packages = group.frost.DKG.round2(
      secrets.secret,
      others.map((m) => toNobleRound1(group, m)),
    );
  } catch (cause) {
    throw new CryptoError("dkg-failed", "DKG round 2 rejected the round-1 messages", { cause });
  }
  secrets.round1 = others;
  const transcript = transcriptDigest(session, [secrets.own, ...others]);
  secrets.transcript = transcript;
  return others.map((m) => {
    const pkg = packages[slotIdentifier(group, m.slot)];
    if (!pkg) throw new CryptoError("dkg-failed", `no round-2 package for slot ${m.slot}`);
    const sealedShare = sealToIdentity({
      sender: identity,
      recipientPublicKey: participantKey(session, m.slot),
      plaintext: pkg.signingShare,
      context: sealContext(session, transcript, state.slot, m.slot),
    });
    return { from: state.slot, to: m.slot, sealedShare };
  });
}

/**
 * Final DKG step: opens the shares sent to this participant, checks each against its sender's
 * round-1 commitments (as verified in {@link dkgRound2}), and returns this participant's share
 * plus the key's public data (identical for every participant; coordinators should compare
 * them before using the key). Packages addressed to other slots are ignored.
 */
export function dkgFinish(state: DkgState, round2: readonly DkgRound2Message[]): DkgResult {
  const secrets = secretsOf(state);
  const { round1: others, transcript } = secrets;
  if (!others || !transcript) throw new InvalidInputError("dkgRound2 must run before dkgFinish");
  const { group, slots } = secrets;
  const { session } = state;
  const mine = round2.filter((m) => m.to === state.slot);
  const received: DKG_Round2[] = [];
  const seen = new Set<number>();
  for (const m of mine) {
    if (seen.has(m.from)) throw new SlotContributionError(m.from, "dkg", "two round-2 packages");
    seen.add(m.from);
    const sender = others.find((o) => o.slot === m.from);
    if (!sender) throw new InvalidInputError(`round-2 package from unexpected slot ${m.from}`);
    let signingShare: Uint8Array;
    try {
      signingShare = openFromIdentity({
        recipient: secrets.identity,
        senderPublicKey: participantKey(session, m.from),
        sealed: m.sealedShare,
        context: sealContext(session, transcript, m.from, state.slot),
      });
    } catch (cause) {
      throw new SlotContributionError(m.from, "dkg", "sealed share did not open", { cause });
    }
    const commitment = sender.commitment.map((c, k) => group.element(c, `commitment ${k}`));
    if (!feldmanCheck(group, state.slot, signingShare, commitment)) {
      throw new SlotContributionError(m.from, "dkg", "share does not match its commitments");
    }
    received.push({
      identifier: slotIdentifier(group, m.from),
      signingShare: signingShare as DKG_Round2["signingShare"],
    });
  }
  for (const o of others) {
    if (!seen.has(o.slot))
      throw new InvalidInputError(`missing round-2 package from slot ${o.slot}`);
  }
  let key: ReturnType<typeof group.frost.DKG.round3>;
  try {
    key = group.frost.DKG.round3(
      secrets.secret,
      others.map((m) => toNobleRound1(group, m)),
      received,
    );
  } catch (cause) {
    throw new CryptoError("dkg-failed", "DKG finish rejected the received packages", { cause });
  } finally {
    for (const r of received) wipe(r.signingShare);
    state.abandon();
  }
  const keyPublic = keyPublicFromCommitments({
    suite: session.suite,
    threshold: session.threshold,
    slots,
    epoch: 0,
    commitments: key.public.commitments,
  });
  const share: SlotShare = {
    suite: session.suite,
    slot: state.slot,
    epoch: 0,
    secret: key.secret.signingShare,
  };
  checkShare(share, keyPublic);
  return { share, key: keyPublic };
}
