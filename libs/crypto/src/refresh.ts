import { createHash } from "node:crypto";
import { bytesEqual, concat, wipe } from "./bytes.js";
import type { Participant } from "./dkg.js";
import { InvalidInputError, SlotContributionError } from "./errors.js";
import { type IdentityKeyPair, openFromIdentity, sealToIdentity } from "./identity-seal.js";
import {
  checkShare,
  feldmanCheck,
  type KeyPublic,
  keyPublicFromCommitments,
  type SlotShare,
} from "./key-public.js";
import { type GroupElement, type SuiteGroup, suiteGroup } from "./suite.js";

/**
 * Proactive refresh (Herzberg et al. style): every slot deals a random polynomial whose
 * constant term is zero, with Feldman commitments to its other coefficients; every slot adds
 * the sub-shares it receives to its share. Shares and verifying shares change, the group
 * secret and public key do not. Old shares become useless in combination with new ones.
 */

/** What every slot of a key agrees on before a refresh (all public). */
export interface RefreshSession {
  /** Unique per refresh attempt; bound into every sealed sub-share. */
  readonly sessionId: string;
  /** The key's public data at the epoch being refreshed. */
  readonly key: KeyPublic;
  /** Every slot of the key, with the identity key its node answers to. */
  readonly participants: readonly Participant[];
}

/**
 * One slot's dealing, relayed to every slot. The commitments are to coefficients 1..t-1 only:
 * the constant term is zero by construction, since there is no way to send one.
 */
export interface RefreshDealing {
  readonly from: number;
  readonly fromEpoch: number;
  readonly commitments: readonly Uint8Array[];
  readonly sealedShares: readonly { readonly to: number; readonly sealed: Uint8Array }[];
}

/** What a slot keeps between dealing and finishing, out of reach of callers. */
interface RefreshSecrets {
  readonly share: SlotShare;
  readonly identity: IdentityKeyPair;
  /** the sub-share this slot dealt to itself */
  readonly ownSubShare: Uint8Array;
  readonly ownDealing: RefreshDealing;
}
const refreshSecrets = new WeakMap<RefreshState, RefreshSecrets>();

/** A slot's refresh state between dealing and finishing: an opaque handle, memory only. */
export class RefreshState {
  readonly session: RefreshSession;
  readonly slot: number;

  /** @internal */
  constructor(session: RefreshSession, secrets: RefreshSecrets) {
    this.session = session;
    this.slot = secrets.share.slot;
    refreshSecrets.set(this, secrets);
  }

  /** Whether the state was consumed by {@link refreshFinish} or abandoned. */
  get finished(): boolean {
    return !refreshSecrets.has(this);
  }

  /** Erases the dealt sub-share, e.g. when the refresh is aborted. */
  abandon(): void {
    wipe(refreshSecrets.get(this)?.ownSubShare);
    refreshSecrets.delete(this);
  }
}

/**
 * Sealed sub-shares are bound to the session, the key (group public key and epoch), both slots
 * and the dealer's commitments, so a sub-share cannot be replayed into another refresh or
 * paired with other commitments.
 */
function sealContext(
  session: RefreshSession,
  from: number,
  to: number,
  commitments: readonly Uint8Array[],
) {
  const { key } = session;
  return [
    "keyfrag/refresh/v1",
    session.sessionId,
    key.suite,
    key.groupPublicKey,
    key.epoch,
    from,
    to,
    createHash("sha256")
      .update(concat(...commitments))
      .digest(),
  ];
}

function identityOf(session: RefreshSession, slot: number): Uint8Array {
  const p = session.participants.find((q) => q.slot === slot);
  if (!p) throw new InvalidInputError(`slot ${slot} has no identity key in this refresh session`);
  return p.identityPublicKey;
}

function checkSession(session: RefreshSession): void {
  if (typeof session.sessionId !== "string" || session.sessionId.length === 0) {
    throw new InvalidInputError("refresh session needs a non-empty sessionId");
  }
  const slots = session.participants.map((p) => p.slot).sort((a, b) => a - b);
  if (
    slots.length !== session.key.slots.length ||
    slots.some((s, i) => s !== session.key.slots[i])
  ) {
    throw new InvalidInputError("refresh participants must be exactly the key's slots");
  }
}

/** Evaluates Σ_{k≥1} coefficients[k-1]·x^k (a polynomial with zero constant term). */
function evaluateZeroConstant(
  group: SuiteGroup,
  coefficients: readonly bigint[],
  x: number,
): bigint {
  const { Fn } = group;
  const bx = BigInt(x);
  let power = bx;
  let acc = Fn.ZERO;
  for (const a of coefficients) {
    acc = Fn.add(acc, Fn.mul(a, power));
    power = Fn.mul(power, bx);
  }
  return acc;
}

