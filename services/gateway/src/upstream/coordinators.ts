/** The coordinators: any of them answers reads; key changes must reach the leader. */
import type { ChannelCredentials } from "@grpc/grpc-js";
import { keyIdFromName } from "@keyfrag/crypto";
import type { KeyView } from "@keyfrag/dfc-client";
import {
  type ClusterStatusRequest,
  type ClusterStatusResponse__Output,
  type CoordinatorClient,
  call,
  createCoordinatorClient,
  DeadlineExceededError,
  InternalError,
  InvalidArgumentError,
  isRetryable,
  type KeyInfo__Output,
  keyPublicFromProto,
  type RequestOf,
  type ResponseOf,
  UnavailableError,
} from "@keyfrag/rpc";

type Method = "CreateKey" | "GetKey" | "RefreshKey" | "RotateKey" | "ClusterStatus";

/** How a follower coordinator answers a key change (coordinator-grpc.ts `leaderOnly`). */
const FOLLOWER = /is not the leader/;

/** DKG and refresh run many protocol rounds: give them time. */
const WRITE_DEADLINE_MS = 60_000;

export interface CoordinatorPoolOptions {
  /** Hears why no coordinator answered (their addresses, grpc-js' details): for the log only. */
  onUnavailable?: (message: string, err: unknown) => void;
  /** Deadline of a key change (default 60 s). */
  writeDeadlineMs?: number;
}

/** Clients of every configured coordinator, with failover and leader discovery. */
export function createCoordinatorPool(
  addresses: readonly string[],
  credentials: ChannelCredentials,
  options: CoordinatorPoolOptions = {},
) {
  const clients = addresses.map((a) => createCoordinatorClient(a, credentials));
  const unavailable = options.onUnavailable ?? (() => {});
  const writeDeadlineMs = options.writeDeadlineMs ?? WRITE_DEADLINE_MS;
  let preferred = 0;

  /** Tries each coordinator, starting with the last one that answered, until one does. */
  async function anyOf<M extends Method>(
    method: M,
    request: RequestOf<CoordinatorClient, M>,
    deadlineMs?: number,
  ): Promise<ResponseOf<CoordinatorClient, M>> {
    let last: unknown;
    let deadline: DeadlineExceededError | undefined;
    for (let i = 0; i < clients.length; i++) {
      const index = (preferred + i) % clients.length;
      const client = clients[index] as CoordinatorClient;
      try {
        const res = await call(client, method, request, deadlineMs ? { deadlineMs } : {});
        preferred = index;
        return res;
      } catch (err) {
        // Answers about the request itself (not found, invalid, conflict) are final.
        if (!isRetryable(err)) throw err;
        // A deadline is the round's worst outcome: that coordinator (the leader, for a key
        // change) may have done the work, whatever the others answer after it.
        if (err instanceof DeadlineExceededError) deadline ??= err;
        last = err;
      }
    }
    const worst = deadline ?? last;
    throw worst instanceof Error ? worst : new UnavailableError("no coordinator answered");
  }

  return {
    anyOf,
    /**
     * A key change, sent to the leader: a follower answers UNAVAILABLE "not the leader", so the
     * next coordinator is tried, and a few rounds ride out an election. When no coordinator
     * answers at all (every one down, unreachable or without its Redis), it fails at once:
     * UNAVAILABLE naming the control plane, with nothing started. A deadline in a round (the
     * leader may be working on it) ends the retries: the outcome is reported unknown.
     */
    async leader<M extends "CreateKey" | "RefreshKey" | "RotateKey">(
      method: M,
      request: RequestOf<CoordinatorClient, M>,
    ): Promise<ResponseOf<CoordinatorClient, M>> {
      let last: unknown;
      for (let round = 0; round < 3; round++) {
        try {
          return await anyOf(method, request, writeDeadlineMs);
        } catch (err) {
          if (!isRetryable(err)) throw err;
          last = err;
          // Only a follower's answer says a leader may be elected within a second or two.
          if (!(err instanceof Error && FOLLOWER.test(err.message))) break;
          await new Promise((r) => setTimeout(r, 500 * (round + 1)));
        }
      }
      // A deadline may have passed while the leader worked: then the outcome is not known.
      const outcome =
        last instanceof DeadlineExceededError
          ? "its outcome is unknown (a deadline passed): look the key up before trying again"
          : "nothing was changed; try again when a coordinator is up";
      // The coordinators' answers name internal addresses: logged, not told to the caller.
      const message = `control plane unavailable: ${method} needs the leader coordinator and none answered; ${outcome}`;
      unavailable(message, last);
      throw new UnavailableError(message, { cause: last });
    },
    /** The leader's view of the cluster when one answers, else any coordinator's. */
    async clusterStatus(
      request: ClusterStatusRequest = {},
    ): Promise<ClusterStatusResponse__Output> {
      const answers = await Promise.allSettled(
        clients.map((c) => call(c, "ClusterStatus", request, { deadlineMs: 3_000 })),
      );
      const ok = answers.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
      const best = ok.find((s) => s.leader) ?? ok[0];
      // A request every coordinator refuses (a page token it never issued) is the caller's.
      const refused = answers.find(
        (a) => a.status === "rejected" && a.reason instanceof InvalidArgumentError,
      );
      if (!best && refused?.status === "rejected") throw refused.reason;
      if (!best) {
        const reasons = answers.flatMap((a) => (a.status === "rejected" ? [String(a.reason)] : []));
        unavailable("ClusterStatus: no coordinator answered", reasons);
        throw new UnavailableError("control plane unavailable: no coordinator answered");
      }
      return best;
    },
    close() {
      for (const c of clients) c.close();
    },
  };
}

export type CoordinatorPool = ReturnType<typeof createCoordinatorPool>;

/** The dfc-client's view of a key, from a coordinator's KeyInfo. */
export function keyViewOf(info: KeyInfo__Output): KeyView {
  if (!info.ref) throw new InternalError("GetKey answered without a key reference");
  const keyId = new Uint8Array(info.ref.key_id);
  if (Buffer.compare(Buffer.from(keyId), Buffer.from(keyIdFromName(info.name))) !== 0) {
    throw new InternalError(`the coordinator answered for another key than ${info.name}`);
  }
  return {
    name: info.name,
    keyId,
    version: info.ref.version,
    key: keyPublicFromProto(info.public_data),
    placement: new Map(
      info.placement.map((p) => [
        p.slot,
        p.replicas.map((r) => ({ nodeId: r.node_id, address: r.address, healthy: r.healthy })),
      ]),
    ),
  };
}
