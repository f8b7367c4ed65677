import type { ChannelCredentials } from "@grpc/grpc-js";
import {
  coordinatorKeySource,
  createDfcClient,
  type DfcClient,
  grpcReplicaPort,
} from "@keyfrag/dfc-client";
import { LOCAL_PLACEMENT, type Place, type ProcessSpec } from "@keyfrag/local-cluster";
import {
  type CoordinatorClient,
  call,
  clientCredentials,
  createCoordinatorClient,
  createFragmentManagerClient,
  type FragmentManagerClient,
  type NodeRole,
  type TlsMaterial,
} from "@keyfrag/rpc";
import type { TestNats, TestRedis } from "@keyfrag/test-support";
import type { ClusterEnv } from "./cluster-env.js";
import { requireBuilt } from "./process.js";
import { releasePorts, type SpecProcess, specProcesses, topologyOn } from "./topology.js";

/** Where each replica of a slot lives, as in the local cluster: primary, another AZ, another region. */
export const DEFAULT_PLACEMENT = LOCAL_PLACEMENT;

export interface ClusterOptions extends TestTimings {
  /** Share a CA, Redis, NATS and audit key with other processes (default: a new one). */
  env?: ClusterEnv;
  slots?: number;
  placement?: readonly Place[];
  coordinators?: number;
  /** Extra environment for one fragment manager (e.g. fault injection). */
  fragmentManagerEnv?: (nodeId: string) => Record<string, string>;
  coordinatorEnv?: Record<string, string>;
}

/** The fragment cluster's timings, short for tests (the defaults in parentheses). */
export interface TestTimings {
  /** Fragment managers' heartbeats (300 ms). */
  heartbeatMs?: number;
  /** A node unheard of for this long is unhealthy at the coordinators (1.5 s). */
  staleAfterMs?: number;
  /** The coordinators' repair pass (500 ms). */
  repairIntervalMs?: number;
  /** How long fragment managers keep a refreshed fragment's previous epoch (60 s). */
  previousGraceMs?: number;
}

/** The environment a test cluster adds to a process's spec for `timings`. */
export function testTimingEnv(
  spec: ProcessSpec,
  timings: TestTimings = {},
): Record<string, string> {
  switch (spec.service) {
    case "fragment-manager":
      return {
        KF_HEARTBEAT_MS: String(timings.heartbeatMs ?? 300),
        KF_PREVIOUS_GRACE_MS: String(timings.previousGraceMs ?? 60_000),
      };
    case "coordinator":
      return {
        KF_STALE_AFTER_MS: String(timings.staleAfterMs ?? 1_500),
        KF_LEADER_TTL_MS: "1500",
        KF_REPAIR_INTERVAL_MS: String(timings.repairIntervalMs ?? 500),
      };
    case "gateway":
      return spec.customer ? { KF_CUSTOMER_HEARTBEAT_MS: "300" } : {};
    default:
      return {};
  }
}

/** One fragment-manager node of the cluster. */
export interface FragmentNode extends SpecProcess {
  readonly nodeId: string;
  readonly slot: number;
  readonly region: string;
  readonly zone: string;
  readonly dataDir: string;
  readonly nodeKeyFile: string;
}

/** One coordinator of the cluster. */
export interface CoordinatorNode extends SpecProcess {
  readonly id: string;
}

export interface Cluster extends AsyncDisposable {
  /** The state folder (`localPaths` layout: `paths`). */
  readonly dir: string;
  readonly paths: ClusterEnv["paths"];
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
 * processes (compiled services: run `pnpm build` first; `pnpm test` does), from
 * `localTopology()` with a fresh dev CA, against the test Redis and NATS. Dispose stops
 * everything and removes its state.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  requireBuilt(["fragment-manager", "coordinator"]);
  // A cluster started on a shared environment leaves it to its owner.
  const { env, owned, specs } = await topologyOn(options.env, "keyfrag-cluster-", {
    coordinators: options.coordinators ?? 1,
    ...(options.slots ? { slots: options.slots } : {}),
    ...(options.placement ? { placement: options.placement } : {}),
    extraEnv: (spec) => ({
      ...testTimingEnv(spec, options),
      ...(spec.service === "fragment-manager" ? options.fragmentManagerEnv?.(spec.name) : {}),
      ...(spec.service === "coordinator" ? options.coordinatorEnv : {}),
    }),
  });
  return startFragmentCluster(env, specs, owned);
}

/**
 * Starts the fragment managers of `specs` together, then its coordinators, and waits until the
 * leader sees every fragment manager healthy; dispose stops them (and disposes `owned`).
 */
export async function startFragmentCluster(
  env: ClusterEnv,
  specs: readonly ProcessSpec[],
  owned?: AsyncDisposable,
): Promise<Cluster> {
  const { dir, redis, nats, clusterName } = env;
  const { tls } = env.pki;
  const fragmentSpecs = specs.filter((s) => s.service === "fragment-manager");
  const coordinatorSpecs = specs.filter((s) => s.service === "coordinator");
  const redisPrefix = coordinatorSpecs[0]?.env.KF_REDIS_PREFIX ?? redis.key("coordinator");
  let fragmentProcesses: SpecProcess[];
  let coordinatorProcesses: SpecProcess[];
  let gatewayCredentials: ChannelCredentials;
  try {
    fragmentProcesses = await specProcesses(env, fragmentSpecs);
    coordinatorProcesses = await specProcesses(env, coordinatorSpecs);
    gatewayCredentials = clientCredentials(await tls("gateway"));
  } catch (err) {
    await owned?.[Symbol.asyncDispose]();
    throw err;
  }
  const nodes: FragmentNode[] = fragmentSpecs.map((spec, i) => ({
    ...(fragmentProcesses[i] as SpecProcess),
    nodeId: spec.name,
    slot: spec.slot as number,
    region: spec.env.KF_REGION as string,
    zone: spec.env.KF_ZONE as string,
    dataDir: spec.env.KF_DATA_DIR as string,
    nodeKeyFile: spec.env.KF_NODE_KEY_FILE as string,
  }));
  const coordinators: CoordinatorNode[] = coordinatorProcesses.map((p, i) => ({
    ...p,
    id: (coordinatorSpecs[i] as ProcessSpec).name,
  }));

  const coordinatorClients = coordinators.map((c) =>
    createCoordinatorClient(c.address, gatewayCredentials),
  );
  const fmClients: FragmentManagerClient[] = [];
  const port = grpcReplicaPort(gatewayCredentials);

  const cluster: Cluster = {
    dir,
    paths: env.paths,
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
      // The ports of the topology's processes this cluster did not start.
      for (const spec of specs) releasePorts(spec);
      await owned?.[Symbol.asyncDispose]();
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
