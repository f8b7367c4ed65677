import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { NatsConnection } from "@keyfrag/bus";
import { connectBus, publishJson, signHeartbeat, subjects } from "@keyfrag/bus";
import { cryptoDescription, identityPublicKey } from "@keyfrag/crypto";
import {
  createInProcessLink,
  type FragmentManagerHandlers,
  type InProcessLink,
  loadKeyfragProto,
  loadTlsFiles,
  type ServiceRegistration,
  serverCredentials,
  startServer,
  type TlsMaterial,
  trustClusterCa,
} from "@keyfrag/rpc";
import type { Logger } from "pino";
import type { FileBundle } from "./backup/backup-format.js";
import { collectFragmentFiles, type FragmentFilePaths } from "./backup/bundle.js";
import { createStoreGate, gatedStore, type StoreChange } from "./backup/store-gate.js";
import type { FragmentManagerConfig } from "./config.js";
import { guardCustomerFragment, withoutOrders } from "./fragment/customer-guard.js";
import { openFencing } from "./fragment/fencing.js";
import { fragmentManagerHandlers } from "./fragment/fragment-grpc.js";
import { createFragmentService } from "./fragment/fragment-service.js";
import { createFragmentStore } from "./fragment/fragment-store.js";
import { createHeldKeySets } from "./fragment/held-key-sets.js";
import { openNonceStock } from "./fragment/nonce-stock.js";
import { createPeerFetcher } from "./fragment/peer-client.js";
import { readSlotPeers } from "./fragment/slot-peers.js";
import { type CoordinatorLinks, linkToCoordinators } from "./link/coordinator-links.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/**
 * What a node without a port announces as its address: a name that never resolves (RFC 6761
 * `.invalid`), so a peer told to dial it fails at once and asks another replica.
 */
export const NO_PORT_ADDRESS = "no-port.invalid:1";

async function readHexKey(path: string, what: string): Promise<Uint8Array> {
  const text = (await readFile(path, "utf8")).trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text))
    throw new Error(`${what} (${path}) must hold 32 bytes as 64 hex characters`);
  return new Uint8Array(Buffer.from(text, "hex"));
}

/** A running fragment node: where others reach it, and how to stop it. */
export interface FragmentNode {
  readonly nodeId: string;
  readonly slot: number;
  /** host:port others use to reach it ({@link NO_PORT_ADDRESS} when it has no port). */
  readonly address: string;
  /** Whether it listens on a port (`FragmentNodeOptions.listen`). */
  readonly listening: boolean;
  /** Stops serving, heartbeats and timers, and closes its store. */
  stop(): Promise<void>;
  /** See {@link FragmentNodeParts.backupFiles}. */
  backupFiles(): Promise<FileBundle>;
  /** See {@link FragmentNodeParts.callerFor}. */
  callerFor(certificatePem: string | Buffer): InProcessLink;
  /** See {@link FragmentNodeParts.onStoreChange}. */
  onStoreChange(listener: (change: StoreChange) => void): void;
}

export interface FragmentNodeOptions {
  /**
   * A customer fragment (held by a gateway, outside the cluster): its heartbeats say so, and
   * the coordinator keeps its slot out of ordinary keys.
   */
  customer?: boolean;
  /** Names the configuration variables in error messages (e.g. `KF_CUSTOMER_` for a gateway). */
  envPrefix?: string;
  /**
   * A customer fragment: the key pins (`certificateKeyPin`) of the only gateways it evaluates
   * and signs for, the customer's own (see fragment/customer-guard.ts).
   */
  gatewayPins?: readonly string[];
  /**
   * A customer fragment: the coordinators' addresses. The node opens a link to each
   * (link/coordinator-links.ts) and takes their orders (DKG, refresh, discard, HeldKeys…) only
   * there; its port then serves only its gateways and same-slot peers.
   */
  coordinators?: readonly string[];
  /**
   * startFragmentNode only: false runs no server at all (KF_LISTEN unused); the node is then
   * reached only in process (`callerFor`) and over the links it opens. Default true.
   */
  listen?: boolean;
}

/**
 * A fragment node's parts, for a composition root that runs the gRPC server itself (the
 * fragment-manager process, through runService): the FragmentManager service to serve, what to
 * start once the server listens (heartbeats, timers), and what to close after it drained.
 */
