import { HELD_KEY_SETS } from "@keyfrag/bus";
import {
  commitmentFromProto,
  commitmentToProto,
  dealingFromProto,
  dealingToProto,
  type FragmentManagerHandlers,
  forRoles,
  InvalidArgumentError,
  keyPublicFromProto,
  keyPublicToProto,
  keyRefFromProto,
  keyRefToProto,
  type Logger,
  partialToProto,
  participantFromProto,
  requireSlotPeer,
  round1FromProto,
  round1ToProto,
  round2FromProto,
  round2ToProto,
  signatureShareToProto,
  suiteFromProto,
  unary,
} from "@keyfrag/rpc";
import type { Fencing } from "./fencing.js";
import type { FragmentService } from "./fragment-service.js";
import type { HeldKeySets } from "./held-key-sets.js";

/**
 * Who may call what (checked from the verified client certificate): the gateway uses keys
 * (evaluate, sign); only the coordinator generates, refreshes and moves fragments.
 */
const USE = ["gateway"] as const;
const MANAGE = ["coordinator"] as const;

/** Held-key sets one HeldKeys call may ask for (a set is ~1/64 of the node's keys). */
const MAX_HELD_KEY_SETS_PER_CALL = 16;

const sessionIdOf = (id: string) => {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id))
    throw new InvalidArgumentError("session_id must be 1-64 characters of A-Z a-z 0-9 -");
  return id;
};

