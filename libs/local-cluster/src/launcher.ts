/**
 * `pnpm start`: checks Redis and NATS, makes the state folder, starts every service as a child
 * process in order, waits for each to be ready, and stops them all (in reverse) on request.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import { type Child, startChild } from "./child.js";
import { ensureLocalState, ensureNatsUsers } from "./local-state.js";
import {
  type ClusterServers,
  ensureServers,
  LaunchError,
  type NatsAuth,
  showUrl,
} from "./servers.js";
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

export { LaunchError };

/**
 * Redis and NATS must answer before anything starts: those at the URLs, or private ones this
 * starts (see servers.ts). Makes the NATS users first, since a private nats-server loads them;
 * the launcher itself connects as the audit service's user, the owner of the audit stream.
 * Returns the servers it started (to stop after the cluster), the Redis URL to use (with a
 * private server's password) and the NATS user to connect as.
 */
export async function checkDependencies(
  o: LocalClusterOptions,
  say?: (line: string) => void,
  /** Which of the URLs are pnpm start's defaults, not the user's (see ensureServers). */
  defaults?: { redis?: boolean; nats?: boolean },
): Promise<ClusterServers> {
  await ensureNatsUsers(o.home, localTopology(o));
  const paths = localPaths(o.home);
  const natsUsers = {
    file: paths.natsUsers,
    user: "audit",
    pass: (await readFile(paths.natsPassword("audit"), "utf8")).trim(),
  };
  return ensureServers({
    ...o,
    natsUsers,
    ...(say ? { say } : {}),
    ...(defaults ? { defaults } : {}),
  });
}

/** The Redis key naming the state folder that owns the cluster's Redis and NATS state. */
const ownerKey = (cluster: string) => `${cluster}:local-home`;

/**
 * Ties the cluster's Redis state to this state folder. The folder keeps a random cluster id
 * (`cluster-id`); Redis keeps the id of the folder that made its state. A second clone, or a
 * deleted `.keyfrag/`, would otherwise meet an earlier cluster's state under the same name: the
 * bootstrap counts as done, no admin credentials are written for the new CA, and the start fails
 * much later with no clear cause. Here it stops at once and says what to do.
 */
export async function claimClusterState(
  o: Pick<LocalClusterOptions, "home" | "redisUrl" | "cluster">,
  /** True when this start made the state folder's CA (a new folder, not an older one). */
  newHome: boolean,
): Promise<void> {
  const idFile = localPaths(o.home).clusterId;
  const ours = existsSync(idFile) ? (await readFile(idFile, "utf8")).trim() : undefined;
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const owner = parseOwner(await redis.get(ownerKey(o.cluster)));
    if (owner && owner.id === ours) return;
    // A folder older than cluster ids, whose state in Redis has no owner yet, adopts it.
    const adopt = !owner && ours === undefined && !newHome;
    if (owner || (!adopt && (await hasKeys(redis, `${o.cluster}:*`)))) {
      throw new LaunchError(foreignStateMessage(o, owner?.home));
    }
    const id = ours ?? randomBytes(16).toString("hex");
    if (!ours) await writeFile(idFile, `${id}\n`, { mode: 0o600 });
    await redis.set(ownerKey(o.cluster), JSON.stringify({ id, home: o.home }));
  } finally {
    redis.disconnect();
  }
}

function parseOwner(text: string | null): { id: string; home: string } | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as { id?: unknown; home?: unknown };
    if (typeof parsed.id === "string") {
      return { id: parsed.id, home: typeof parsed.home === "string" ? parsed.home : "?" };
    }
  } catch {
    // Not ours: treated as another owner.
  }
  return { id: "", home: "?" };
}

async function hasKeys(redis: Redis, pattern: string): Promise<boolean> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    if (keys.length > 0) return true;
    cursor = next;
  } while (cursor !== "0");
  return false;
}

function foreignStateMessage(
  o: Pick<LocalClusterOptions, "home" | "redisUrl" | "cluster">,
  ownerHome: string | undefined,
): string {
  const whose =
    ownerHome && ownerHome !== o.home
      ? `the state folder ${ownerHome} (another clone?)`
      : `a state folder that is gone (was ${o.home} deleted?)`;
  return [
    `Redis at ${showUrl(o.redisUrl)} already holds a keyfrag cluster named "${o.cluster}", made by ${whose}, not by ${o.home}.`,
    "Its admin credentials and fragments are not in this folder, so this cluster could not start on it. Either:",
    `  pnpm start --fresh                     forget that cluster (its Redis keys and audit stream) and start a new one`,
    `  KEYFRAG_CLUSTER=${o.cluster}2 pnpm start   keep it, and run this one beside it under another name`,
    "(if the other cluster is running now, give this one another KEYFRAG_GATEWAY_PORT too)",
  ].join("\n");
}

/**
 * `--fresh`: forgets the state folder, the cluster's Redis keys and its audit stream
 * (`keepHome`: only those two, the folder having been removed before its servers started).
 */
export async function forgetState(
  o: LocalClusterOptions & { natsAuth?: NatsAuth },
  { keepHome = false }: { keepHome?: boolean } = {},
): Promise<void> {
  if (!keepHome) await rm(o.home, { recursive: true, force: true });
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
  const nc = await connect({ servers: o.natsUrl, ...o.natsAuth });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`${o.cluster}_audit`).catch(() => false);
  } finally {
    await nc.close();
  }
}

export interface RunningCluster {
  readonly specs: readonly ProcessSpec[];
  /** False when this start made a new cluster (a new state folder), true when it resumed one. */
  readonly resumed: boolean;
  readonly children: readonly Child[];
  /** Stops every process, the last started first. */
  stop(): Promise<void>;
  /** From now until `stop`, restarts any process that exits on its own (with backoff). */
  supervise(say: (line: string) => void): void;
}

/** What `pnpm start` adds to the topology's options. */
export interface LaunchOptions extends LocalClusterOptions {
  /** Lifetime of tokens of auth methods that set none, the admin's included (default 15 min). */
  tokenTtlSeconds?: number;
}

/** Starts the cluster; on any failure stops what it started and rethrows. */
export async function startLocalCluster(
  o: LaunchOptions,
  progress: (line: string) => void = () => {},
): Promise<RunningCluster> {
  const specs = localTopology(o);
  if (o.tokenTtlSeconds !== undefined) {
    for (const spec of specs.filter((s) => s.service === "auth")) {
      spec.env.KF_TOKEN_DEFAULT_TTL_SECONDS = String(o.tokenTtlSeconds);
      spec.env.KF_TOKEN_MAX_TTL_SECONDS = String(Math.max(86_400, o.tokenTtlSeconds));
    }
  }
  for (const service of new Set(specs.map((s) => s.service))) {
    if (!existsSync(serviceScript(service))) {
      throw new LaunchError(`${serviceScript(service)} is missing: run \`pnpm build\` first`);
    }
  }
  const made = await ensureLocalState(o.home, specs);
  const resumed = !made.includes("dev CA");
  await claimClusterState(o, !resumed);
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
  return { specs, resumed, children, stop, supervise };
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
