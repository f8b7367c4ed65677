/**
 * Redis and NATS for `pnpm start`: the ones that answer at REDIS_URL/NATS_URL, or else — when
 * that address is on this machine and `redis-server`/`nats-server` are installed — private ones
 * started with their data under the state folder and stopped with the cluster. When a server is
 * needed and not installed, the error names the one command that installs it here.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Redis } from "ioredis";

/** A problem the user can fix; the launcher prints only its message. */
export class LaunchError extends Error {}

/** A server `pnpm start` started, and stops. */
export interface PrivateServer {
  readonly name: "redis-server" | "nats-server";
  readonly pid: number;
  stop(): Promise<void>;
}

/** The private servers' files under the state folder. */
export function serverPaths(home: string) {
  return {
    redisData: join(home, "servers", "redis"),
    natsData: join(home, "servers", "nats"),
    log: (name: string) => join(home, "logs", `${name}.log`),
  };
}

/** Does Redis answer at `url`? */
export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Does NATS answer at `url`, and with JetStream? */
export async function natsAnswers(url: string): Promise<"jetstream" | "no-jetstream" | false> {
  let nc: Awaited<ReturnType<typeof connect>>;
  try {
    nc = await connect({ servers: url, timeout: 2_000, maxReconnectAttempts: 0 });
  } catch {
    return false;
  }
  try {
    await jetstreamManager(nc); // fails when the server runs without JetStream
    return "jetstream";
  } catch {
    return "no-jetstream";
  } finally {
    await nc.close();
  }
}

/**
 * Where `binary` is: on `path` when given, else on PATH and in /usr/sbin and /sbin (where
 * Debian puts nats-server, outside a user's PATH).
 */
export function findBinary(binary: string, path?: string): string | undefined {
  const dirs =
    path === undefined
      ? [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin"]
      : path.split(delimiter);
  return dirs
    .filter(Boolean)
    .map((dir) => join(dir, binary))
    .find((file) => existsSync(file));
}

/** The one command that installs Redis and NATS on this platform. */
export function installCommand(
  platform: NodeJS.Platform = process.platform,
  osRelease = readOsRelease(),
): string {
  if (platform === "darwin") return "brew install redis nats-server";
  const ids = `${osRelease.ID ?? ""} ${osRelease.ID_LIKE ?? ""}`.split(/\s+/);
  if (ids.some((id) => id === "debian" || id === "ubuntu")) {
    return "sudo apt-get install -y redis-server nats-server";
  }
  if (ids.some((id) => id === "fedora" || id === "rhel" || id === "centos")) {
    return "sudo dnf install -y redis nats-server";
  }
  if (ids.includes("alpine")) return "sudo apk add redis nats-server";
  if (ids.includes("arch")) return "sudo pacman -S redis nats-server";
  return "install Redis (https://redis.io/docs/latest/operate/oss_and_stack/install/) and nats-server (https://docs.nats.io/running-a-nats-service/introduction/installation)";
}

function readOsRelease(): Record<string, string> {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    return Object.fromEntries(
      text
        .split("\n")
        .map((line) => /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1] ?? "", m[3] ?? ""]),
    );
  } catch {
    return {};
  }
}

/** A URL as messages show it: any password replaced by `***`. */
export function showUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(a malformed URL)";
  }
}

/** A URL on this machine, without credentials, that a private server could take over. */
function localPort(url: string, defaultPort: number): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  if (!local || parsed.username || parsed.password) return undefined;
  if (parsed.pathname && parsed.pathname !== "/" && parsed.pathname !== "/0") return undefined;
  return parsed.port ? Number(parsed.port) : defaultPort;
}

interface ServerOptions {
  home: string;
  redisUrl: string;
  natsUrl: string;
  /** Where to look for the binaries (default: PATH, /usr/sbin, /sbin). */
  path?: string;
  say?: (line: string) => void;
}

/**
 * Makes sure Redis and NATS with JetStream answer: uses those at the URLs, or starts private
 * ones; returns what it started (stop them after the cluster). Throws a LaunchError that says
 * what to do when neither is possible.
 */
