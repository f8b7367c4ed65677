import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateIdentityKeyPair } from "@keyfrag/crypto";
import {
  coordinatorKeySource,
  createDfcClient,
  type DfcClient,
  grpcReplicaPort,
} from "@keyfrag/dfc-client";
import { fragmentNodeName, LOCAL_PLACEMENT } from "@keyfrag/local-cluster";
import {
  type CoordinatorClient,
  call,
  clientCredentials,
  createCoordinatorClient,
  createFragmentManagerClient,
  type FragmentManagerClient,
  type NodeRole,
  slotIdentityUris,
  type TlsMaterial,
} from "@keyfrag/rpc";
import { freePort, type TestNats, type TestRedis } from "@keyfrag/test-support";
import { type ClusterEnv, createClusterEnv } from "./cluster-env.js";
import { requireBuilt, ServiceProcess, serviceScript } from "./process.js";

/** Where each replica of a slot lives, as in the local cluster: primary, another AZ, another region. */
export const DEFAULT_PLACEMENT = LOCAL_PLACEMENT;

export interface ClusterOptions {
  /** Share a CA, Redis, NATS and audit key with other processes (default: a new one). */
  env?: ClusterEnv;
  slots?: number;
  placement?: readonly { region: string; zone: string }[];
  coordinators?: number;
  /** Extra environment for one fragment manager (e.g. fault injection). */
  fragmentManagerEnv?: (nodeId: string) => Record<string, string>;
  coordinatorEnv?: Record<string, string>;
  heartbeatMs?: number;
  staleAfterMs?: number;
  repairIntervalMs?: number;
  previousGraceMs?: number;
}

/** One fragment-manager node of the cluster. */
export interface FragmentNode {
  readonly nodeId: string;
  readonly slot: number;
  readonly region: string;
  readonly zone: string;
  readonly dataDir: string;
  readonly nodeKeyFile: string;
  readonly address: string;
  readonly process: ServiceProcess;
  start(extraEnv?: Record<string, string>): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** One coordinator of the cluster. */
export interface CoordinatorNode {
  readonly id: string;
  readonly address: string;
  readonly process: ServiceProcess;
  start(extraEnv?: Record<string, string>): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface Cluster extends AsyncDisposable {
  readonly dir: string;
  readonly redis: TestRedis;
  readonly nats: TestNats;
  /** Redis namespace of the coordinators. */
  readonly redisPrefix: string;
  /** NATS subject prefix. */
  readonly clusterName: string;
  readonly nodes: readonly FragmentNode[];
  readonly coordinators: readonly CoordinatorNode[];
  /** TLS material of a certificate with `role` (and extra URI SANs), issued by the cluster CA. */
  tls(role: NodeRole, name?: string, uris?: string[]): Promise<TlsMaterial>;
  /** A coordinator client (as a gateway) talking to coordinator `i` (default the first). */
  coordinator(i?: number): CoordinatorClient;
  /** A client of one fragment manager, with a certificate of `role` (default gateway). */
  fragmentManager(nodeId: string, role?: NodeRole): Promise<FragmentManagerClient>;
  /** The dfc-client as the gateway will use it. */
  readonly dfc: DfcClient;
  /** Waits until the leader coordinator sees every running node healthy. */
  waitForTopology(timeoutMs?: number): Promise<void>;
  /** Index of the coordinator that is leader now. */
  leaderIndex(): Promise<number>;
}

/** Polls `cond` until it holds or the time runs out. */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await cond()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts `slots × placement` fragment managers and `coordinators` coordinators as real
 * processes (compiled services: run `pnpm build` first; `pnpm test` does), with a fresh dev CA,
 * against the test Redis and NATS. Dispose stops everything and removes its state.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  requireBuilt(["fragment-manager", "coordinator"]);
  const slots = options.slots ?? 3;
  const placement = options.placement ?? DEFAULT_PLACEMENT;
  const heartbeatMs = options.heartbeatMs ?? 300;
  const staleAfterMs = options.staleAfterMs ?? 1_500;
  // A cluster started on a shared environment leaves it to its owner.
  const ownEnv = options.env ? undefined : await createClusterEnv();
  const env = options.env ?? (ownEnv as ClusterEnv);
  const { dir, redis, nats, clusterName, auditKeyFile } = env;
  const { certFiles, tls } = env.pki;
  const redisPrefix = redis.key("coordinator");
  const common = {
    KF_NATS_URL: nats.url,
    KF_CLUSTER: clusterName,
    KF_LOG_LEVEL: "info",
  };

