import {
  call,
  createFragmentManagerClient,
  type FragmentManagerClient,
  keyPublicFromProto,
  keyRefToProto,
  type SlotIdentity,
  slotPeerCredentials,
  type TlsMaterial,
  UnauthenticatedError,
} from "@keyfrag/rpc";
import type { FetchFromPeer } from "./fragment-service.js";

/**
 * Calls to same-slot peers for catch-up. Each channel accepts only a server whose certificate
 * certifies a fragment manager of this slot, and remembers the identity it proved.
 */
export function createPeerFetcher(tls: TlsMaterial, slot: number, deadlineMs = 10_000) {
  const peers = new Map<string, { client: FragmentManagerClient; peer?: SlotIdentity }>();
  const entryFor = (address: string) => {
    let entry = peers.get(address);
    if (!entry) {
      const created: { client?: FragmentManagerClient; peer?: SlotIdentity } = {};
      created.client = createFragmentManagerClient(
        address,
        slotPeerCredentials(tls, slot, (peer) => {
          created.peer = peer;
        }),
      );
      entry = created as { client: FragmentManagerClient; peer?: SlotIdentity };
      peers.set(address, entry);
    }
    return entry;
  };

  const fetch: FetchFromPeer = async (address, req) => {
    const entry = entryFor(address);
    const res = await call(
      entry.client,
      "ExportFragment",
      { key: keyRefToProto(req), epoch: req.epoch, pending: req.pending },
      { deadlineMs, waitForReady: true },
    );
    if (!entry.peer)
      throw new UnauthenticatedError(`${address} presented no certified slot identity`);
    return {
      sealed: res.sealed_fragment,
      senderIdentityPublicKey: res.sender_identity_public_key,
      key: keyPublicFromProto(res.key),
      peer: entry.peer,
    };
  };

  return {
    fetch,
    close(): void {
      for (const { client } of peers.values()) client.close();
      peers.clear();
    },
  };
}
