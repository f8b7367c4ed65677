/**
 * `keyfrag agent`: its flags, its three modes (init, sidecar, exec), signals, /healthz and
 * reloads. Logs are JSON lines on stderr and never hold a secret value or a token.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { constants as osConstants } from "node:os";
import { Command, CommanderError, Option } from "commander";
import { type Logger, pino } from "pino";
import { type Agent, createAgent } from "./agent.js";
import { type AgentConfig, AgentConfigError, parseAgentConfig } from "./agent-config.js";
import { pidToSignal } from "./pid-file.js";
import { createSession } from "./session.js";

/** Where the agent writes usage errors; logs go to the process's stderr as JSON. */
export interface AgentIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env?: Record<string, string | undefined>;
}

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const RELOAD_TIMEOUT_MS = 30_000;
const FORWARDED = ["SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"] as const;

interface Flags {
  config?: string;
  init?: boolean;
  gateway?: string;
  caFile?: string;
  healthz?: string;
  stateFile?: string;
  logLevel: string;
  authMethod?: string;
  accessId?: string;
  tokenFile?: string;
  accessKeyFile?: string;
  certFile?: string;
  keyFile?: string;
  file: string[];
  env: string[];
  mode?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function addOptions(cmd: Command): Command {
  return cmd
    .option("--config <file>", "YAML or JSON configuration (default: $KEYFRAG_AGENT_CONFIG)")
    .option("--gateway <host:port>", "the gateway (overrides the configuration's)")
    .option("--ca-file <path>", "CA certificate of the gateway")
    .option("--healthz <host:port>", "serve GET /healthz there")
    .option("--state-file <path>", "lease hand-over between --init and the sidecar")
    .addOption(
      new Option("--auth-method <method>", "log in with").choices([
        "kubernetes",
        "access-key",
        "certificate",
      ]),
    )
    .option("--access-id <id>", "the auth method's access id")
    .option("--token-file <path>", "service-account token (kubernetes)")
    .option("--access-key-file <path>", "file holding the access key (access-key)")
    .option("--cert-file <path>", "client certificate (certificate)")
    .option("--key-file <path>", "client key (certificate)")
    .option(
      "--file <path=source>",
      "render source (secret:/a/b, dynamic:/a/b) to path",
      collect,
      [],
    )
    .option("--env <NAME=source[#field]>", "exec: put source (or one field) in NAME", collect, [])
    .option("--mode <octal>", "mode of --file files (default 0400)")
    .addOption(
      new Option("--log-level <level>", "log level")
        .choices(["debug", "info", "warn", "error"])
        .default("info"),
    );
}

/** The configuration document with the flags applied over it. */
async function configFrom(
  flags: Flags,
  env: Record<string, string | undefined>,
): Promise<AgentConfig> {
  let text = "{}";
  let origin = "flags";
  if (flags.config) {
    origin = flags.config;
    try {
      text = await readFile(flags.config, "utf8");
    } catch (err) {
      throw new AgentConfigError(
        `cannot read ${flags.config}: ${(err as NodeJS.ErrnoException).code}`,
      );
    }
  } else if (env.KEYFRAG_AGENT_CONFIG) {
    origin = "KEYFRAG_AGENT_CONFIG";
    text = env.KEYFRAG_AGENT_CONFIG;
  }
  return parseAgentConfig(text, origin, (doc) => {
    const d: Record<string, unknown> = { ...doc };
    if (flags.gateway) d.gateway = flags.gateway;
    if (flags.caFile) d.caFile = flags.caFile;
    if (flags.healthz) d.healthz = flags.healthz;
    if (flags.stateFile) d.stateFile = flags.stateFile;
    if (flags.authMethod) {
      d.auth = {
        method: flags.authMethod,
        ...(flags.accessId ? { accessId: flags.accessId } : {}),
        ...(flags.tokenFile ? { tokenFile: flags.tokenFile } : {}),
        ...(flags.accessKeyFile ? { accessKeyFile: flags.accessKeyFile } : {}),
        ...(flags.certFile ? { certFile: flags.certFile } : {}),
        ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
      };
    }
    const pair = (text: string, flag: string) => {
      const i = text.indexOf("=");
      if (i <= 0) throw new AgentConfigError(`${flag} ${text}: expected NAME=source`);
      return [text.slice(0, i), text.slice(i + 1)] as const;
    };
    const files = flags.file.map((f) => {
      const [path, source] = pair(f, "--file");
      return { path, source, ...(flags.mode ? { mode: flags.mode } : {}) };
    });
    const envs = flags.env.map((e) => {
      const [name, spec] = pair(e, "--env");
      const hash = spec.lastIndexOf("#");
      return hash > 0
        ? { name, source: spec.slice(0, hash), template: `{{${spec.slice(hash + 1)}}}` }
        : { name, source: spec };
    });
    if (files.length) d.files = [...((d.files as unknown[]) ?? []), ...files];
    if (envs.length) d.env = [...((d.env as unknown[]) ?? []), ...envs];
    return d;
  });
}

/** Runs `keyfrag agent …` (argv without "agent"); resolves with the exit code. */
export async function runAgent(argv: readonly string[], io: AgentIo): Promise<number> {
  const env = io.env ?? process.env;
  let chosen: { flags: Flags; exec?: string[] } | undefined;
  const program = addOptions(
    new Command("keyfrag agent")
      .description(
        "keep secrets in files up to date (sidecar, VM), fetch them once (--init), or run a command with them in its environment (exec)",
      )
      .option("--init", "fetch once, write the files and exit (an init container)"),
  )
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (t) => io.stdout.write(t),
      writeErr: (t) => io.stderr.write(t),
    })
    .action((opts: Flags) => {
      chosen = { flags: opts };
    });
  addOptions(
    program
      .command("exec")
      .description(
        "run COMMAND with the env values in its environment, supervise it, revoke on exit",
      )
      .argument("<command...>", "the command and its arguments (after --)")
      .passThroughOptions(),
  )
    .exitOverride()
    .action((command: string[], opts: Flags) => {
      chosen = { flags: { ...program.opts<Flags>(), ...opts }, exec: command };
    });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    throw err;
  }
  if (!chosen) return EXIT_USAGE;
  let config: AgentConfig;
  try {
    config = await configFrom(chosen.flags, env);
  } catch (err) {
    if (err instanceof AgentConfigError) {
      io.stderr.write(`error: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  const mode = chosen.exec ? "exec" : chosen.flags.init ? "init" : "sidecar";
  if (mode !== "exec" && config.env.length > 0) {
    io.stderr.write("error: env values are for `keyfrag agent exec` only\n");
    return EXIT_USAGE;
  }
  return runMode(config, mode, chosen.exec ?? [], env, chosen.flags.logLevel);
}

async function runMode(
  config: AgentConfig,
  mode: "init" | "sidecar" | "exec",
  command: string[],
  env: Record<string, string | undefined>,
  level: string,
): Promise<number> {
  const logger = pino(
    { level, base: { service: "keyfrag-agent", mode } },
    pino.destination({ dest: 2, sync: true }),
  );
  using session = createSession({
    gateway: config.gateway ?? env.KEYFRAG_GATEWAY ?? "127.0.0.1:50051",
    caFile: config.caFile ?? env.KEYFRAG_CA_FILE,
    caPem: config.caPem,
    auth: config.auth,
  });
  let child: ChildProcess | undefined;
  let onChildExit: ((code: number) => void) | undefined;
  const launch = () => {
    const childEnv: Record<string, string> = {};
    // The agent's own settings (KEYFRAG_*: its configuration, a key file's path) are not the
    // child's business; the child gets its environment and the configured values, no more.
    for (const [k, v] of Object.entries(env)) {
      if (v !== undefined && !k.startsWith("KEYFRAG_")) childEnv[k] = v;
    }
    Object.assign(childEnv, agent.environment());
    const [file, ...args] = command as [string, ...string[]];
    const c = spawn(file, args, { stdio: "inherit", env: childEnv });
    child = c;
    c.once("exit", (code, signal) => {
      if (c !== child) return; // replaced by a restart
      onChildExit?.(code ?? 128 + signalNumber(signal));
    });
    c.once("error", (err) => {
      logger.error({ err: err.message }, "cannot run the command");
      if (c === child) onChildExit?.(127);
    });
  };
  const reload = async (changed: { files: string[]; env: boolean }) => {
    if (mode === "exec" && changed.env && config.restartOnChange && child) {
      logger.info("environment changed: restarting the command");
      const old = child;
      child = undefined;
      await new Promise<void>((resolve) => {
        old.once("exit", () => resolve());
        if (!old.kill("SIGTERM")) resolve();
      });
      launch();
    }
    const r = config.reload;
    if (!r) return;
    if (r.command) await runReloadCommand(r.command, logger);
    if (r.signal) {
      if (mode === "exec") child?.kill(r.signal);
      else if (r.pidFile) await signalPidFile(r.pidFile, r.signal, logger);
    }
  };
  let agent: Agent;
  try {
    agent = await createAgent({ config, session, logger, onChange: reload });
  } catch (err) {
    logger.error({ err: (err as Error).message }, "bad configuration");
    return EXIT_USAGE;
  }

  const healthz = config.healthz ? await serveHealthz(config.healthz, agent, logger) : undefined;
  try {
    await agent.start({ adopt: mode === "sidecar" });
  } catch (err) {
    logger.error({ err: (err as Error).message }, "could not fetch every secret");
    // A failed start keeps nothing: what was issued before the failure is revoked.
    await agent.stop({ revoke: true });
    healthz?.close();
    return EXIT_FAILURE;
  }
  if (mode === "init") {
    logger.info({ files: config.files.map((f) => f.path) }, "files written; exiting (init)");
    healthz?.close();
    return 0;
  }

  agent.keepUpdated();
  const code = await new Promise<number>((resolve) => {
    const handlers: [NodeJS.Signals, () => void][] = [];
    // Signal handlers do not keep Node running; this does, until a stop.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const done = (exitCode: number) => {
      clearInterval(keepAlive);
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(exitCode);
    };
    const on = (sig: NodeJS.Signals, h: () => void) => {
      handlers.push([sig, h]);
      process.on(sig, h);
    };
    if (mode === "exec") {
      onChildExit = (exitCode) => {
        logger.info({ exitCode }, "command exited");
        done(exitCode);
      };
      launch();
      // The command decides how to stop; the agent revokes once it has exited.
      for (const sig of FORWARDED) on(sig, () => child?.kill(sig));
    } else {
      for (const sig of ["SIGTERM", "SIGINT"] as const) {
        on(sig, () => {
          logger.info({ signal: sig }, "stopping");
          done(0);
        });
      }
    }
    logger.info("agent ready");
  });
  await agent.stop({ revoke: config.revokeOnExit });
  healthz?.close();
  return code;
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? (osConstants.signals[signal] ?? 1) : 1;
}

/** Runs the reload command (no shell), bounded; its output goes to the agent's stderr. */
async function runReloadCommand(command: string[], logger: Logger): Promise<void> {
  const [file, ...args] = command as [string, ...string[]];
  await new Promise<void>((resolve) => {
    const c = spawn(file, args, { stdio: ["ignore", 2, 2], timeout: RELOAD_TIMEOUT_MS });
    c.once("error", (err) => {
      logger.warn({ err: err.message }, "reload command could not start");
      resolve();
    });
    c.once("exit", (code, signal) => {
      if (code === 0) logger.info("reload command ran");
      else logger.warn({ code, signal }, "reload command failed");
      resolve();
    });
  });
}

async function signalPidFile(pidFile: string, signal: NodeJS.Signals, logger: Logger) {
  try {
    const pid = await pidToSignal(pidFile);
    process.kill(pid, signal);
    logger.info({ pid, signal }, "signalled");
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "reload signal not sent");
  }
}

/** GET /healthz: 200 when every source is fetched and nothing is failing, else 503. */
async function serveHealthz(listen: string, agent: Agent, logger: Logger): Promise<Server> {
  const i = listen.lastIndexOf(":");
  const host = listen.slice(0, i) || "127.0.0.1";
  const port = Number(listen.slice(i + 1));
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/healthz") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "not found" }));
      return;
    }
    const h = agent.health();
    res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify(h.ok ? { status: "ok" } : { status: "failing", failing: h.failing }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host.replace(/^\[|\]$/g, ""), () => resolve());
  });
  server.unref();
  logger.info(
    { healthz: `${host}:${(server.address() as AddressInfo).port}` },
    "healthz listening",
  );
  return server;
}