export async function ensureServers(o: ServerOptions): Promise<PrivateServer[]> {
  const started: PrivateServer[] = [];
  const say = o.say ?? (() => {});
  const redisShown = showUrl(o.redisUrl);
  const natsShown = showUrl(o.natsUrl);
  try {
    if (!(await redisAnswers(o.redisUrl))) {
      const port = localPort(o.redisUrl, 6379);
      const binary = findBinary("redis-server", o.path);
      if (port === undefined) {
        throw new LaunchError(
          `Redis does not answer at ${redisShown}: start it, or set REDIS_URL to one that answers.`,
        );
      }
      if (!binary) throw missing("Redis", "redis-server", redisShown);
      const dir = serverPaths(o.home).redisData;
      say(
        `Redis does not answer at ${redisShown}: starting a private redis-server (data in ${dir})`,
      );
      started.push(await startRedis(binary, port, o.home));
      say(`private redis-server running (pid ${started.at(-1)?.pid})`);
    }
    const nats = await natsAnswers(o.natsUrl);
    if (nats === "no-jetstream") {
      throw new LaunchError(
        `NATS at ${natsShown} runs without JetStream: restart it with -js (e.g. nats-server -js -sd /tmp/nats), or set NATS_URL to one with JetStream.`,
      );
    }
    if (nats === false) {
      const port = localPort(o.natsUrl, 4222);
      const binary = findBinary("nats-server", o.path);
      if (port === undefined) {
        throw new LaunchError(
          `NATS does not answer at ${natsShown}: start it (with JetStream, -js), or set NATS_URL to one that answers.`,
        );
      }
      if (!binary) throw missing("NATS", "nats-server", natsShown);
      const dir = serverPaths(o.home).natsData;
      say(
        `NATS does not answer at ${natsShown}: starting a private nats-server with JetStream (data in ${dir})`,
      );
      started.push(await startNats(binary, port, o.home));
      say(`private nats-server running (pid ${started.at(-1)?.pid})`);
    }
    return started;
  } catch (err) {
    for (const server of started.reverse()) await server.stop();
    throw err;
  }
}

function missing(what: string, binary: string, url: string): LaunchError {
  return new LaunchError(
    `${what} does not answer at ${url} and ${binary} is not installed, so pnpm start cannot start one. Install it:\n` +
      `  ${installCommand()}\n` +
      `then run pnpm start again (it starts a private ${binary} with its data under .keyfrag/), or set ${what === "Redis" ? "REDIS_URL" : "NATS_URL"} to a server of yours.`,
  );
}

async function startRedis(binary: string, port: number, home: string): Promise<PrivateServer> {
  const dir = serverPaths(home).redisData;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const args = ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir];
  args.push("--appendonly", "yes", "--save", "", "--daemonize", "no", "--protected-mode", "yes");
  const url = `redis://127.0.0.1:${port}`;
  return startServer("redis-server", binary, args, home, () => redisAnswers(url));
}

async function startNats(binary: string, port: number, home: string): Promise<PrivateServer> {
  const dir = serverPaths(home).natsData;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const args = ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir];
  const url = `nats://127.0.0.1:${port}`;
  return startServer("nats-server", binary, args, home, async () => {
    return (await natsAnswers(url)) === "jetstream";
  });
}

async function startServer(
  name: PrivateServer["name"],
  binary: string,
  args: string[],
  home: string,
  ready: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<PrivateServer> {
  const logFile = serverPaths(home).log(name);
  await mkdir(join(home, "logs"), { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" });
  // Its own process group: Ctrl-C in the terminal stops the services first, then this server,
  // so no service loses Redis or NATS while it shuts down.
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: PrivateServer = {
    name,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new LaunchError(
        `${name} exited (${child.exitCode ?? child.signalCode}) at start: see ${logFile}`,
      );
    }
    if (await ready()) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new LaunchError(`${name} did not answer after ${timeoutMs / 1000} s: see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
