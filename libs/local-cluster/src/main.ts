#!/usr/bin/env node
/**
 * `pnpm start` — the whole keyfrag cluster on this machine. `--fresh` forgets the previous
 * state first. Ctrl-C stops everything.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import {
  checkDependencies,
  forgetState,
  LaunchError,
  type LaunchOptions,
  REPO_ROOT,
  type RunningCluster,
  readAdminCredentials,
  startLocalCluster,
} from "./launcher.js";
import { type PrivateServer, serverPaths } from "./servers.js";
import { localPaths, localTopology } from "./topology.js";

const USAGE = `usage: pnpm start [--fresh]

Starts Redis-backed, NATS-connected keyfrag services on this machine: 9 fragment managers
(region-a/az-1, region-a/az-2, region-b/az-1), two coordinators, auth, policy, audit, secrets,
the gateway and producers (dynamic secrets). State lives in .keyfrag/ and is reused by the next start.
It starts a private redis-server and nats-server (when installed) with their data in
.keyfrag/servers/, stopped with the cluster: redis-server with a password
(.keyfrag/servers/redis.password), nats-server with only the services' users
(.keyfrag/nats/users.conf). An open server (no password) already on the default port is left
alone: the private one runs on another port. REDIS_URL / NATS_URL name a server of yours to use
as it is instead.

  --fresh   forget the previous state (certificates, fragments, Redis keys, audit stream)

Environment: REDIS_URL (redis://127.0.0.1:6379), NATS_URL (nats://127.0.0.1:4222),
KEYFRAG_GATEWAY_PORT (50051), KEYFRAG_LOCAL_HOME (.keyfrag), KEYFRAG_CLUSTER (keyfrag),
KEYFRAG_TOKEN_TTL (15m: how long a login lasts, the admin's included; e.g. 8h).`;

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== "--fresh" && a !== "--help" && a !== "-h");
  if (argv.includes("--help") || argv.includes("-h") || unknown.length > 0) {
    if (unknown.length > 0) console.error(`unknown option: ${unknown.join(" ")}`);
    console.error(USAGE);
    return unknown.length > 0 ? 2 : 0;
  }
  const tokenTtl = process.env.KEYFRAG_TOKEN_TTL;
  const given: LaunchOptions = {
    home: resolve(process.env.KEYFRAG_LOCAL_HOME ?? join(REPO_ROOT, ".keyfrag")),
    redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    natsUrl: process.env.NATS_URL ?? "nats://127.0.0.1:4222",
    cluster: process.env.KEYFRAG_CLUSTER ?? "keyfrag",
    gatewayPort: Number(process.env.KEYFRAG_GATEWAY_PORT ?? 50051),
    restPort: Number(process.env.KEYFRAG_REST_PORT ?? 8081),
    host: "127.0.0.1",
    ...(tokenTtl ? { tokenTtlSeconds: parseTtl("KEYFRAG_TOKEN_TTL", tokenTtl) } : {}),
  };
  const say = (line: string) => console.error(`keyfrag: ${line}`);

  // Ctrl-C at any point stops what has started: the services, then the private servers.
  let cluster: RunningCluster | undefined;
  let servers: PrivateServer[] = [];
  let stopping = false;
  const stopAll = async () => {
    await cluster?.stop();
    for (const server of [...servers].reverse()) await server.stop();
  };
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping every service`);
    await stopAll();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("Ctrl-C"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  const fresh = argv.includes("--fresh");
  if (fresh) {
    say("--fresh: forgetting the previous cluster");
    // The folder goes first: private servers keep their data in it.
    await rm(given.home, { recursive: true, force: true });
  }
  const dependencies = await checkDependencies(given, say, {
    redis: process.env.REDIS_URL === undefined,
    nats: process.env.NATS_URL === undefined,
  });
  servers = dependencies.started;
  // A private redis-server's URL carries its password, and a private server may run on a port
  // of its own: the services and the launcher use the URLs it answers at.
  const options = { ...given, redisUrl: dependencies.redisUrl, natsUrl: dependencies.natsUrl };
  const natsAuth = dependencies.natsAuth;
  let admin: { accessId: string; accessKey: string };
  try {
    if (fresh)
      await forgetState({ ...options, ...(natsAuth ? { natsAuth } : {}) }, { keepHome: true });
    if (stopping) return 0;
    cluster = await startLocalCluster(options, say);
    // A service exits (70) on an uncaught error and expects to be restarted, as compose and
    // Kubernetes would.
    cluster.supervise(say);
    admin = await readAdminCredentials(options.home);
  } catch (err) {
    if (!stopping) await stopAll();
    throw err;
  }

  const gateway = `127.0.0.1:${options.gatewayPort}`;
  const paths = localPaths(options.home);
  const ca = paths.ca;
  const login = await cliLogin(admin, gateway, ca);
  // Relative to where pnpm start runs when inside it (.keyfrag/…), else absolute.
  const show = (p: string) => {
    const rel = relative(process.cwd(), p);
    return rel && !rel.startsWith("..") ? rel : p;
  };
  const jwks = localTopology(options).find((s) => s.service === "producers")?.env.KF_HTTP_LISTEN;
  const own = servers.map((s) => `${s.name} (pid ${s.pid})`).join(" and ");
  const ttl = describeTtl(options.tokenTtlSeconds ?? 900);
  const loginLine = login
    ? `The CLI is logged in as the admin for ${ttl}, until ${login.toLocaleTimeString()}` +
      ` (KEYFRAG_TOKEN_TTL=8h pnpm start for longer). Log in again with\n` +
      `  pnpm keyfrag auth --access-key-file ${show(paths.adminCredentials)}`
    : "Log the CLI in:\n" +
      `  pnpm keyfrag auth --gateway ${gateway} --ca-file ${show(ca)} --access-key-file ${show(paths.adminCredentials)}`;
  // A resumed cluster has the demo secret already: show commands that work on it as it is.
  const tryThese = cluster.resumed
    ? [
        "pnpm keyfrag list-items --path /",
        "pnpm keyfrag get-audit-events --since 1h",
        "pnpm keyfrag cluster-status",
      ]
    : [
        "pnpm keyfrag create-secret --name /demo/db-password --value s3cr3t",
        "pnpm keyfrag get-secret-value --name /demo/db-password",
        "pnpm keyfrag get-audit-events --since 1h",
      ];
  console.log(`
keyfrag is running${cluster.resumed ? " (resumed)" : ""}: ${cluster.children.length} processes, logs in ${show(paths.logs)}/
${own ? `  with a private ${own}, data in ${show(join(options.home, "servers"))}/, stopped with the cluster\n` : ""}${servers.some((s) => s.name === "redis-server") ? `  (its Redis asks for the password in ${show(serverPaths(options.home).redisPassword)})\n` : ""}
  gateway     ${gateway}   (gRPC over TLS; CA certificate ${show(ca)})
  REST        https://127.0.0.1:${options.restPort}   (Akeyless V2 API; docs at /docs, same CA)
  JWKS        http://${jwks}/v1/jwks/producer/<JWT dynamic secret name without its leading />   (e.g. demo/jwt)
  admin       access id  ${admin.accessId}
              access key ${admin.accessKey}
              (kept in ${show(paths.adminCredentials)}, mode 0600)

${loginLine}

Try:
${tryThese.map((c) => `  ${c}`).join("\n")}

Ctrl-C stops everything; \`pnpm start\` again resumes this cluster, \`pnpm start --fresh\` starts over.`);
  await new Promise(() => {}); // until a signal
  return 0;
}

/** A token lifetime: seconds, or a duration such as 90s, 15m, 8h, 1d. */
function parseTtl(name: string, value: string): number {
  const units: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };
  const m = /^(\d+)([smhd]?)$/.exec(value.trim());
  const seconds = m ? Number(m[1]) * (units[m[2] || "s"] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 60 || seconds > 31_536_000) {
    throw new LaunchError(
      `${name} must be a duration from 1m to 365d (e.g. 15m, 8h), not ${JSON.stringify(value)}`,
    );
  }
  return seconds;
}

