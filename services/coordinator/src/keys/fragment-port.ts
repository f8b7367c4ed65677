import type {
  DkgRound1Message,
  DkgRound2Message,
  KeyPublic,
  RefreshDealing,
  Suite,
} from "@keyfrag/crypto";
import type { CertifiedParticipant, KeyVersionRef } from "@keyfrag/rpc";

/**
 * What the coordinator asks of one DKG/refresh participant. Fragment managers implement it
 * over gRPC; an external participant (the gateway, for a customer slot) implements the same
 * interface, so it joins DKG and refresh like any slot.
 */
export interface ParticipantPort {
  dkgRound1(
    req: KeyVersionRef & {
      sessionId: string;
      suite: Suite;
      threshold: number;
      participants: CertifiedParticipant[];
    },
  ): Promise<DkgRound1Message>;
  dkgRound2(req: { sessionId: string; round1: DkgRound1Message[] }): Promise<DkgRound2Message[]>;
  dkgFinish(req: { sessionId: string; packages: DkgRound2Message[] }): Promise<KeyPublic>;
  refreshDeal(
    req: KeyVersionRef & { sessionId: string; epoch: number; participants: CertifiedParticipant[] },
  ): Promise<RefreshDealing>;
  refreshPrepare(
    req: KeyVersionRef & { sessionId: string; dealings: RefreshDealing[] },
  ): Promise<KeyPublic>;
  /** Commits the pending `epoch`, if its public data has `digest` (keyPublicDigest of the decision). */
  refreshCommit(req: KeyVersionRef & { epoch: number; digest: Uint8Array }): Promise<void>;
  refreshAbort(req: KeyVersionRef & { epoch: number }): Promise<void>;
}

/** What the coordinator additionally asks of a fragment manager: same-slot catch-up. */
export interface FragmentPort extends ParticipantPort {
  /**
   * Makes this node pull `key.epoch` from `sourceAddress` (a fragment manager of its slot);
   * the two authenticate each other by certificate and the coordinator never sees the fragment.
   */
  catchUp(
    req: KeyVersionRef & { key: KeyPublic; pending: boolean; sourceAddress: string },
  ): Promise<void>;
  /** Drops the fragments of a key generation that failed; refused for a key ever refreshed. */
  discardKey(req: KeyVersionRef): Promise<void>;
}
