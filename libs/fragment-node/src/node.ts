import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { connectBus, publishJson, signHeartbeat, subjects } from "@keyfrag/bus";
import { identityPublicKey } from "@keyfrag/crypto";
import {
  type FragmentManagerHandlers,
  loadKeyfragProto,
  loadTlsFiles,
  serverCredentials,
  startServer,
} from "@keyfrag/rpc";
import type { Logger } from "pino";
import type { FragmentManagerConfig } from "./config.js";
import { guardCustomerFragment } from "./fragment/customer-guard.js";
import { openFencing } from "./fragment/fencing.js";
import { fragmentManagerHandlers } from "./fragment/fragment-grpc.js";
import { createFragmentService } from "./fragment/fragment-service.js";
import { createFragmentStore } from "./fragment/fragment-store.js";
import { openNonceStock } from "./fragment/nonce-stock.js";
import { createPeerFetcher } from "./fragment/peer-client.js";
import { readSlotPeers } from "./fragment/slot-peers.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

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
  /** host:port others use to reach it. */
  readonly address: string;
  /** Stops serving, heartbeats and timers, and closes its store. */
  stop(): Promise<void>;
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
}

/**
 * Starts a fragment node: the fragment store, the FragmentManager gRPC service and heartbeats
 * on NATS. Fragment managers run one per process; a gateway runs one for its customer slot.
 */
export async function startFragmentNode(
  config: FragmentManagerConfig,
  log: Logger,
  options: FragmentNodeOptions = {},
): Promise<FragmentNode> {
  const prefix = options.envPrefix ?? "KF_";
  const privateKey = await readHexKey(config.KF_IDENTITY_KEY_FILE, `${prefix}IDENTITY_KEY_FILE`);
  const identity = { privateKey, publicKey: identityPublicKey(privateKey) };
  const nodeKey = await readHexKey(config.KF_NODE_KEY_FILE, `${prefix}NODE_KEY_FILE`);

  const store = await createFragmentStore({
    dir: config.KF_DATA_DIR,
    nodeKey,
    previousGraceMs: config.KF_PREVIOUS_GRACE_MS,
  });
  const nonceStock = await openNonceStock({ dir: config.KF_DATA_DIR, nodeKey });
  nodeKey.fill(0);
  const node = {
    nodeId: config.KF_NODE_ID,
    region: config.KF_REGION,
    zone: config.KF_ZONE,
    slot: config.KF_SLOT,
    identity,
  };
  const tls = await loadTlsFiles({
    caFile: config.KF_TLS_CA,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  });
  const peers = createPeerFetcher(tls, node.slot);
  const fencing = await openFencing(config.KF_DATA_DIR);
  const slotPeers = await readSlotPeers(config.KF_SLOT_PEERS_FILE);
  const service = createFragmentService(node, store, {
    caPem: tls.ca,
    fetchFromPeer: peers.fetch,
    slotPeers,
    nonceStock,
  });
  const nc = await connectBus(config.KF_NATS_URL, `fragment-manager:${config.KF_NODE_ID}`, config);

  // A customer fragment checks the threshold and its callers itself: it trusts no backend.
  const customerGuarded = (handlers: FragmentManagerHandlers) =>
    options.customer
      ? guardCustomerFragment(handlers, { gatewayPins: options.gatewayPins ?? [], logger: log })
      : handlers;
  const server = await startServer({
    address: config.KF_LISTEN,
    credentials: serverCredentials(tls),
    services: [
      {
        definition: loadKeyfragProto().fragmentManager,
        implementation: customerGuarded(
          fragmentManagerHandlers(service, fencing, log, {
            corruptEvaluations: config.KF_FAULT_CORRUPT_EVALUATIONS,
          }),
        ),
      },
    ],
    logger: log,
  });
  const advertise =
    config.KF_ADVERTISE ?? `${config.KF_LISTEN.replace(/:\d+$/, "")}:${server.port}`;
  const subject = subjects(config.KF_CLUSTER).heartbeat;
  const certificate = new X509Certificate(tls.cert).raw.toString("base64");

  const heartbeat = async () => {
    try {
      const { keys } = await service.status();
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
          keys: keys.map((k) => ({ ...k, keyId: hex(k.keyId) })),
          ...(options.customer ? { customer: true } : {}),
          sentAt: Date.now(),
        },
        tls.key,
      );
      publishJson(nc, subject, signed);
    } catch (err) {
      log.warn({ err }, "heartbeat not sent");
    }
  };
  await heartbeat();
  const heartbeatTimer = setInterval(() => void heartbeat(), config.KF_HEARTBEAT_MS);
  const eraseTimer = setInterval(() => {
    service.sweep();
    nonceStock.sweep().catch((err: unknown) => log.warn({ err }, "erasing expired nonces failed"));
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
    },
    "fragment manager serving",
  );

  let stopped: Promise<void> | undefined;
  return {
    nodeId: node.nodeId,
    slot: node.slot,
    address: advertise,
    stop: () => {
      stopped ??= (async () => {
        clearInterval(heartbeatTimer);
        clearInterval(eraseTimer);
        await server.shutdown(5_000);
        await nc.drain().catch(() => undefined);
        peers.close();
        service.close();
        await nonceStock.close();
        store.close();
      })();
      return stopped;
    },
  };
}
