/**
 * Redis and NATS for `pnpm start`: the ones that answer at REDIS_URL/NATS_URL, or else — when
 * that address is on this machine and `redis-server`/`nats-server` are installed — private ones
 * started with their data under the state folder and stopped with the cluster. When a server is
 * needed and not installed, the error names the one command that installs it here.
 *
 * A private server admits only the cluster: redis-server asks for a random password (kept in
 * `.keyfrag/servers/redis.password`, mode 0600, and handed to the services in their Redis URL),
 * and nats-server loads the per-service users of `.keyfrag/nats/users.conf`, so another user of
 * this machine can neither rewrite the cluster's state nor publish on its subjects.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { delimiter, dirname, join, relative } from "node:path";
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
    /** The private redis-server's password (mode 0600), made once. */
    redisPassword: join(home, "servers", "redis.password"),
    /** The private redis-server's configuration: its password, which `ps` must not show. */
    redisConf: join(home, "servers", "redis.conf"),
    /** The private nats-server's configuration, which includes the per-service users. */
    natsConf: join(home, "servers", "nats.conf"),
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

/** A NATS user and password the launcher connects as. */
export interface NatsAuth {
  user: string;
  pass: string;
}

/** Does NATS answer at `url` (as `auth` when given), and with JetStream? */
export async function natsAnswers(
  url: string,
  auth?: NatsAuth,
): Promise<"jetstream" | "no-jetstream" | false> {
  let nc: Awaited<ReturnType<typeof connect>>;
  try {
    nc = await connect({ servers: url, timeout: 2_000, maxReconnectAttempts: 0, ...auth });
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

/** `url` with `password` in it (for a Redis URL without credentials). */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString().replace(/\/$/, "");
}

interface ServerOptions {
  home: string;
  redisUrl: string;
  natsUrl: string;
  /**
   * The NATS users a private nats-server loads (`nats/users.conf`), and the one of them the
   * launcher connects as to check it and to reset the cluster's stream.
   */
  natsUsers: { file: string } & NatsAuth;
  /** Where to look for the binaries (default: PATH, /usr/sbin, /sbin). */
  path?: string;
  say?: (line: string) => void;
}

/** The Redis and NATS the cluster uses, and the private servers started for it. */
export interface ClusterServers {
  /** The servers started (stop them after the cluster). */
  started: PrivateServer[];
  /** The Redis URL the services and the launcher use: with the password for a private server. */
  redisUrl: string;
  /** The NATS user the launcher connects as, when the server asks for one. */
  natsAuth?: NatsAuth;
}

/**
 * Makes sure Redis and NATS with JetStream answer: uses those at the URLs (or a private one an
 * earlier start left running, which answers to its password and users), or starts private ones.
 * Throws a LaunchError that says what to do when neither is possible.
 */
export async function ensureServers(o: ServerOptions): Promise<ClusterServers> {
  const started: PrivateServer[] = [];
  const say = o.say ?? (() => {});
  const redisShown = showUrl(o.redisUrl);
  const natsShown = showUrl(o.natsUrl);
  const natsAuth: NatsAuth = { user: o.natsUsers.user, pass: o.natsUsers.pass };
  const paths = serverPaths(o.home);
  let redisUrl = o.redisUrl;
  let natsAuthUsed: NatsAuth | undefined;
  try {
    const ownPassword =
      localPort(o.redisUrl, 6379) !== undefined && existsSync(paths.redisPassword)
        ? (await readFile(paths.redisPassword, "utf8")).trim()
        : undefined;
    if (await redisAnswers(o.redisUrl)) {
      // A server of the user's, as it is.
    } else if (ownPassword && (await redisAnswers(withPassword(o.redisUrl, ownPassword)))) {
      redisUrl = withPassword(o.redisUrl, ownPassword);
    } else {
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
      const password = ownPassword ?? (await makeRedisPassword(o.home));
      started.push(await startRedis(binary, port, o.home, password));
      redisUrl = withPassword(o.redisUrl, password);
      say(
        `private redis-server running (pid ${started.at(-1)?.pid}), password in ${paths.redisPassword}`,
      );
    }
    let nats = await natsAnswers(o.natsUrl);
    if (nats === false && localPort(o.natsUrl, 4222) !== undefined) {
      nats = await natsAnswers(o.natsUrl, natsAuth);
      if (nats !== false) natsAuthUsed = natsAuth;
    }
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
      started.push(await startNats(binary, port, o.home, o.natsUsers.file, natsAuth));
      natsAuthUsed = natsAuth;
      say(
        `private nats-server running (pid ${started.at(-1)?.pid}), with the users of ${o.natsUsers.file}`,
      );
    }
    return { started, redisUrl, ...(natsAuthUsed ? { natsAuth: natsAuthUsed } : {}) };
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

/** A new random password for the private redis-server, kept (mode 0600) for later starts. */
async function makeRedisPassword(home: string): Promise<string> {
  const file = serverPaths(home).redisPassword;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const password = randomBytes(32).toString("hex");
  await writeFile(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  return password;
}

async function startRedis(
  binary: string,
  port: number,
  home: string,
  password: string,
): Promise<PrivateServer> {
  const paths = serverPaths(home);
  await mkdir(paths.redisData, { recursive: true, mode: 0o700 });
  // The password in a file, not on the command line, where any local user's `ps` would see it.
  const conf = `# written by pnpm start for its private redis-server\nrequirepass ${password}\n`;
  await writeFile(paths.redisConf, conf, { mode: 0o600 });
  const args = [paths.redisConf, "--bind", "127.0.0.1", "--port", String(port)];
  args.push("--dir", paths.redisData, "--appendonly", "yes", "--save", "");
  args.push("--daemonize", "no", "--protected-mode", "yes");
  const url = withPassword(`redis://127.0.0.1:${port}`, password);
  return startServer("redis-server", binary, args, home, () => redisAnswers(url));
}

async function startNats(
  binary: string,
  port: number,
  home: string,
  usersFile: string,
  auth: NatsAuth,
): Promise<PrivateServer> {
  const paths = serverPaths(home);
  await mkdir(paths.natsData, { recursive: true, mode: 0o700 });
  if (!existsSync(usersFile)) throw new LaunchError(`${usersFile} is missing: no NATS users`);
  // As deploy/nats/nats.conf: the per-service users (and their subjects) are the only ones.
  const conf = [
    "# written by pnpm start for its private nats-server",
    `listen: "127.0.0.1:${port}"`,
    `include ${JSON.stringify(relative(dirname(paths.natsConf), usersFile))}`,
    `jetstream { store_dir: ${JSON.stringify(paths.natsData)} }`,
    "",
  ].join("\n");
  await writeFile(paths.natsConf, conf, { mode: 0o600 });
  const url = `nats://127.0.0.1:${port}`;
  return startServer("nats-server", binary, ["-c", paths.natsConf], home, async () => {
    return (await natsAnswers(url, auth)) === "jetstream";
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