  const nodes: FragmentNode[] = [];
  for (let slot = 1; slot <= slots; slot++) {
    // Every replica's identity key first: each replica pins its slot's keys (KF_SLOT_PEERS_FILE).
    const identities = placement.map(() => generateIdentityKeyPair());
    const slotPeersFile = join(dir, `slot-${slot}.peers`);
    await writeFile(
      slotPeersFile,
      identities
        .map((k, i) => `${Buffer.from(k.publicKey).toString("hex")} ${fragmentNodeName(slot, i)}\n`)
        .join(""),
    );
    for (const [i, place] of placement.entries()) {
      const nodeId = fragmentNodeName(slot, i);
      const nodeDir = join(dir, nodeId);
      const dataDir = join(nodeDir, "data");
      await mkdir(dataDir, { recursive: true });
      const identityFile = join(nodeDir, "identity.key");
      const identity = identities[i] as (typeof identities)[number];
      const nodeKeyFile = join(nodeDir, "node.key");
      await writeFile(identityFile, Buffer.from(identity.privateKey).toString("hex"), {
        mode: 0o600,
      });
      await writeFile(nodeKeyFile, randomBytes(32).toString("hex"), { mode: 0o600 });
      // The certificate certifies the node's slot and identity key (what peers seal to).
      const f = await certFiles(
        "fragment-manager",
        nodeId,
        slotIdentityUris(slot, identity.publicKey),
      );
      const port = await freePort();
      const proc = new ServiceProcess(
        nodeId,
        serviceScript("fragment-manager"),
        join(nodeDir, "log.jsonl"),
      );
      const env = {
        ...common,
        KF_NODE_ID: nodeId,
        KF_REGION: place.region,
        KF_ZONE: place.zone,
        KF_SLOT: String(slot),
        KF_DATA_DIR: dataDir,
        KF_LISTEN: `127.0.0.1:${port}`,
        KF_TLS_CA: f.ca,
        KF_TLS_CERT: f.cert,
        KF_TLS_KEY: f.key,
        KF_IDENTITY_KEY_FILE: identityFile,
        KF_NODE_KEY_FILE: nodeKeyFile,
        KF_SLOT_PEERS_FILE: slotPeersFile,
        KF_HEARTBEAT_MS: String(heartbeatMs),
        KF_PREVIOUS_GRACE_MS: String(options.previousGraceMs ?? 60_000),
        ...(options.fragmentManagerEnv?.(nodeId) ?? {}),
      };
      nodes.push({
        nodeId,
        slot,
        region: place.region,
        zone: place.zone,
        dataDir,
        nodeKeyFile,
        address: `127.0.0.1:${port}`,
        process: proc,
        start: async (extraEnv = {}) => {
          await proc.start({ ...env, ...extraEnv });
        },
        stop: async (signal = "SIGTERM") => {
          await proc.stop(signal);
        },
      });
    }
  }