/** The `keyfrag.v1.FragmentManager` gRPC service over a FragmentService. */
export function fragmentManagerHandlers(
  service: FragmentService,
  fencing: Fencing,
  logger: Logger,
  options: {
    /** What the node holds, by held-key set (HeldKeys answers from it). */
    heldKeys: HeldKeySets;
    corruptEvaluations?: boolean;
  },
): FragmentManagerHandlers {
  const use = forRoles(USE, logger);
  const rpc = forRoles(MANAGE, logger);
  /** A coordinator call that changes state: also fenced by the leader's token. */
  const change = <Req extends { fencing_token: string }, Res>(
    fn: (req: Req) => Promise<Res> | Res,
  ) =>
    rpc<Req, Res>(async (req) => {
      await fencing.check(req.fencing_token);
      return fn(req);
    });

  const evaluate = use(
    async (req: Parameters<FragmentManagerHandlers["Evaluate"]>[0]["request"]) => {
      const ref = keyRefFromProto(req.key);
      const partial = await service.evaluate({ ...ref, epoch: req.epoch, blinded: req.blinded });
      if (options.corruptEvaluations) {
        const proof = partial.proof.slice();
        proof[0] = (proof[0] ?? 0) ^ 0x01;
        return partialToProto({ ...partial, proof });
      }
      return partialToProto(partial);
    },
  );

  return {
    DkgRound1: change(async (req) => ({
      message: round1ToProto(
        service.dkgRound1({
          ...keyRefFromProto(req.key),
          sessionId: sessionIdOf(req.session_id),
          suite: suiteFromProto(req.suite),
          threshold: req.threshold,
          participants: req.participants.map(participantFromProto),
        }),
      ),
    })),
    DkgRound2: change(async (req) => ({
      packages: service
        .dkgRound2({
          sessionId: sessionIdOf(req.session_id),
          round1: req.round1.map(round1FromProto),
        })
        .map(round2ToProto),
    })),
    DkgFinish: change(async (req) => ({
      key: keyPublicToProto(
        await service.dkgFinish({
          sessionId: sessionIdOf(req.session_id),
          packages: req.packages.map(round2FromProto),
        }),
      ),
    })),
    Evaluate: evaluate,
    EvaluateBatch: evaluate,
    SignCommit: use(async (req) => {
      const { nonceId, commitment } = await service.signCommit({
        ...keyRefFromProto(req.key),
        epoch: req.epoch,
      });
      return { nonce_id: nonceId, commitment: commitmentToProto(commitment) };
    }),
    SignPreprocess: use(async (req) => {
      const nonces = await service.signPreprocess({
        ...keyRefFromProto(req.key),
        epoch: req.epoch,
        count: req.count,
      });
      return {
        nonces: nonces.map((n) => ({
          nonce_id: n.nonceId,
          commitment: commitmentToProto(n.commitment),
        })),
      };
    }),
    SignShare: use(async (req) =>
      signatureShareToProto(
        await service.signShare({
          ...keyRefFromProto(req.key),
          epoch: req.epoch,
          nonceId: req.nonce_id,
          commitments: req.commitments.map(commitmentFromProto),
          message: req.message,
        }),
      ),
    ),
    RefreshDeal: change(async (req) => ({
      dealing: dealingToProto(
        await service.refreshDeal({
          ...keyRefFromProto(req.key),
          sessionId: sessionIdOf(req.session_id),
          epoch: req.epoch,
          participants: req.participants.map(participantFromProto),
        }),
      ),
    })),
    RefreshPrepare: change(async (req) => ({
      key: keyPublicToProto(
        await service.refreshPrepare({
          ...keyRefFromProto(req.key),
          sessionId: sessionIdOf(req.session_id),
          dealings: req.dealings.map(dealingFromProto),
        }),
      ),
    })),
    RefreshCommit: change(async (req) => {
      if (req.key_digest.length !== 32)
        throw new InvalidArgumentError("key_digest must be 32 bytes");
      await service.refreshCommit({
        ...keyRefFromProto(req.key),
        epoch: req.epoch,
        digest: req.key_digest,
      });
      return {};
    }),
    RefreshAbort: change(async (req) => {
      await service.refreshAbort({ ...keyRefFromProto(req.key), epoch: req.epoch });
      return {};
    }),
    // Only a certified fragment manager of this slot whose identity key the slot pinned may
    // pull this slot's fragment; it is sealed to the identity key its certificate certifies,
    // whatever the request says.
    ExportFragment: unary(
      async (req, call) => {
        const recipient = requireSlotPeer(call);
        const out = await service.exportFragment(
          { ...keyRefFromProto(req.key), epoch: req.epoch, pending: req.pending },
          recipient,
        );
        return {
          sealed_fragment: out.sealed,
          sender_identity_public_key: out.senderIdentityPublicKey,
          key: keyPublicToProto(out.key),
        };
      },
      { logger },
    ),
    CatchUp: change(async (req) => {
      if (!/^[A-Za-z0-9.[\]:-]{1,255}:\d{1,5}$/.test(req.source_address)) {
        throw new InvalidArgumentError("source_address must be host:port");
      }
      await service.catchUp({
        ...keyRefFromProto(req.key),
        key: keyPublicFromProto(req.public_data),
        pending: req.pending,
        sourceAddress: req.source_address,
      });
      return {};
    }),
    DiscardKey: change(async (req) => {
      await service.discardKey(keyRefFromProto(req.key));
      return {};
    }),
    HeldKeys: rpc((req) => {
      const sets = req.sets ?? [];
      if (sets.length > MAX_HELD_KEY_SETS_PER_CALL || new Set(sets).size !== sets.length)
        throw new InvalidArgumentError(
          `sets: at most ${MAX_HELD_KEY_SETS_PER_CALL} distinct set numbers per call`,
        );
      return {
        sets: sets.map((set) => {
          if (!Number.isInteger(set) || set < 0 || set >= HELD_KEY_SETS)
            throw new InvalidArgumentError(
              `sets: ${set} is not a set number (0-${HELD_KEY_SETS - 1})`,
            );
          return {
            set,
            keys: options.heldKeys.keysOf(set).map((k) => ({
              key: { key_id: Buffer.from(k.keyId, "hex"), version: k.version },
              epoch: k.epoch,
              digest: Buffer.from(k.digest, "hex"),
              pending: k.pendingEpoch !== undefined,
              pending_epoch: k.pendingEpoch ?? 0,
              pending_digest: Buffer.from(k.pendingDigest ?? "", "hex"),
            })),
          };
        }),
      };
    }),
    NodeStatus: rpc(async () => {
      const s = await service.status();
      return {
        node_id: s.nodeId,
        region: s.region,
        zone: s.zone,
        slot: s.slot,
        identity_public_key: s.identity.publicKey,
        keys: s.keys.map((k) => ({
          key: keyRefToProto(k),
          epoch: k.epoch,
          pending_epoch: k.pendingEpoch ?? 0,
        })),
      };
    }),
  };
}
