/**
 * The image's commands, chosen by the first argument: a service name runs that service; the
 * others are the probes and one-shot steps docker-compose and Kubernetes run from the same
 * image. Each command's module is imported only when it runs, so a health probe does not pay
 * for loading the PKI code, nor a service for any of it.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServiceName } from "@keyfrag/local-cluster";
import { UsageError } from "./args.js";

/** The repository root, which the image keeps as /app (libs/container/{src,dist} → root). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Every service the image runs, by the name its first argument gives. */
export const SERVICES = [
  "fragment-manager",
  "coordinator",
  "policy",
  "audit",
  "auth",
  "secrets",
  "gateway",
  "producers",
] as const satisfies readonly ServiceName[];

/** Where a service's compiled entry point lives. */
export function serviceEntry(service: ServiceName): string {
  return join(REPO_ROOT, "services", service, "dist", "main.js");
}

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export const USAGE = `usage: <image> COMMAND [ARGS]

Services (configured by KF_* variables; SIGTERM stops them gracefully):
  ${SERVICES.join(" | ")}

Probes and one-shot steps:
  healthcheck [HOST:PORT]   grpc.health.v1 Check over mTLS (KF_TLS_CA/CERT/KEY; default
                            address KF_LISTEN); exit 0 when SERVING, 1 otherwise
  pki --home DIR --topology compose [--owner UID:GID] [--distribute DIR]
                            the compose cluster's CA, certificates and keys (idempotent);
                            --distribute copies each process's own files to DIR/<process>
  pki-ca --out-dir DIR [--force]
                            a cluster CA, to bring to Kubernetes as a Secret
  issue-cert --ca-cert FILE --ca-key FILE --out-dir DIR --role ROLE --name NAME
             [--host HOST]... [--slot N --identity-key FILE --node-key FILE]
                            a node certificate (init containers); keeps existing keys
  issue-secrets --plan FILE --ca-cert FILE --ca-key FILE --namespace NS
                            the Helm chart's PKI Job: each node's keys and certificate in a
                            Secret of its own, each slot's pinned replica keys in a ConfigMap
  wait-bootstrap --gateway HOST:PORT --credentials-file FILE [--timeout SECONDS]
             [--ca-file FILE] [--compose CMD] [--exec-service NAME]
                            waits for the gateway and the bootstrap admin, then says how to log in
  cli ARGS...               the keyfrag CLI (also on the PATH as \`keyfrag\`)
`;

/**
 * Runs one command. Resolves with the exit code, or with "running" once a service started:
 * the service then owns the process (its signal handlers decide when and how it exits).
 */
export async function runCommand(
  argv: readonly string[],
  io: CommandIo,
): Promise<number | "running"> {
  const [command, ...rest] = argv;
  try {
    if ((SERVICES as readonly string[]).includes(command ?? "")) {
      return await runService(command as ServiceName, rest);
    }
    switch (command) {
      case "healthcheck":
        return await (await import("./healthcheck.js")).healthcheckCommand(rest, io.env, io.stderr);
      case "pki":
        return await (await import("./pki.js")).pkiCommand(rest, io.stdout);
      case "pki-ca":
        return await (await import("./pki.js")).pkiCaCommand(rest, io.stdout);
      case "issue-cert":
        return await (await import("./issue-cert.js")).issueCertCommand(rest, io.stdout);
      case "issue-secrets":
        return await (await import("./issue-secrets.js")).issueSecretsCommand(rest, io.stdout);
      case "wait-bootstrap":
        return await (await import("./wait-bootstrap.js")).waitBootstrapCommand(
          rest,
          io.env,
          io.stdout,
        );
      case "cli":
        return await runCli(rest, io);
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(USAGE);
        return 0;
      default:
        throw new UsageError(
          command === undefined ? "no command given" : `unknown command ${JSON.stringify(command)}`,
        );
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`keyfrag: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    // Messages only: these commands handle keys, and a stack trace adds nothing for an operator.
    io.stderr.write(`keyfrag ${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/**
 * Runs a service in this very process (no child): under tini, SIGTERM goes straight to the
 * service's own shutdown handler, and its exit code is the container's.
 */
async function runService(service: ServiceName, rest: readonly string[]): Promise<"running"> {
  if (rest.length > 0) {
    throw new UsageError(`${service} takes no arguments: it is configured by KF_* variables`);
  }
  const entry = serviceEntry(service);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (pnpm build)`);
  // As if started as `node services/<name>/dist/main.js`.
  process.argv = [process.argv[0] ?? process.execPath, entry];
  await import(pathToFileURL(entry).href);
  return "running";
}

/** What this package uses of @keyfrag/cli (loaded from the image's tree, not a dependency). */
interface CliModule {
  runCli(
    argv: readonly string[],
    io: {
      stdout: NodeJS.WritableStream;
      stderr: NodeJS.WritableStream;
      stdin: AsyncIterable<string | Uint8Array>;
      env: NodeJS.ProcessEnv;
    },
  ): Promise<number>;
}

async function runCli(rest: readonly string[], io: CommandIo): Promise<number> {
  const entry = join(REPO_ROOT, "libs", "cli", "dist", "index.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (pnpm build)`);
  // As the `keyfrag` executable does: a gateway dialled by IP makes Node warn (DEP0123) about
  // the TLS server name, which a CLI user can do nothing about.
  process.noDeprecation = true;
  const cli = (await import(pathToFileURL(entry).href)) as CliModule;
  return cli.runCli(rest, {
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin as AsyncIterable<string | Uint8Array>,
    env: io.env,
  });
}
