/**
 * A customer fragment's links to the coordinators (proto/keyfrag/v1/link.proto): the node, in
 * the customer's network, opens one `CustomerLink.Attach` stream to every coordinator and
 * answers down it the FragmentManager calls the coordinator would otherwise dial it for. Only
 * outgoing connections: the coordinators never reach the gateway.
 *
 * Every coordinator, not only the leader: each one fetches what the node holds (HeldKeys) for
 * its own topology, and a newly elected leader finds the link already up, so a failover needs
 * no reconnection. A link that ends (coordinator restarted, network cut, a protocol fault) is
 * opened again after a backoff (200 ms doubling to 5 s, with jitter).
 *
 * The node presents its customer certificate; the server must be a `coordinator` of the
 * cluster CA (`clientCredentialsFor`), checked again from the stream's auth context, and the
 * calls run through the node's own handlers (customer guard, fencing, role checks) with that
 * coordinator as their caller.
 */
import {
  answerLink,
  type CustomerLinkClient,
  clientCredentialsFor,
  createCustomerLinkClient,
  type FragmentManagerHandlers,
  issuedByClusterCa,
  type LinkClientStream,
  type LinkPeer,
  type LinkResponder,
  loadKeyfragProto,
  parseIdentity,
  type TlsMaterial,
} from "@keyfrag/rpc";
import type { Logger } from "pino";

const BACKOFF_INITIAL_MS = 200;
const BACKOFF_MAX_MS = 5_000;

/** The node's links, one per coordinator address. */
export interface CoordinatorLinks {
  /** Coordinator addresses with a link up now. */
  linked(): string[];
  /** Ends every link and stops reconnecting. */
  close(): void;
}

/** Why a stream's server is not a coordinator of the cluster CA; undefined when it is one. */
function notACoordinator(peer: LinkPeer | null): string | undefined {
  const cert = peer?.sslPeerCertificate;
  if (!cert?.raw) return "the server presented no verified certificate";
  if (!issuedByClusterCa(cert.raw)) return "the server's certificate is not of the cluster CA";
  const cn: unknown = cert.subject?.CN;
  const identity = typeof cn === "string" ? parseIdentity(cn) : undefined;
  if (identity?.role !== "coordinator")
    return `the server is not a coordinator (its certificate names ${String(cn)})`;
  return undefined;
}

/** Opens and keeps a link to each of `addresses` (see the file comment). */
export function linkToCoordinators(options: {
  addresses: readonly string[];
  /** The customer node's own TLS material (its customer certificate). */
  tls: TlsMaterial;
  /** The node's FragmentManager handlers, customer guard included. */
  handlers: FragmentManagerHandlers;
  log: Logger;
}): CoordinatorLinks {
  const definition = loadKeyfragProto().fragmentManager;
  const credentials = clientCredentialsFor(options.tls, "coordinator");
  let closed = false;
  const links = options.addresses.map((address) => {
    const log = options.log.child({ coordinator: address });
    const client: CustomerLinkClient = createCustomerLinkClient(address, credentials);
    let stream: LinkClientStream | undefined;
    let responder: LinkResponder | undefined;
    let up = false;
    let failures = 0;
    let timer: NodeJS.Timeout | undefined;

    const open = () => {
      if (closed) return;
      const s = client.Attach();
      stream = s;
      s.on("metadata", () => {
        const peer = s.getAuthContext();
        const fault = notACoordinator(peer);
        if (fault || !peer) {
          log.error({ reason: fault }, "customer link refused: not a coordinator");
          s.cancel();
          return;
        }
        responder = answerLink(s, {
          definition,
          handlers: options.handlers,
          servicePath: "/keyfrag.v1.FragmentManager",
          peer,
          peerAddress: address,
          logger: log,
          onProtocolError: (reason) =>
            log.warn({ reason }, "customer link ended: the coordinator broke the protocol"),
          onOverflow: (reason) =>
            log.warn({ reason }, "customer link ended: the coordinator does not read the replies"),
        });
        up = true;
        failures = 0;
        log.info("customer link up");
      });
      // Ended: every end is reported here once, with the status.
      s.on("status", (status: { code: number; details: string }) => {
        responder?.close();
        responder = undefined;
        if (stream === s) stream = undefined;
        if (up) log.warn({ code: status.code, reason: status.details }, "customer link down");
        else if (failures % 10 === 0)
          log.warn(
            { code: status.code, reason: status.details, attempts: failures + 1 },
            "customer link not established; retrying",
          );
        up = false;
        failures += 1;
        if (closed) return;
        const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.min(failures, 8));
        timer = setTimeout(open, backoff / 2 + Math.random() * (backoff / 2));
      });
      // The status above says why; without a listener an error event would throw.
      s.on("error", () => undefined);
    };
    open();
    return {
      address,
      up: () => up,
      close() {
        clearTimeout(timer);
        responder?.close();
        stream?.cancel();
        client.close();
      },
    };
  });
  options.log.info({ coordinators: options.addresses.length }, "customer links opening");
  return {
    linked: () => links.filter((l) => l.up()).map((l) => l.address),
    close() {
      closed = true;
      for (const link of links) link.close();
    },
  };
}
