/**
 * The coordinator's end of the customer links (proto/keyfrag/v1/link.proto): a gateway's
 * customer fragment, in the customer's network, opens a `CustomerLink.Attach` stream to every
 * coordinator, and every FragmentManager call the coordinator makes of that node goes down it
 * (libs/rpc call-link.ts). The coordinator never opens a connection to a gateway.
 *
 * Who may attach is checked exactly as a dialed node would be, from the stream's client
 * certificate, which the TLS handshake verified against the cluster CA: role
 * `fragment-manager`, a certified slot and identity key (`requireSlotPeer`), and a slot this
 * coordinator's KF_CUSTOMER_SLOTS names. A call for a node goes only to a link whose
 * certificate certifies that node's id, slot and identity key (the ones its signed heartbeats
 * carry); without one the call fails UNAVAILABLE.
 */
import {
  type AcceptedLink,
  acceptLink,
  type CustomerLinkHandlers,
  type Logger as ErrorLogger,
  type LinkServerStream,
  loadKeyfragProto,
  PermissionDeniedError,
  requireSlotPeer,
  type SlotIdentity,
  toGrpcStatus,
  UnavailableError,
} from "@keyfrag/rpc";
import type { NodeView } from "../topology/topology.js";

/** Which customer nodes are linked to this coordinator, and calls to them. */
export interface CustomerLinks {
  /** The `CustomerLink.Attach` handler. */
  readonly attach: CustomerLinkHandlers["Attach"];
  /** Calls `method` of `node`'s FragmentManager over its link; UNAVAILABLE without one. */
  call(node: NodeView, method: string, request: unknown, deadlineMs: number): Promise<unknown>;
  /** Whether `node` has a link here whose certificate certifies it. */
  linked(node: NodeView): boolean;
  /** Node ids with a link, for status and tests. */
  nodes(): string[];
  /** Ends every link (shutdown). */
  close(): void;
}

interface Link {
  readonly identity: SlotIdentity;
  readonly caller: AcceptedLink;
}

/** What the links log: pino's logger fits. */
interface Logger extends ErrorLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Creates the coordinator's customer links (see the file comment). */
export function createCustomerLinks(options: {
  /** KF_CUSTOMER_SLOTS: the only slots whose nodes may attach. */
  customerSlots: Iterable<number>;
  log: Logger;
}): CustomerLinks {
  const customerSlots = new Set(options.customerSlots);
  const definition = loadKeyfragProto().fragmentManager;
  const links = new Map<string, Link>();
  const { log } = options;

  // By node id and identity key: a certificate naming the same node with another identity key
  // gets a link of its own, never the node's calls nor its place. Not proven: possession of the
  // identity key (an X25519 key, it cannot sign; the TLS handshake proves only the TLS key). So a
  // certificate the CA's holder mints with the node's id, slot and identity public key but its
  // own TLS key does take the node's place (security review S5, open; see SECURITY.md).
  const keyOf = (nodeId: string, identityPublicKey: Uint8Array) =>
    `${nodeId}/${hex(identityPublicKey)}`;
  const linkOf = (node: NodeView): Link | undefined => {
    const link = links.get(keyOf(node.nodeId, node.identityPublicKey));
    return link?.identity.slot === node.slot ? link : undefined;
  };

  const attach = (stream: LinkServerStream) => {
    let identity: SlotIdentity;
    try {
      // As for a dialed node: a certificate of the cluster CA certifying a fragment manager's
      // slot and identity key, and the slot one of this coordinator's customer slots.
      identity = requireSlotPeer(stream);
      if (!customerSlots.has(identity.slot)) {
        throw new PermissionDeniedError(
          `slot ${identity.slot} is not a customer slot of this coordinator (KF_CUSTOMER_SLOTS): only a gateway's customer fragment may attach`,
        );
      }
    } catch (err) {
      const { code, details } = toGrpcStatus(err, {
        requestId: "customer-link",
        logger: log,
        context: { method: stream.getPath() },
      });
      log.warn({ peer: stream.getPeer(), reason: details }, "customer link refused");
      stream.emit("error", { code, details });
      return;
    }
    const key = keyOf(identity.nodeId, identity.identityPublicKey);
    const link: Link = {
      identity,
      caller: acceptLink(stream, {
        definition,
        name: `customer link to ${identity.nodeId}`,
        logger: log,
        onClosed: (reason) => {
          if (links.get(key) === link) links.delete(key);
          log.info({ node: identity.nodeId, reason }, "customer link down");
        },
      }),
    };
    const previous = links.get(key);
    links.set(key, link);
    // A reconnecting node's old stream may not have ended on this side yet.
    previous?.caller.end("replaced by a newer link from the same node");
    log.info(
      { node: identity.nodeId, slot: identity.slot, peer: stream.getPeer() },
      "customer link up",
    );
  };

  return {
    attach,
    call(node, method, request, deadlineMs) {
      const link = linkOf(node);
      if (!link) {
        return Promise.reject(
          new UnavailableError(
            `customer fragment ${node.nodeId} (slot ${node.slot}) has no link to this coordinator: its gateway must open one (the coordinator never dials a gateway)`,
          ),
        );
      }
      return link.caller.call(method, request, { deadlineMs });
    },
    linked: (node) => linkOf(node) !== undefined,
    nodes: () => [...links.values()].map((l) => l.identity.nodeId),
    close() {
      for (const link of [...links.values()]) link.caller.end("the coordinator is shutting down");
      links.clear();
    },
  };
}