export interface FragmentNodeParts {
  readonly nodeId: string;
  readonly slot: number;
  readonly services: ServiceRegistration[];
  /**
   * Starts heartbeats and timers once the server listens on `port` (undefined: no server, the
   * node announces KF_ADVERTISE or {@link NO_PORT_ADDRESS}); resolves with the address.
   */
  start(port: number | undefined): Promise<string>;
  /** Stops heartbeats and timers: first on shutdown, so the node stops announcing itself. */
  quiet(): void;
  /** Stops heartbeats and timers and closes the store (after the server drained). */
  close(): Promise<void>;
  /**
   * The node's files as a backup bundle (libs/fragment-node/src/backup/bundle.ts): its data
   * directory without the nonce stock, its node and identity keys, its certificate and TLS key.
   * Read with no store change in flight, so the fragments are one consistent snapshot. The
   * caller zeroes the buffers.
   */
  backupFiles(): Promise<FileBundle>;
  /**
   * Calls into the FragmentManager service this node serves on its port, in process: the same
   * handlers with every check they make, the caller being whoever `certificatePem` (a cluster
   * certificate) names, as if it had presented it over mTLS. A gateway uses it for its own
   * customer fragment with its own certificate, so the customer guard's pin check still holds.
   */
  callerFor(certificatePem: string | Buffer): InProcessLink;
  /**
   * Adds a listener told after every change of the fragment store is on disk (a key generated,
   * a refresh prepared, committed or aborted, a key erased, an expired previous epoch erased):
   * the gateway's automatic customer backups; `erasedKey` when a key was erased. Must not throw.
   */
  onStoreChange(listener: (change: StoreChange) => void): void;
}

/**
 * Builds a fragment node over TLS material and a NATS connection the caller owns: the fragment
 * store, the FragmentManager service and heartbeats. Fragment managers run one per process; a
 * gateway runs one for its customer slot (see startFragmentNode).
 */
export async function createFragmentNode(
  config: FragmentManagerConfig,
  log: Logger,
  connections: { tls: TlsMaterial; nc: NatsConnection },
  options: FragmentNodeOptions = {},
): Promise<FragmentNodeParts> {
  const { tls, nc } = connections;
  const prefix = options.envPrefix ?? "KF_";
  const privateKey = await readHexKey(config.KF_IDENTITY_KEY_FILE, `${prefix}IDENTITY_KEY_FILE`);
  const identity = { privateKey, publicKey: identityPublicKey(privateKey) };
  const nodeKey = await readHexKey(config.KF_NODE_KEY_FILE, `${prefix}NODE_KEY_FILE`);

  // What is held, by held-key set: heartbeats carry a digest per set, not every key.
  const heldKeys = createHeldKeySets();
  // Every store change runs through the gate, so a backup reads one consistent snapshot.
  const gate = createStoreGate();
  const storeListeners: ((change: StoreChange) => void)[] = [];
  const store = gatedStore(
    await createFragmentStore({
      dir: config.KF_DATA_DIR,
      nodeKey,
      previousGraceMs: config.KF_PREVIOUS_GRACE_MS,
      onChange: (keyIdHex, version) => heldKeys.changed(keyIdHex, version),
    }),
    gate,
    (change) => {
      for (const listener of storeListeners) listener(change);
    },
  );
  await heldKeys.attach(store);
  const nonceStock = await openNonceStock({ dir: config.KF_DATA_DIR, nodeKey });
  nodeKey.fill(0);
  const node = {
    nodeId: config.KF_NODE_ID,
    region: config.KF_REGION,
    zone: config.KF_ZONE,
    slot: config.KF_SLOT,
    identity,
  };
  const peers = createPeerFetcher(tls, node.slot);
  const fencing = await openFencing(config.KF_DATA_DIR);
  const slotPeers = await readSlotPeers(config.KF_SLOT_PEERS_FILE);
  const service = createFragmentService(node, store, {
    caPem: tls.ca,
    fetchFromPeer: peers.fetch,
    slotPeers,
    nonceStock,
  });

  // A customer fragment checks the threshold and its callers itself: it trusts no backend.
  const customerGuarded = (handlers: FragmentManagerHandlers) =>
    options.customer
      ? guardCustomerFragment(handlers, { gatewayPins: options.gatewayPins ?? [], logger: log })
      : handlers;
  const handlers = customerGuarded(
    fragmentManagerHandlers(service, fencing, log, {
      heldKeys,
      corruptEvaluations: config.KF_FAULT_CORRUPT_EVALUATIONS,
    }),
  );
  const linked = options.customer === true && options.coordinators !== undefined;
  const served = linked ? withoutOrders(handlers, log) : handlers;
  const services: ServiceRegistration[] = [
    { definition: loadKeyfragProto().fragmentManager, implementation: served },
  ];
  let links: CoordinatorLinks | undefined;
  const subject = subjects(config.KF_CLUSTER).heartbeat;
  const certificate = new X509Certificate(tls.cert).raw.toString("base64");
  const heartbeatKey = createPrivateKey(tls.key);
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let eraseTimer: NodeJS.Timeout | undefined;

  async function start(port: number | undefined): Promise<string> {
    const advertise =
      config.KF_ADVERTISE ??
      (port === undefined ? NO_PORT_ADDRESS : `${config.KF_LISTEN.replace(/:\d+$/, "")}:${port}`);
    const heartbeat = async () => {
      try {
        // Signed with this node's certificate key: consumers trust nothing else NATS carries.
        const signed = signHeartbeat(
          {
            nodeId: node.nodeId,
            region: node.region,
            zone: node.zone,
            slot: node.slot,
            address: advertise,
            identityPublicKey: hex(identity.publicKey),
            certificate,
            keySets: heldKeys.summary(),
            ...(options.customer ? { customer: true } : {}),
            sentAt: Date.now(),
          },
          heartbeatKey,
        );
        publishJson(nc, subject, signed);
      } catch (err) {
        log.warn({ err }, "heartbeat not sent");
      }
    };
    await heartbeat();
    heartbeatTimer = setInterval(() => void heartbeat(), config.KF_HEARTBEAT_MS);
    if (linked && options.coordinators) {
      links = linkToCoordinators({
        addresses: options.coordinators,
        tls,
        handlers,
        log: log.child({ component: "customer-link" }),
      });
    }
    eraseTimer = setInterval(() => {
      service.sweep();
      nonceStock
        .sweep()
        .catch((err: unknown) => log.warn({ err }, "erasing expired nonces failed"));
      store
        .erasePreviousOlderThan()
        .catch((err: unknown) => log.warn({ err }, "erasing expired epochs failed"));
    }, 5_000);
    log.info(
      {
        address: advertise,
        slot: node.slot,
        region: node.region,
        zone: node.zone,
        customer: options.customer === true,
        // Replicas (besides this one) that may pull this node's fragments.
        pinnedPeers: slotPeers.filter((k) => hex(k) !== hex(identity.publicKey)).length,
        crypto: cryptoDescription(),
      },
      "fragment manager serving",
    );
    return advertise;
  }

  const quiet = () => {
    clearInterval(heartbeatTimer);
    clearInterval(eraseTimer);
    links?.close();
    links = undefined;
  };
  const filePaths: FragmentFilePaths = {
    dataDir: config.KF_DATA_DIR,
    nodeKeyFile: config.KF_NODE_KEY_FILE,
    identityKeyFile: config.KF_IDENTITY_KEY_FILE,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  };
  const fileVariables: Record<keyof FragmentFilePaths, string> = {
    dataDir: "DATA_DIR",
    nodeKeyFile: "NODE_KEY_FILE",
    identityKeyFile: "IDENTITY_KEY_FILE",
    certFile: "TLS_CERT",
    keyFile: "TLS_KEY",
  };
  let closed: Promise<void> | undefined;
  const callers = new Set<InProcessLink>();
  const callerFor = (certificatePem: string | Buffer): InProcessLink => {
    const certificate = new X509Certificate(certificatePem);
    // The callers the handlers accept are the cluster CA's, as the port's credentials say.
    trustClusterCa(tls.ca);
    const link = createInProcessLink({
      definition: loadKeyfragProto().fragmentManager,
      // Exactly what the port serves: no check skipped.
      handlers: served,
      servicePath: "/keyfrag.v1.FragmentManager",
      // What grpc-js reports for an mTLS caller presenting this certificate.
      peer: { transportSecurityType: "ssl", sslPeerCertificate: certificate.toLegacyObject() },
      peerAddress: "in-process",
      name: `in-process link to ${node.nodeId}`,
      logger: log,
    });
    callers.add(link);
    return link;
  };
  return {
    nodeId: node.nodeId,
    slot: node.slot,
    services,
    callerFor,
    onStoreChange: (listener: (change: StoreChange) => void) => {
      storeListeners.push(listener);
    },
    start,
    quiet,
    backupFiles: () =>
      gate.snapshot(() =>
        collectFragmentFiles(filePaths, (field) => `${prefix}${fileVariables[field]}`),
      ),
    close: () => {
      closed ??= (async () => {
        quiet();
        for (const link of callers) link.close("the fragment node stopped");
        callers.clear();
        peers.close();
        service.close();
        await nonceStock.close();
        store.close();
      })();
      return closed;
    },
  };
}