  const coordinators: CoordinatorNode[] = [];
  for (let i = 0; i < (options.coordinators ?? 1); i++) {
    const id = `coord-${i + 1}`;
    const f = await certFiles("coordinator", id);
    const port = await freePort();
    const proc = new ServiceProcess(id, serviceScript("coordinator"), join(dir, `${id}.log.jsonl`));
    const env = {
      ...common,
      KF_NODE_ID: id,
      KF_AUDIT_KEY_FILE: auditKeyFile,
      KF_LISTEN: `127.0.0.1:${port}`,
      KF_TLS_CA: f.ca,
      KF_TLS_CERT: f.cert,
      KF_TLS_KEY: f.key,
      KF_REDIS_URL: redis.url,
      KF_REDIS_PREFIX: redisPrefix,
      KF_STALE_AFTER_MS: String(staleAfterMs),
      KF_LEADER_TTL_MS: "1500",
      KF_REPAIR_INTERVAL_MS: String(options.repairIntervalMs ?? 500),
      ...(options.coordinatorEnv ?? {}),
    };
    coordinators.push({
      id,
      address: `127.0.0.1:${port}`,
      process: proc,
      start: async (extraEnv = {}) => {
        await proc.start({ ...env, ...extraEnv });
      },
      stop: async (signal = "SIGTERM") => {
        await proc.stop(signal);
      },
    });
  }

  const gatewayCredentials = clientCredentials(await tls("gateway"));
  const coordinatorClients = coordinators.map((c) =>
    createCoordinatorClient(c.address, gatewayCredentials),
  );
  const fmClients: FragmentManagerClient[] = [];
  const port = grpcReplicaPort(gatewayCredentials);

  const cluster: Cluster = {
    dir,
    redis,
    nats,
    redisPrefix,
    clusterName,
    nodes,
    coordinators,
    tls,
    coordinator: (i = 0) => coordinatorClients[i] as CoordinatorClient,
    async fragmentManager(nodeId, role = "gateway") {
      const node = nodes.find((n) => n.nodeId === nodeId);
      if (!node) throw new Error(`no node ${nodeId}`);
      const c = createFragmentManagerClient(node.address, clientCredentials(await tls(role)));
      fmClients.push(c);
      return c;
    },
    dfc: createDfcClient({
      keys: async (name, fresh, version) => {
        const leader = await cluster.leaderIndex().catch(() => 0);
        return coordinatorKeySource(coordinatorClients[leader] as CoordinatorClient, 0)(
          name,
          fresh,
          version,
        );
      },
      port,
      deadlineMs: 3_000,
      hedgeAfterMs: 500,
    }),
    async leaderIndex() {
      for (const [i, c] of coordinatorClients.entries()) {
        if (!coordinators[i]?.process.running) continue;
        const s = await call(c, "ClusterStatus", {}, { deadlineMs: 1_000 }).catch(() => undefined);
        if (s?.leader) return i;
      }
      throw new Error("no coordinator is leader");
    },
    async waitForTopology(timeoutMs = 20_000) {
      const running = nodes.filter((n) => n.process.running).map((n) => n.nodeId);
      await waitFor(
        async () => {
          const i = await cluster.leaderIndex();
          const s = await call(
            coordinatorClients[i] as CoordinatorClient,
            "ClusterStatus",
            {},
            { deadlineMs: 1_000 },
          );
          const healthy = new Set(s.nodes.filter((n) => n.healthy).map((n) => n.node_id));
          return running.every((id) => healthy.has(id));
        },
        timeoutMs,
        "every running fragment manager to be healthy at the leader",
      );
    },
    async [Symbol.asyncDispose]() {
      await Promise.all(
        [...coordinators, ...nodes].map((p) => p.stop("SIGKILL").catch(() => undefined)),
      );
      for (const c of [...coordinatorClients, ...fmClients]) c.close();
      port.close();
      await ownEnv?.[Symbol.asyncDispose]();
    },
  };

  try {
    await Promise.all(nodes.map((n) => n.start()));
    for (const c of coordinators) await c.start();
    await cluster.waitForTopology();
  } catch (err) {
    await cluster[Symbol.asyncDispose]();
    throw err;
  }
  return cluster;
}
