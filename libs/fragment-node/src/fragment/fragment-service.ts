import { randomUUID } from "node:crypto";
import {
  checkShare,
  type DkgRound1Message,
  type DkgRound2Message,
  type DkgSession,
  type DkgState,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  evaluatePartial,
  type IdentityKeyPair,
  type KeyPublic,
  keyPublicDigest,
  type NonceCommitment,
  openFromIdentity,
  type PartialEvaluation,
  type Participant,
  type RefreshDealing,
  type RefreshState,
  refreshDeal,
  refreshFinish,
  type SignatureShare,
  type SigningNonce,
  type SlotShare,
  type Suite,
  sealToIdentity,
  signCommit,
  signShare,
} from "@keyfrag/crypto";
import {
  type CertifiedParticipant,
  FailedPreconditionError,
  InvalidArgumentError,
  type KeyVersionRef,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
  type SlotIdentity,
  verifySlotCertificate,
} from "@keyfrag/rpc";
import { createCertificateCache } from "./certificate-cache.js";
import type { FragmentStore } from "./fragment-store.js";
import { type IssuedNonce, type NonceStock, NonceStockError } from "./nonce-stock.js";

/** Who this node is: its slot, place in the topology and identity key. */
export interface NodeIdentity {
  readonly nodeId: string;
  readonly region: string;
  readonly zone: string;
  readonly slot: number;
  readonly identity: IdentityKeyPair;
}

/** What a same-slot source returns for a catch-up, with the identity its certificate proved. */
export interface FetchedFragment {
  readonly sealed: Uint8Array;
  readonly senderIdentityPublicKey: Uint8Array;
  readonly key: KeyPublic;
  /** The source's slot identity, as certified in the server certificate it presented. */
  readonly peer: SlotIdentity;
}

/** How this node reaches a same-slot peer (gRPC over mTLS in production). */
export type FetchFromPeer = (
  sourceAddress: string,
  req: KeyVersionRef & { epoch: number; pending: boolean },
) => Promise<FetchedFragment>;

export interface FragmentServiceDeps {
  /** The cluster CA certificate (PEM): participants' certificates must chain to it. */
  readonly caPem: Uint8Array | string;
  readonly fetchFromPeer: FetchFromPeer;
  /**
   * The identity public keys of this slot's other replicas, pinned when they were made (the
   * deployment's key step, not the CA): the only keys this node's fragments are ever sealed
   * to. The CA certifies slot and key, but a CA alone cannot put a key in this set.
   */
  readonly slotPeers: readonly Uint8Array[];
  /**
   * The durable stock of preprocessed signing nonces (one-round FROST). Without it,
   * SignPreprocess is refused and signing takes two rounds.
   */
  readonly nonceStock?: NonceStock;
}

export interface FragmentServiceOptions {
  /** How long an unused signing nonce is kept (RFC 9591 nonces are single-use). */
  readonly nonceTtlMs?: number;
  /** How long an unfinished DKG or refresh session is kept in memory. */
  readonly sessionTtlMs?: number;
  readonly now?: () => number;
}

