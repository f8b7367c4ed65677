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
  signatureShareFromProto,
} from "@keyfrag/rpc";
import type { KeyView, ReplicaPort, ReplicaView } from "./dfc-client.js";

/** A ReplicaPort over gRPC: one channel per fragment-manager address. */
export function grpcReplicaPort(credentials: ChannelCredentials): ReplicaPort & { close(): void } {
  const clients = new Map<string, FragmentManagerClient>();
  const clientFor = (r: ReplicaView) => {
    let c = clients.get(r.address);
    if (!c) {
      c = createFragmentManagerClient(r.address, credentials);
      clients.set(r.address, c);
    }
    return c;
  };
  return {
    async evaluate(replica, req, deadlineMs) {
      const res = await call(
        clientFor(replica),
        "Evaluate",
        { key: keyRefToProto(req), epoch: req.epoch, blinded: [...req.blinded] },
        { deadlineMs, waitForReady: replica.healthy },
      );
      return partialFromProto(res);
    },
    async signCommit(replica, req, deadlineMs) {
      const res = await call(
        clientFor(replica),
        "SignCommit",
        { key: keyRefToProto(req), epoch: req.epoch },
        { deadlineMs, waitForReady: replica.healthy },
      );
      if (!res.commitment) throw new InternalError("SignCommit answered without a commitment");
      return { nonceId: res.nonce_id, commitment: commitmentFromProto(res.commitment) };
    },
    async signPreprocess(replica, req, deadlineMs) {
      const res = await call(
        clientFor(replica),
        "SignPreprocess",
        { key: keyRefToProto(req), epoch: req.epoch, count: req.count },
        { deadlineMs, waitForReady: replica.healthy },
      );
      return res.nonces.map((n) => {
        if (!n.commitment) throw new InternalError("SignPreprocess answered without a commitment");
        return { nonceId: n.nonce_id, commitment: commitmentFromProto(n.commitment) };
      });
    },
    async signShare(replica, req, deadlineMs) {
      const res = await call(
        clientFor(replica),
        "SignShare",
        {
          key: keyRefToProto(req),
          epoch: req.epoch,
          nonce_id: req.nonceId,
          commitments: req.commitments.map(commitmentToProto),
          message: req.message,
        },
        { deadlineMs, waitForReady: replica.healthy },
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