/** A slot's dealing for this refresh: sealed sub-shares for every other slot. */
export function refreshDeal(
  session: RefreshSession,
  share: SlotShare,
  identity: IdentityKeyPair,
): { state: RefreshState; dealing: RefreshDealing } {
  checkSession(session);
  const { key } = session;
  checkShare(share, key);
  if (!bytesEqual(identityOf(session, share.slot), identity.publicKey)) {
    throw new InvalidInputError(`slot ${share.slot}: identity key does not match the session's`);
  }
  const group = suiteGroup(key.suite);
  const { Fn } = group;
  const coefficients: bigint[] = [];
  for (let k = 1; k < key.threshold; k++) {
    coefficients.push(Fn.fromBytes(group.frost.utils.randomScalar()));
  }
  const commitments = coefficients.map((a) => group.BASE.multiply(a).toBytes());
  const sealedShares = key.slots
    .filter((s) => s !== share.slot)
    .map((to) => {
      const plaintext = Fn.toBytes(evaluateZeroConstant(group, coefficients, to));
      const sealed = sealToIdentity({
        sender: identity,
        recipientPublicKey: identityOf(session, to),
        plaintext,
        context: sealContext(session, share.slot, to, commitments),
      });
      wipe(plaintext);
      return { to, sealed };
    });
  const own = Fn.toBytes(evaluateZeroConstant(group, coefficients, share.slot));
  coefficients.fill(0n);
  const dealing: RefreshDealing = {
    from: share.slot,
    fromEpoch: key.epoch,
    commitments,
    sealedShares,
  };
  const state = new RefreshState(session, {
    share,
    identity,
    ownSubShare: own,
    ownDealing: dealing,
  });
  return { state, dealing };
}

/**
 * Verifies every dealing (one from each slot of the key), applies them, and returns this slot's
 * share and the key's public data at the next epoch; the group public key is unchanged by
 * construction. A bad dealing raises {@link SlotContributionError} naming its dealer.
 *
 * The new share may replace the old one only after every slot reported the same
 * {@link keyPublicDigest} of the returned key (the coordinator's prepare phase checks this).
 */
export function refreshFinish(
  state: RefreshState,
  dealings: readonly RefreshDealing[],
): { share: SlotShare; key: KeyPublic } {
  const secrets = refreshSecrets.get(state);
  if (!secrets) throw new InvalidInputError("refresh state already finished");
  const { session } = state;
  const { share } = secrets;
  const { key } = session;
  const group = suiteGroup(key.suite);
  const { Fn } = group;
  const bySlot = new Map<number, RefreshDealing>();
  for (const d of dealings) {
    if (!key.verifyingShares.has(d.from)) {
      throw new InvalidInputError(`dealing from slot ${d.from}, not a slot of this key`);
    }
    if (bySlot.has(d.from)) throw new SlotContributionError(d.from, "refresh", "two dealings");
    bySlot.set(d.from, d);
  }
  bySlot.set(share.slot, secrets.ownDealing);
  for (const s of key.slots) {
    if (!bySlot.has(s)) throw new InvalidInputError(`missing refresh dealing from slot ${s}`);
  }

  const sum: GroupElement[] = key.commitments.map((c, k) => group.element(c, `commitment ${k}`));
  let delta = Fn.fromBytes(secrets.ownSubShare);
  for (const d of [...bySlot.values()].sort((a, b) => a.from - b.from)) {
    const points = parseDealing(group, key, d);
    if (d.from !== share.slot) {
      const sub = openSubShare(session, secrets, d);
      if (!feldmanCheck(group, share.slot, sub, [group.ZERO, ...points])) {
        throw new SlotContributionError(d.from, "refresh", "sub-share fails its Feldman check");
      }
      delta = Fn.add(delta, Fn.fromBytes(sub));
      wipe(sub);
    }
    points.forEach((p, i) => {
      sum[i + 1] = (sum[i + 1] as GroupElement).add(p);
    });
  }

  // sum[0] is the old group key untouched: dealings carry no constant term, so the group key
  // cannot change. What can go wrong is equivocation (a dealer showing different slots
  // different commitments): callers compare keyPublicDigest(next) across all slots.
  const next = keyPublicFromCommitments({
    suite: key.suite,
    threshold: key.threshold,
    slots: key.slots,
    epoch: key.epoch + 1,
    commitments: sum.map((p) => p.toBytes()),
  });
  const nextShare: SlotShare = {
    suite: key.suite,
    slot: share.slot,
    epoch: key.epoch + 1,
    secret: Fn.toBytes(Fn.add(Fn.fromBytes(share.secret), delta)),
  };
  checkShare(nextShare, next);
  state.abandon();
  return { share: nextShare, key: next };
}

function parseDealing(group: SuiteGroup, key: KeyPublic, d: RefreshDealing): GroupElement[] {
  if (d.fromEpoch !== key.epoch) {
    throw new SlotContributionError(
      d.from,
      "refresh",
      `dealt for epoch ${d.fromEpoch}, not ${key.epoch}`,
    );
  }
  if (d.commitments.length !== key.threshold - 1) {
    throw new SlotContributionError(
      d.from,
      "refresh",
      `${d.commitments.length} commitments, expected ${key.threshold - 1}`,
    );
  }
  try {
    return d.commitments.map((c, k) => group.element(c, `commitment ${k + 1}`));
  } catch (cause) {
    throw new SlotContributionError(d.from, "refresh", "invalid commitment", { cause });
  }
}

function openSubShare(
  session: RefreshSession,
  { share, identity }: RefreshSecrets,
  d: RefreshDealing,
): Uint8Array {
  const mine = d.sealedShares.filter((s) => s.to === share.slot);
  if (mine.length !== 1 || !mine[0]) {
    throw new SlotContributionError(
      d.from,
      "refresh",
      `no single sub-share for slot ${share.slot}`,
    );
  }
  try {
    return openFromIdentity({
      recipient: identity,
      senderPublicKey: identityOf(session, d.from),
      sealed: mine[0].sealed,
      context: sealContext(session, d.from, share.slot, d.commitments),
    });
  } catch (cause) {
    throw new SlotContributionError(d.from, "refresh", "sealed sub-share did not open", { cause });
  }
}
