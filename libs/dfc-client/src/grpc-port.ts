import type { ChannelCredentials } from "@grpc/grpc-js";
import {
  type CoordinatorClient,
  call,
  commitmentFromProto,
  commitmentToProto,
  createFragmentManagerClient,
  type FragmentManagerClient,
  InternalError,
  keyPublicFromProto,
  keyRefToProto,
  partialFromProto,
  type RequestOf,
  type ResponseOf,
  signatureShareFromProto,
} from "@keyfrag/rpc";
import type { KeyView, ReplicaPort, ReplicaView } from "./dfc-client.js";

/**
 * A fragment node this process runs itself (a gateway's customer fragment): its node id, and
 * calls into its FragmentManager service in process (libs/fragment-node `callerFor`), through
 * the same handlers and checks as its port.
 */
export interface LocalReplica {
  readonly nodeId: string;
  call(method: string, request: unknown, options: { deadlineMs: number }): Promise<unknown>;
}

type Methods = "Evaluate" | "SignCommit" | "SignPreprocess" | "SignShare";

/**
 * A ReplicaPort over gRPC: one channel per fragment-manager address; calls to `local` (matched
 * by node id) go in process instead, so that node needs no port for this process.
 */
export function grpcReplicaPort(
  credentials: ChannelCredentials,
  local?: LocalReplica,
): ReplicaPort & { close(): void } {
  const clients = new Map<string, FragmentManagerClient>();
  const clientFor = (r: ReplicaView) => {
    let c = clients.get(r.address);
    if (!c) {
      c = createFragmentManagerClient(r.address, credentials);
      clients.set(r.address, c);
    }
    return c;
  };
  const send = <M extends Methods>(
    replica: ReplicaView,
    method: M,
    request: RequestOf<FragmentManagerClient, M>,
    deadlineMs: number,
  ): Promise<ResponseOf<FragmentManagerClient, M>> =>
    local !== undefined && replica.nodeId === local.nodeId
      ? (local.call(method, request, { deadlineMs }) as Promise<
          ResponseOf<FragmentManagerClient, M>
        >)
      : call(clientFor(replica), method, request, { deadlineMs, waitForReady: replica.healthy });
  return {
    async evaluate(replica, req, deadlineMs) {
      const res = await send(
        replica,
        "Evaluate",
        { key: keyRefToProto(req), epoch: req.epoch, blinded: [...req.blinded] },
        deadlineMs,
      );
      return partialFromProto(res);
    },
    async signCommit(replica, req, deadlineMs) {
      const res = await send(
        replica,
        "SignCommit",
        { key: keyRefToProto(req), epoch: req.epoch },
        deadlineMs,
      );
      if (!res.commitment) throw new InternalError("SignCommit answered without a commitment");
      return { nonceId: res.nonce_id, commitment: commitmentFromProto(res.commitment) };
    },
    async signPreprocess(replica, req, deadlineMs) {
      const res = await send(
        replica,
        "SignPreprocess",
        { key: keyRefToProto(req), epoch: req.epoch, count: req.count },
        deadlineMs,
      );
      return res.nonces.map((n) => {
        if (!n.commitment) throw new InternalError("SignPreprocess answered without a commitment");
        return { nonceId: n.nonce_id, commitment: commitmentFromProto(n.commitment) };
      });
    },
    async signShare(replica, req, deadlineMs) {
      const res = await send(
        replica,
        "SignShare",
        {
          key: keyRefToProto(req),
          epoch: req.epoch,
          nonce_id: req.nonceId,
          commitments: req.commitments.map(commitmentToProto),
          message: req.message,
        },
        deadlineMs,
      );
      return signatureShareFromProto(res);
    },
    close() {
      for (const c of clients.values()) c.close();
      clients.clear();
    },
  };
}

/**
 * Key views from the coordinator's GetKey, cached per (name, version) for `ttlMs` (placement
 * and epochs change only on refresh, node loss or recovery; the client asks afresh when an
 * operation fails). Version 0 is the newest, so a rotation is seen within `ttlMs`.
 */
export function coordinatorKeySource(coordinator: CoordinatorClient, ttlMs = 5_000) {
  const cache = new Map<string, { view: KeyView; at: number }>();
  return async (name: string, fresh: boolean, version = 0): Promise<KeyView> => {
    // NUL cannot occur in a key name, so the cache key is unambiguous.
    const slot = `${name}\u0000${version}`;
    const hit = cache.get(slot);
    if (hit && !fresh && Date.now() - hit.at < ttlMs) return hit.view;
    const info = await call(coordinator, "GetKey", { name, version });
    if (!info.ref) throw new InternalError("GetKey answered without a key reference");
    const view: KeyView = {
      name: info.name,
      keyId: new Uint8Array(info.ref.key_id),
      version: info.ref.version,
      key: keyPublicFromProto(info.public_data),
      placement: new Map(
        info.placement.map((p) => [
          p.slot,
          p.replicas.map((r) => ({ nodeId: r.node_id, address: r.address, healthy: r.healthy })),
        ]),
      ),
    };
    cache.set(slot, { view, at: Date.now() });
    return view;
  };
}
