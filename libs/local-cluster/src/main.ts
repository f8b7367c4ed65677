#!/usr/bin/env node
/**
 * `pnpm start` — the whole keyfrag cluster on this machine. `--fresh` forgets the previous
 * state first. Ctrl-C stops everything.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import {
  checkDependencies,
  forgetState,
  LaunchError,
  REPO_ROOT,
  readAdminCredentials,
  startLocalCluster,
} from "./launcher.js";
import { type LocalClusterOptions, localPaths, localTopology } from "./topology.js";

const USAGE = `usage: pnpm start [--fresh]

Starts Redis-backed, NATS-connected keyfrag services on this machine: 9 fragment managers
(region-a/az-1, region-a/az-2, region-b/az-1), a coordinator, auth, policy, audit, secrets,
the gateway and producers (dynamic secrets). State lives in .keyfrag/ and is reused by the next start.

  --fresh   forget the previous state (certificates, fragments, Redis keys, audit stream)

Environment: REDIS_URL (redis://127.0.0.1:6379), NATS_URL (nats://127.0.0.1:4222),
KEYFRAG_GATEWAY_PORT (50051), KEYFRAG_LOCAL_HOME (.keyfrag), KEYFRAG_CLUSTER (keyfrag).`;

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== "--fresh" && a !== "--help" && a !== "-h");
  if (argv.includes("--help") || argv.includes("-h") || unknown.length > 0) {
    if (unknown.length > 0) console.error(`unknown option: ${unknown.join(" ")}`);
    console.error(USAGE);
    return unknown.length > 0 ? 2 : 0;
  }
  const options: LocalClusterOptions = {
    home: process.env.KEYFRAG_LOCAL_HOME ?? join(REPO_ROOT, ".keyfrag"),
    redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    natsUrl: process.env.NATS_URL ?? "nats://127.0.0.1:4222",
    cluster: process.env.KEYFRAG_CLUSTER ?? "keyfrag",
    gatewayPort: Number(process.env.KEYFRAG_GATEWAY_PORT ?? 50051),
    host: "127.0.0.1",
  };
  const say = (line: string) => console.error(`keyfrag: ${line}`);

  await checkDependencies(options);
  if (argv.includes("--fresh")) {
    say("--fresh: forgetting the previous cluster");
    await forgetState(options);
  }
  const cluster = await startLocalCluster(options, say);
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping every service`);
    await cluster.stop();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("Ctrl-C"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // A service exits (70) on an uncaught error and expects to be restarted, as compose and
  // Kubernetes would.
  cluster.supervise(say);

  const admin = await readAdminCredentials(options.home);
  const gateway = `127.0.0.1:${options.gatewayPort}`;
  const ca = localPaths(options.home).ca;
  const loggedIn = await cliLogin(admin, gateway, ca);
  const show = (p: string) => relative(process.cwd(), p) || p;
  const jwks = localTopology(options).find((s) => s.service === "producers")?.env.KF_HTTP_LISTEN;
  console.log(`
keyfrag is running: ${cluster.children.length} processes, logs in ${show(localPaths(options.home).logs)}/

  gateway     ${gateway}   (gRPC over TLS; CA certificate ${show(ca)})
  JWKS        http://${jwks}/v1/jwks/producer/<JWT issuer name>   (dynamic JWTs)
  admin       access id  ${admin.accessId}
              access key ${admin.accessKey}
              (kept in ${show(localPaths(options.home).adminCredentials)}, mode 0600)
${loggedIn ? "\nThe CLI is logged in as the admin. Try:" : "\nLog the CLI in, then try:"}
${loggedIn ? "" : `  pnpm keyfrag auth --gateway ${gateway} --ca-file ${show(ca)} --access-id ${admin.accessId} --access-key ${admin.accessKey}\n`}  pnpm keyfrag create-secret --name /demo/db-password --value s3cr3t
  pnpm keyfrag get-secret-value --name /demo/db-password
  pnpm keyfrag get-audit-events --since 1h

Ctrl-C stops everything; \`pnpm start\` again resumes this cluster, \`pnpm start --fresh\` starts over.`);
  await new Promise(() => {}); // until a signal
  return 0;
}

/** Logs the CLI's default profile in as the admin, so the printed commands work as pasted. */
async function cliLogin(
  admin: { accessId: string; accessKey: string },
  gateway: string,
  ca: string,
): Promise<boolean> {
  const cli = join(REPO_ROOT, "libs", "cli", "dist", "main.js");
  if (!existsSync(cli)) return false;
  const args = [cli, "auth", "--gateway", gateway, "--ca-file", ca];
  args.push("--access-id", admin.accessId, "--access-key", admin.accessKey);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr?.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.once("exit", (code) => {
      if (code !== 0) console.error(`keyfrag: the CLI could not log in: ${err.trim()}`);
      resolve(code === 0);
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