/** 900 → "15 minutes", 28800 → "8 hours". */
function describeTtl(seconds: number): string {
  const [n, unit] =
    seconds % 86_400 === 0
      ? [seconds / 86_400, "day"]
      : seconds % 3_600 === 0
        ? [seconds / 3_600, "hour"]
        : seconds % 60 === 0
          ? [seconds / 60, "minute"]
          : [seconds, "second"];
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/**
 * Logs the CLI's default profile in as the admin, so the printed commands work as pasted;
 * resolves with the token's expiry, or undefined when the login failed.
 */
async function cliLogin(
  admin: { accessId: string; accessKey: string },
  gateway: string,
  ca: string,
): Promise<Date | undefined> {
  const cli = join(REPO_ROOT, "libs", "cli", "dist", "main.js");
  if (!existsSync(cli)) return undefined;
  // The key goes on stdin, never on a command line (where `ps` shows it).
  const args = [cli, "auth", "--output", "json", "--gateway", gateway, "--ca-file", ca];
  args.push("--access-id", admin.accessId, "--access-key", "-");
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
    child.stdin?.end(admin.accessKey);
    let out = "";
    let err = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.once("exit", (code) => {
      if (code !== 0) console.error(`keyfrag: the CLI could not log in: ${err.trim()}`);
      let expires: Date | undefined;
      try {
        expires = new Date((JSON.parse(out) as { expires_at: string }).expires_at);
      } catch {
        expires = undefined;
      }
      done(code === 0 ? expires : undefined);
    });
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`keyfrag: ${err instanceof LaunchError ? err.message : (err as Error).stack}`);
    process.exit(1);
  },
);
