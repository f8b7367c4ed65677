import {
  ensureLocalState,
  type LocalClusterOptions,
  localTopology,
  type ProcessSpec,
} from "@keyfrag/local-cluster";
import { reservePort } from "@keyfrag/test-support";
import { type ClusterEnv, createClusterEnv } from "./cluster-env.js";
import { ServiceProcess, serviceScript } from "./process.js";

/** What a test chooses of the topology; the rest comes from its environment. */
export type TestTopologyOptions = Omit<
  LocalClusterOptions,
  "home" | "redisUrl" | "natsUrl" | "cluster" | "host" | "gatewayPort" | "restPort" | "portOf"
>;

/**
 * The processes of a test cluster: `localTopology()`, the one description `pnpm start`, the
 * compose file and the Helm chart follow, on `env` — its folder as the state folder, a free port
 * for every listener, the test Redis under the run's prefix, the test NATS without per-service
 * users (unless `natsUsers`), and no customer fragment unless a `customerSlot` is given.
 */
export async function testTopology(
  env: ClusterEnv,
  options: TestTopologyOptions = {},
): Promise<ProcessSpec[]> {
  const o: LocalClusterOptions = {
    home: env.dir,
    redisUrl: env.redis.url,
    natsUrl: env.nats.url,
    cluster: env.clusterName,
    host: "127.0.0.1",
    redisPrefix: (service) => env.redis.key(service),
    natsUsers: false,
    customerSlot: false,
    ...options,
  };
  // Which listeners there are, from a first pass that records them; then a free port each.
  const listeners = new Set<string>();
  localTopology({
    ...o,
    portOf: (listener) => {
      listeners.add(listener);
      return 0;
    },
  });
  // Each port stays reserved (listened on by this process) until its process starts: another
  // test process picking ports meanwhile is not handed one of them.
  const reserved = new Map<string, Awaited<ReturnType<typeof reservePort>>>();
  for (const listener of listeners) reserved.set(listener, await reservePort());
  const specs = localTopology({
    ...o,
    portOf: (listener) => {
      const port = reserved.get(listener)?.port;
      if (port === undefined) throw new Error(`no port picked for ${listener}`);
      return port;
    },
  });
  for (const spec of specs) {
    // Its gRPC listener, its others (`<name>:rest`…) and a gateway's customer fragment.
    const own = (listener: string) =>
      listener === spec.name ||
      listener.startsWith(`${spec.name}:`) ||
      listener === spec.customer?.name;
    reservations.set(spec, () => {
      for (const [listener, r] of reserved) {
        if (!own(listener)) continue;
        r.release();
        reserved.delete(listener);
      }
    });
  }
  return specs;
}

/** How to give up the reserved ports of a spec made by `testTopology`. */
const reservations = new WeakMap<ProcessSpec, () => void>();

/**
 * Gives up the ports `testTopology` reserved for `spec`'s listeners, so that its process can
 * bind them (done by `specProcesses` right before a start); again: nothing.
 */
export function releasePorts(spec: ProcessSpec): void {
  reservations.get(spec)?.();
}

/**
 * `testTopology` on `env`, or on a new environment (folder name `prefix`) the caller then owns
 * (`owned`: to dispose with what it starts); a new environment is disposed again on failure.
 */
export async function topologyOn(
  env: ClusterEnv | undefined,
  prefix: string,
  options: TestTopologyOptions,
): Promise<{ env: ClusterEnv; owned: ClusterEnv | undefined; specs: ProcessSpec[] }> {
  const owned = env ? undefined : await createClusterEnv(prefix);
  const on = env ?? (owned as ClusterEnv);
  try {
    return { env: on, owned, specs: await testTopology(on, options) };
  } catch (err) {
    await owned?.[Symbol.asyncDispose]();
    throw err;
  }
}

/** One process of a test cluster, made from its spec; restartable. */
export interface SpecProcess {
  /** Where it listens (its gRPC listener). */
  readonly address: string;
  readonly process: ServiceProcess;
  /** Starts it with its spec's environment and `extraEnv` over it. */
  start(extraEnv?: Record<string, string>): Promise<void>;
  /** Sends `signal` (default SIGTERM; SIGKILL for a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Makes the state `specs` need (certificates, identity and node keys, slot peers: what is
 * missing, as `pnpm start` does) and a process for each, logging to the state folder's
 * `logs/<name>.log`; `startTimeoutMs` bounds the wait for each one's ready line.
 */
export async function specProcesses(
  env: ClusterEnv,
  specs: readonly ProcessSpec[],
  startTimeoutMs = 20_000,
): Promise<SpecProcess[]> {
  await ensureLocalState(env.dir, specs);
  return specs.map((spec) => {
    const proc = new ServiceProcess(
      spec.name,
      serviceScript(spec.service),
      env.paths.log(spec.name),
    );
    return {
      address: `127.0.0.1:${spec.port}`,
      process: proc,
      start: async (extraEnv = {}) => {
        releasePorts(spec);
        await proc.start({ ...spec.env, ...extraEnv }, startTimeoutMs);
      },
      stop: async (signal = "SIGTERM") => {
        await proc.stop(signal);
      },
    };
  });
}