/**
 * Starts a fragment node with a server and a NATS connection of its own: what a gateway runs for
 * its customer slot, beside its own listener.
 */
export async function startFragmentNode(
  config: FragmentManagerConfig,
  log: Logger,
  options: FragmentNodeOptions = {},
): Promise<FragmentNode> {
  const tls = await loadTlsFiles({
    caFile: config.KF_TLS_CA,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  });
  const nc = await connectBus(config.KF_NATS_URL, `fragment-manager:${config.KF_NODE_ID}`, config);
  const parts = await createFragmentNode(config, log, { tls, nc }, options);
  const listening = options.listen !== false;
  const server = listening
    ? await startServer({
        address: config.KF_LISTEN,
        credentials: serverCredentials(tls),
        services: parts.services,
        logger: log,
      })
    : undefined;
  const address = await parts.start(server?.port);

  let stopped: Promise<void> | undefined;
  return {
    nodeId: parts.nodeId,
    slot: parts.slot,
    address,
    listening,
    backupFiles: parts.backupFiles,
    callerFor: parts.callerFor,
    onStoreChange: parts.onStoreChange,
    stop: () => {
      stopped ??= (async () => {
        parts.quiet();
        await server?.shutdown(5_000);
        await nc.drain().catch(() => undefined);
        await parts.close();
      })();
      return stopped;
    },
  };
}
