import {
  call,
  clientCredentials,
  createFragmentManagerClient,
  dealingFromProto,
  dealingToProto,
  type FragmentManagerClient,
  InternalError,
  keyPublicFromProto,
  keyPublicToProto,
  keyRefToProto,
  participantToProto,
  type RequestOf,
  type ResponseOf,
  round1FromProto,
  round1ToProto,
  round2FromProto,
  round2ToProto,
  suiteToProto,
  type TlsMaterial,
  type UnaryMethodName,
} from "@keyfrag/rpc";
import type { HeldKeySetAnswer } from "../topology/held-key-sync.js";
import type { NodeView } from "../topology/topology.js";
import type { CustomerLinks } from "./customer-links.js";
import type { FragmentPort } from "./fragment-port.js";

type Method = UnaryMethodName<FragmentManagerClient>;
/** One FragmentManager call to one node, however it travels. */
type Invoke = <M extends Method>(
  method: M,
  request: RequestOf<FragmentManagerClient, M>,
) => Promise<ResponseOf<FragmentManagerClient, M>>;

/**
 * gRPC clients of fragment managers, one channel per address, as FragmentPorts. A gateway's
 * customer fragment is never dialed: its calls go over the link its gateway opened
 * (`customerLinks`). Every call has a deadline; every error arrives as a KeyfragError.
 */
export function createFragmentClients(
  tls: TlsMaterial,
  /** The leader's current fencing token, sent with every change (fragment managers refuse older ones). */
  fencingToken: () => number,
  customerLinks: Pick<CustomerLinks, "call">,
  deadlineMs = 10_000,
) {
  const credentials = clientCredentials(tls);
  const clients = new Map<string, FragmentManagerClient>();
  const clientFor = (address: string) => {
    let c = clients.get(address);
    if (!c) {
      c = createFragmentManagerClient(address, credentials);
      clients.set(address, c);
    }
    return c;
  };
  const opts = { deadlineMs };
  const present = <T>(value: T | null | undefined, what: string): T => {
    if (value === null || value === undefined)
      throw new InternalError(`fragment manager answered without ${what}`);
    return value;
  };

  /** How calls reach `node`: its link for a customer fragment, a channel to its address otherwise. */
  const invokerFor = (node: NodeView): Invoke =>
    node.customer
      ? (method, request) =>
          customerLinks.call(node, method, request, deadlineMs) as Promise<
            ResponseOf<FragmentManagerClient, typeof method>
          >
      : (method, request) => call(clientFor(node.address), method, request, opts);

  const port = (node: NodeView): FragmentPort => {
    const invoke = invokerFor(node);
    return {
      async dkgRound1(req) {
        const res = await invoke("DkgRound1", {
          fencing_token: String(fencingToken()),
          session_id: req.sessionId,
          key: keyRefToProto(req),
          suite: suiteToProto(req.suite),
          threshold: req.threshold,
          participants: req.participants.map(participantToProto),
        });
        return round1FromProto(present(res.message, "a round-1 message"));
      },
      async dkgRound2(req) {
        const res = await invoke("DkgRound2", {
          fencing_token: String(fencingToken()),
          session_id: req.sessionId,
          round1: req.round1.map(round1ToProto),
        });
        return res.packages.map(round2FromProto);
      },
      async dkgFinish(req) {
        const res = await invoke("DkgFinish", {
          fencing_token: String(fencingToken()),
          session_id: req.sessionId,
          packages: req.packages.map(round2ToProto),
        });
        return keyPublicFromProto(res.key);
      },
      async refreshDeal(req) {
        const res = await invoke("RefreshDeal", {
          fencing_token: String(fencingToken()),
          session_id: req.sessionId,
          key: keyRefToProto(req),
          epoch: req.epoch,
          participants: req.participants.map(participantToProto),
        });
        return dealingFromProto(present(res.dealing, "a dealing"));
      },
      async refreshPrepare(req) {
        const res = await invoke("RefreshPrepare", {
          fencing_token: String(fencingToken()),
          session_id: req.sessionId,
          key: keyRefToProto(req),
          dealings: req.dealings.map(dealingToProto),
        });
        return keyPublicFromProto(res.key);
      },
      async refreshCommit(req) {
        await invoke("RefreshCommit", {
          fencing_token: String(fencingToken()),
          key: keyRefToProto(req),
          epoch: req.epoch,
          key_digest: req.digest,
        });
      },
      async refreshAbort(req) {
        await invoke("RefreshAbort", {
          fencing_token: String(fencingToken()),
          key: keyRefToProto(req),
          epoch: req.epoch,
        });
      },
      async discardKey(req) {
        await invoke("DiscardKey", {
          fencing_token: String(fencingToken()),
          key: keyRefToProto(req),
        });
      },
      async catchUp(req) {
        await invoke("CatchUp", {
          fencing_token: String(fencingToken()),
          key: keyRefToProto(req),
          public_data: keyPublicToProto(req.key),
          pending: req.pending,
          source_address: req.sourceAddress,
        });
      },
    };
  };

  const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString("hex");

  return {
    port,
    /** What `node` holds in held-key `sets` (checked by the caller against its heartbeat). */
    async heldKeys(node: NodeView, sets: number[]): Promise<HeldKeySetAnswer[]> {
      const res = await invokerFor(node)("HeldKeys", { sets });
      return res.sets.map((s) => ({
        set: s.set,
        keys: s.keys.map((k) => ({
          keyId: hex(k.key?.key_id),
          version: k.key?.version ?? 0,
          epoch: k.epoch,
          digest: hex(k.digest),
          ...(k.pending
            ? { pendingEpoch: k.pending_epoch, pendingDigest: hex(k.pending_digest) }
            : {}),
        })),
      }));
    },
    close(): void {
      for (const c of clients.values()) c.close();
      clients.clear();
    },
  };
}
