/**
 * `pnpm start`: checks Redis and NATS, makes the state folder, starts every service as a child
 * process in order, waits for each to be ready, and stops them all (in reverse) on request.
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import { type Child, startChild } from "./child.js";
import { ensureLocalState } from "./local-state.js";
import { type Supervisor, superviseChildren } from "./supervisor.js";
import {
  type LocalClusterOptions,
  localPaths,
  localTopology,
  type ProcessSpec,
} from "./topology.js";

/** The repository this package lives in (libs/local-cluster/{src,dist} → root). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export const serviceScript = (service: string) =>
  join(REPO_ROOT, "services", service, "dist", "main.js");

/** Thrown for a problem the user can fix; the launcher prints only its message. */
export class LaunchError extends Error {}

/** Redis and NATS must answer before anything starts; otherwise say how to start them. */
export async function checkDependencies(o: Pick<LocalClusterOptions, "redisUrl" | "natsUrl">) {
  const redis = new Redis(o.redisUrl, {
    lazyConnect: true,
    connectTimeout: 2_000,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new LaunchError(
      `Redis does not answer at ${o.redisUrl}. Start one, e.g.\n` +
        "  redis-server --daemonize yes --port 6379\n" +
        "or set REDIS_URL to yours.",
    );
  } finally {
    redis.disconnect();
  }
  try {
    const nc = await connect({ servers: o.natsUrl, timeout: 2_000, maxReconnectAttempts: 0 });
    try {
      await jetstreamManager(nc); // fails when the server runs without JetStream
    } finally {
      await nc.close();
    }
  } catch {
    throw new LaunchError(
      `NATS with JetStream does not answer at ${o.natsUrl}. Start one, e.g.\n` +
        "  nats-server -js -sd /tmp/nats\n" +
        "or set NATS_URL to yours.",
    );
  }
}

/** `--fresh`: forgets the state folder, the cluster's Redis keys and its audit stream. */
export async function forgetState(o: LocalClusterOptions): Promise<void> {
  await rm(o.home, { recursive: true, force: true });
  const redis = new Redis(o.redisUrl);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${o.cluster}:*`, "COUNT", 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  const nc = await connect({ servers: o.natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`${o.cluster}_audit`).catch(() => false);
  } finally {
    await nc.close();
  }
}

export interface RunningCluster {
  readonly specs: readonly ProcessSpec[];
  readonly children: readonly Child[];
  /** Stops every process, the last started first. */
  stop(): Promise<void>;
  /** From now until `stop`, restarts any process that exits on its own (with backoff). */
  supervise(say: (line: string) => void): void;
}

/** Starts the cluster; on any failure stops what it started and rethrows. */
export async function startLocalCluster(
  o: LocalClusterOptions,
  progress: (line: string) => void = () => {},
): Promise<RunningCluster> {
  const specs = localTopology(o);
  for (const service of new Set(specs.map((s) => s.service))) {
    if (!existsSync(serviceScript(service))) {
      throw new LaunchError(`${serviceScript(service)} is missing: run \`pnpm build\` first`);
    }
  }
  const made = await ensureLocalState(o.home, specs);
  if (made.length > 0)
    progress(`made ${made.length} new files under ${o.home} (CA, keys, certificates)`);
  const paths = localPaths(o.home);
  const children: Child[] = [];
  let supervisor: Supervisor | undefined;
  const stop = async () => {
    supervisor?.stop();
    for (const child of [...children].reverse()) await child.stop();
  };
  try {
    // Fragment managers together, then the rest in dependency order.
    const fragmentManagers = specs.filter((s) => s.service === "fragment-manager");
    progress(`starting ${fragmentManagers.length} fragment managers`);
    children.push(
      ...(await Promise.all(
        fragmentManagers.map((s) =>
          startChild(s.name, serviceScript(s.service), s.env, paths.log(s.name)),
        ),
      )),
    );
    for (const s of specs.filter((s) => s.service !== "fragment-manager")) {
      progress(`starting ${s.name}`);
      children.push(await startChild(s.name, serviceScript(s.service), s.env, paths.log(s.name)));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const supervise = (say: (line: string) => void) => {
    supervisor ??= superviseChildren({
      children,
      say,
      logFile: paths.log,
      start: (name) => {
        const s = specs.find((spec) => spec.name === name);
        if (!s) throw new Error(`no process named ${name}`);
        return startChild(s.name, serviceScript(s.service), s.env, paths.log(s.name));
      },
    });
  };
  return { specs, children, stop, supervise };
}

/** The admin credentials the auth bootstrap wrote (waits for them on a first start). */
export async function readAdminCredentials(
  home: string,
  timeoutMs = 30_000,
): Promise<{ accessId: string; accessKey: string }> {
  const file = localPaths(home).adminCredentials;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const parsed = JSON.parse(await readFile(file, "utf8")) as {
        access_id?: string;
        access_key?: string;
      };
      if (parsed.access_id && parsed.access_key) {
        return { accessId: parsed.access_id, accessKey: parsed.access_key };
      }
    } catch {
      // Not written yet (or being written).
    }
    if (Date.now() > deadline) {
      throw new LaunchError(
        `no admin credentials in ${file} after ${timeoutMs / 1000} s (see ${localPaths(home).log("auth-1")})`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