interface Expiring<T> {
  readonly value: T;
  readonly key: KeyVersionRef;
  readonly expiresAt: number;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/**
 * The fragment manager's domain logic, transport-neutral: every protocol step it takes part
 * in, over the fragments of its one slot. Secret protocol state (DKG polynomials, signing
 * nonces, refresh sub-shares) lives in memory only and expires.
 */
export function createFragmentService(
  node: NodeIdentity,
  store: FragmentStore,
  deps: FragmentServiceDeps,
  options: FragmentServiceOptions = {},
) {
  const now = options.now ?? Date.now;
  const nonceTtlMs = options.nonceTtlMs ?? 60_000;
  const sessionTtlMs = options.sessionTtlMs ?? 120_000;
  const dkgSessions = new Map<string, Expiring<DkgState>>();
  const refreshSessions = new Map<string, Expiring<RefreshState>>();
  const nonces = new Map<string, Expiring<SigningNonce> & { epoch: number }>();
  const pinnedPeers = new Set(deps.slotPeers.map(hex));
  pinnedPeers.delete(hex(node.identity.publicKey));

  /** Drops expired sessions and nonces, erasing their secrets. */
  function sweep(): void {
    const t = now();
    for (const [id, s] of dkgSessions) {
      if (s.expiresAt <= t) {
        s.value.abandon();
        dkgSessions.delete(id);
      }
    }
    for (const [id, s] of refreshSessions) {
      if (s.expiresAt <= t) {
        s.value.abandon();
        refreshSessions.delete(id);
      }
    }
    for (const [id, n] of nonces) {
      if (n.expiresAt <= t) {
        n.value.discard();
        nonces.delete(id);
      }
    }
  }

  const verifiedCertificate = createCertificateCache(
    (certificate) => verifySlotCertificate(certificate, deps.caPem),
    { now },
  );

  /**
   * Every participant must present a certificate of the cluster CA certifying its slot and
   * identity key, and this node must be the participant of its own slot: a relay cannot
   * substitute anyone's identity key, so it cannot open anyone's sealed packages.
   */
  function verifyParticipants(participants: readonly CertifiedParticipant[]): Participant[] {
    for (const p of participants) {
      const certified = verifiedCertificate(p.certificate);
      if (
        certified.slot !== p.slot ||
        hex(certified.identityPublicKey) !== hex(p.identityPublicKey)
      ) {
        throw new InvalidArgumentError(
          `participant of slot ${p.slot}: its certificate certifies another slot or identity key`,
        );
      }
    }
    const me = participants.find((p) => p.slot === node.slot);
    if (!me) throw new InvalidArgumentError(`slot ${node.slot} (this node) is not a participant`);
    if (hex(me.identityPublicKey) !== hex(node.identity.publicKey)) {
      throw new InvalidArgumentError(`participant key for slot ${node.slot} is not this node's`);
    }
    return participants.map((p) => ({ slot: p.slot, identityPublicKey: p.identityPublicKey }));
  }

  /**
   * The fragment for a named epoch: current, previous (within its grace), or pending. A pending
   * epoch is served because a caller can only name epoch e+1 after the coordinator durably
   * recorded the commit; serving it closes the window in which replicas commit one by one.
   */
  async function fragmentAt(
    key: KeyVersionRef,
    epoch: number,
  ): Promise<{ share: SlotShare; key: KeyPublic }> {
    const found =
      (await store.get(key.keyId, key.version, epoch)) ??
      (await store.getPending(key.keyId, key.version, epoch));
    if (found) return found;
    const held = store.held(key.keyId, key.version);
    if (!held) {
      throw new NotFoundError(
        `slot ${node.slot} holds no fragment of key ${hex(key.keyId)} v${key.version}`,
      );
    }
    throw new FailedPreconditionError(
      `slot ${node.slot} holds key ${hex(key.keyId)} v${key.version} at epoch ${held.epoch}, not ${epoch}`,
    );
  }

  function takeSession<T>(
    sessions: Map<string, Expiring<T>>,
    id: string,
    what: string,
  ): Expiring<T> {
    sweep();
    const s = sessions.get(id);
    if (!s)
      throw new FailedPreconditionError(
        `no ${what} session ${id} on this node (expired or unknown)`,
      );
    return s;
  }

  return {
    node,
    /** Erases expired nonces and sessions (also done on every request); call periodically. */
    sweep,

    /** DKG round 1: starts this slot's part of a key generation. */
    dkgRound1(
      req: KeyVersionRef & {
        sessionId: string;
        suite: Suite;
        threshold: number;
        participants: CertifiedParticipant[];
      },
    ): DkgRound1Message {
      sweep();
      if (dkgSessions.has(req.sessionId))
        throw new FailedPreconditionError(`DKG session ${req.sessionId} already started`);
      const session: DkgSession = {
        sessionId: `${hex(req.keyId)}/v${req.version}/${req.sessionId}`,
        suite: req.suite,
        threshold: req.threshold,
        participants: verifyParticipants(req.participants),
      };
      const { state, message } = dkgRound1(session, node.slot, node.identity);
      dkgSessions.set(req.sessionId, { value: state, key: req, expiresAt: now() + sessionTtlMs });
      return message;
    },

    /** DKG round 2: checks the others' broadcasts, returns sealed share packages. */
    dkgRound2(req: { sessionId: string; round1: DkgRound1Message[] }): DkgRound2Message[] {
      return dkgRound2(takeSession(dkgSessions, req.sessionId, "DKG").value, req.round1);
    },

    /** DKG finish: stores this slot's fragment at epoch 0 and returns the key's public data. */
    async dkgFinish(req: { sessionId: string; packages: DkgRound2Message[] }): Promise<KeyPublic> {
      const s = takeSession(dkgSessions, req.sessionId, "DKG");
      dkgSessions.delete(req.sessionId);
      const result = dkgFinish(s.value, req.packages);
      await store.putCurrent(s.key.keyId, s.key.version, result.share, result.key);
      return result.key;
    },

    /** One threshold-OPRF partial evaluation (with DLEQ proof) of any number of blinded elements. */
    async evaluate(
      req: KeyVersionRef & { epoch: number; blinded: Uint8Array[] },
    ): Promise<PartialEvaluation> {
      const { share, key } = await fragmentAt(req, req.epoch);
      return evaluatePartial(share, key, req.blinded);
    },

    /** FROST round one: a fresh nonce kept here, its commitment returned. */
    async signCommit(
      req: KeyVersionRef & { epoch: number },
    ): Promise<{ nonceId: string; commitment: NonceCommitment }> {
      sweep();
      const { share } = await fragmentAt(req, req.epoch);
      const nonce = signCommit(share);
      const nonceId = randomUUID();
      nonces.set(nonceId, {
        value: nonce,
        key: req,
        epoch: req.epoch,
        expiresAt: now() + nonceTtlMs,
      });
      return { nonceId, commitment: nonce.commitment };
    },

    /**
     * FROST round one ahead of time: `count` nonces of this slot for the key version, durably
     * recorded (sealed) before their commitments are returned. They serve any later epoch of
     * the version: a nonce is bound to one use, not to a share.
     */
    async signPreprocess(
      req: KeyVersionRef & { epoch: number; count: number },
    ): Promise<IssuedNonce[]> {
      const stock = deps.nonceStock;
      if (!stock)
        throw new FailedPreconditionError("this node keeps no preprocessed nonces; use SignCommit");
      const { share } = await fragmentAt(req, req.epoch);
      if (share.suite !== "ed25519")
        throw new InvalidArgumentError(
          `key ${hex(req.keyId)} v${req.version} is not a signing key (${share.suite})`,
        );
      try {
        return await stock.issue({ keyId: req.keyId, version: req.version }, share, req.count);
      } catch (err) {
        if (err instanceof NonceStockError && err.code === "invalid-argument")
          throw new InvalidArgumentError(err.message, { cause: err });
        if (err instanceof NonceStockError && err.code === "full")
          throw new ResourceExhaustedError(err.message, { cause: err });
        throw err;
      } finally {
        share.secret.fill(0);
      }
    },

    /**
     * FROST round two: consumes the named nonce (single use) and returns this slot's share. The
     * nonce is one kept in memory by SignCommit or a preprocessed one, erased durably first.
     */
    async signShare(
      req: KeyVersionRef & {
        epoch: number;
        nonceId: string;
        commitments: NonceCommitment[];
        message: Uint8Array;
      },
    ): Promise<SignatureShare> {
      sweep();
      const entry = nonces.get(req.nonceId);
      // Removed before use: a nonce id is good for exactly one attempt, successful or not.
      nonces.delete(req.nonceId);
      if (!entry) {
        const taken = await deps.nonceStock?.take(req.nonceId);
        if (!taken)
          throw new FailedPreconditionError(`nonce ${req.nonceId} unknown, used or expired`);
        if (hex(taken.key.keyId) !== hex(req.keyId) || taken.key.version !== req.version) {
          taken.nonce.discard();
          throw new InvalidArgumentError("nonce was preprocessed for another key or version");
        }
        // A refused request (bad commitment list, epoch miss) leaves the nonce unconsumed:
        // it is wiped here either way (a no-op once signShare consumed it).
        try {
          const { share, key } = await fragmentAt(req, req.epoch);
          return signShare(share, key, taken.nonce, req.commitments, req.message);
        } finally {
          taken.nonce.discard();
        }
      }
      if (
        hex(entry.key.keyId) !== hex(req.keyId) ||
        entry.key.version !== req.version ||
        entry.epoch !== req.epoch
      ) {
        entry.value.discard();
        throw new InvalidArgumentError("nonce was committed for another key, version or epoch");
      }
      try {
        const { share, key } = await fragmentAt(req, req.epoch);
        return signShare(share, key, entry.value, req.commitments, req.message);
      } finally {
        entry.value.discard();
      }
    },

    /** Refresh, step 1: this slot deals its zero-constant polynomial for `epoch` → `epoch + 1`. */
    async refreshDeal(
      req: KeyVersionRef & {
        sessionId: string;
        epoch: number;
        participants: CertifiedParticipant[];
      },
    ): Promise<RefreshDealing> {
      sweep();
      if (refreshSessions.has(req.sessionId))
        throw new FailedPreconditionError(`refresh session ${req.sessionId} already dealt`);
      const participants = verifyParticipants(req.participants);
      const held = store.held(req.keyId, req.version);
      if (held?.epoch !== req.epoch || held.pendingEpoch !== undefined) {
        throw new FailedPreconditionError(
          `slot ${node.slot} cannot refresh from epoch ${req.epoch}: it holds epoch ${held?.epoch ?? "none"}${held?.pendingEpoch !== undefined ? ` with epoch ${held.pendingEpoch} pending` : ""}`,
        );
      }
      const { share, key } = await fragmentAt(req, req.epoch);
      const { state, dealing } = refreshDeal(
        {
          sessionId: `${hex(req.keyId)}/v${req.version}/${req.sessionId}`,
          key,
          participants,
        },
        share,
        node.identity,
      );
      refreshSessions.set(req.sessionId, {
        value: state,
        key: req,
        expiresAt: now() + sessionTtlMs,
      });
      return dealing;
    },

    /** Refresh, step 2 (prepare): verifies every dealing and stores the next epoch as pending. */
    async refreshPrepare(
      req: KeyVersionRef & { sessionId: string; dealings: RefreshDealing[] },
    ): Promise<KeyPublic> {
      const s = takeSession(refreshSessions, req.sessionId, "refresh");
      refreshSessions.delete(req.sessionId);
      const next = refreshFinish(s.value, req.dealings);
      await store.putPending(req.keyId, req.version, next.share, next.key);
      return next.key;
    },

    /**
     * Refresh, commit: the pending epoch becomes current, only if its public data is the one
     * the coordinator decided (`digest`); a pending epoch of another refresh is refused.
     * Idempotent.
     */
    async refreshCommit(req: KeyVersionRef & { epoch: number; digest: Uint8Array }): Promise<void> {
      const pending = await store.getPending(req.keyId, req.version, req.epoch);
      const held = pending ?? (await store.get(req.keyId, req.version, req.epoch));
      if (held && hex(keyPublicDigest(held.key)) !== hex(req.digest)) {
        throw new FailedPreconditionError(
          `epoch ${req.epoch} of key ${hex(req.keyId)} v${req.version} here is not the decided one`,
        );
      }
      await store.commitPending(req.keyId, req.version, req.epoch);
    },

    /** Refresh, abort: drops a pending epoch; idempotent. */
    async refreshAbort(req: KeyVersionRef & { epoch: number }): Promise<void> {
      for (const [id, s] of refreshSessions) {
        if (hex(s.key.keyId) === hex(req.keyId) && s.key.version === req.version) {
          s.value.abandon();
          refreshSessions.delete(id);
        }
      }
      await store.abortPending(req.keyId, req.version, req.epoch);
    },

    /**
     * Catch-up, source side: this slot's fragment sealed to `recipient`, whose slot identity
     * its client certificate proved; only another replica of this slot whose identity key is
     * pinned here qualifies.
     */
    async exportFragment(
      req: KeyVersionRef & { epoch: number; pending: boolean },
      recipient: SlotIdentity,
    ): Promise<{ sealed: Uint8Array; senderIdentityPublicKey: Uint8Array; key: KeyPublic }> {
      if (recipient.slot !== node.slot || recipient.nodeId === node.nodeId) {
        throw new InvalidArgumentError(
          `fragments of slot ${node.slot} go only to other fragment managers of slot ${node.slot}`,
        );
      }
      // A certificate proves only what the CA signed; the pinned set is what this node agreed to.
      if (!pinnedPeers.has(hex(recipient.identityPublicKey))) {
        throw new PermissionDeniedError(
          `fragments of slot ${node.slot} go only to the replicas pinned for slot ${node.slot}; identity key ${hex(recipient.identityPublicKey).slice(0, 16)}… is not one`,
        );
      }
      const found = req.pending
        ? await store.getPending(req.keyId, req.version, req.epoch)
        : await fragmentAt(req, req.epoch);
      if (!found)
        throw new NotFoundError(
          `no pending epoch ${req.epoch} of key ${hex(req.keyId)} v${req.version}`,
        );
      const sealed = sealToIdentity({
        sender: node.identity,
        recipientPublicKey: recipient.identityPublicKey,
        plaintext: found.share.secret,
        context: catchUpContext(req, node.slot, found.key.epoch, req.pending),
      });
      return { sealed, senderIdentityPublicKey: node.identity.publicKey, key: found.key };
    },

    /**
     * Catch-up, target side: pulls this slot's fragment at `key.epoch` from a certified and
     * pinned same-slot source, checks it against the public data the coordinator recorded,
     * stores it.
     */
    async catchUp(
      req: KeyVersionRef & { key: KeyPublic; pending: boolean; sourceAddress: string },
    ): Promise<void> {
      const fetched = await deps.fetchFromPeer(req.sourceAddress, { ...req, epoch: req.key.epoch });
      if (
        fetched.peer.slot !== node.slot ||
        hex(fetched.senderIdentityPublicKey) !== hex(fetched.peer.identityPublicKey)
      ) {
        throw new InvalidArgumentError(
          "the source is not a certified fragment manager of this slot",
        );
      }
      // Nor a fragment from one the slot did not pin: a source made with the CA (and named by
      // a coordinator) could hand over a share it took part in making, of a new key.
      if (!pinnedPeers.has(hex(fetched.peer.identityPublicKey))) {
        throw new PermissionDeniedError(
          `the source is not one of the replicas pinned for slot ${node.slot}`,
        );
      }
      if (hex(keyPublicDigest(fetched.key)) !== hex(keyPublicDigest(req.key))) {
        throw new FailedPreconditionError(
          "the source holds other public data than the coordinator recorded",
        );
      }
      let secret: Uint8Array;
      try {
        secret = openFromIdentity({
          recipient: node.identity,
          senderPublicKey: fetched.peer.identityPublicKey,
          sealed: fetched.sealed,
          context: catchUpContext(req, node.slot, req.key.epoch, req.pending),
        });
      } catch (cause) {
        throw new InvalidArgumentError("sealed fragment did not open for this node", { cause });
      }
      const share: SlotShare = {
        suite: req.key.suite,
        slot: node.slot,
        epoch: req.key.epoch,
        secret,
      };
      checkShare(share, req.key);
      if (req.pending) await store.putPending(req.keyId, req.version, share, req.key);
      else await store.putCurrent(req.keyId, req.version, share, req.key);
    },

    /**
     * Drops the fragments of a failed key generation. Refuses once the key was refreshed (or a
     * refresh is pending): those are a live key's, never an orphan's.
     */
    async discardKey(req: KeyVersionRef): Promise<void> {
      const held = store.held(req.keyId, req.version);
      if (!held) return;
      if (held.epoch !== 0 || held.pendingEpoch !== undefined || held.previousEpoch !== undefined) {
        throw new FailedPreconditionError(
          `key ${hex(req.keyId)} v${req.version} was refreshed; it is not a failed generation`,
        );
      }
      await store.eraseKey(req.keyId, req.version);
      await deps.nonceStock?.dropKey(req);
    },

    /** What this node holds: every key version with its current and pending epochs and their digests. */
    async status() {
      const keys = [];
      for (const k of await store.list()) {
        const current = await store.get(k.keyId, k.version, k.epoch);
        const pending =
          k.pendingEpoch === undefined
            ? undefined
            : await store.getPending(k.keyId, k.version, k.pendingEpoch);
        keys.push({
          keyId: k.keyId,
          version: k.version,
          epoch: k.epoch,
          digest: current ? hex(keyPublicDigest(current.key)) : "",
          pendingEpoch: k.pendingEpoch,
          pendingDigest: pending ? hex(keyPublicDigest(pending.key)) : undefined,
        });
      }
      return { ...node, keys };
    },

    /** Erases all in-memory protocol state (shutdown). */
    close(): void {
      for (const s of dkgSessions.values()) s.value.abandon();
      for (const s of refreshSessions.values()) s.value.abandon();
      for (const n of nonces.values()) n.value.discard();
      dkgSessions.clear();
      refreshSessions.clear();
      nonces.clear();
    },
  };
}

export type FragmentService = ReturnType<typeof createFragmentService>;

function catchUpContext(key: KeyVersionRef, slot: number, epoch: number, pending: boolean) {
  return [
    "keyfrag/catch-up/v1",
    hex(key.keyId),
    key.version,
    slot,
    epoch,
    pending ? "pending" : "current",
  ];
}
