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
import { type AddressInfo, createServer } from "node:net";
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
    /**
     * The port of a private server started away from the default one, which a server that is
     * not the cluster's held: later starts look for it there.
     */
    redisPort: join(home, "servers", "redis.port"),
    natsPort: join(home, "servers", "nats.port"),
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
  /**
   * Which URLs are pnpm start's defaults rather than the user's REDIS_URL/NATS_URL. A server at
   * a default address that asks for no password is not the cluster's own: another private one
   * is started on a free port instead (or, if it cannot be, the start is refused). A server at
   * an address the user gave is used as it is.
   */
  defaults?: { redis?: boolean; nats?: boolean };
  /** The cluster's name, to recognise its own state in a Redis an earlier start used. */
  cluster?: string;
}

/** The Redis and NATS the cluster uses, and the private servers started for it. */
export interface ClusterServers {
  /** The servers started (stop them after the cluster). */
  started: PrivateServer[];
  /** The Redis URL the services and the launcher use: with the password for a private server. */
  redisUrl: string;
  /** The NATS URL the services and the launcher use. */
  natsUrl: string;
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
  const natsAuth: NatsAuth = { user: o.natsUsers.user, pass: o.natsUsers.pass };
  const paths = serverPaths(o.home);
  try {
    // A private server moved off a default port by an earlier start is looked for there.
    const redisTarget = o.defaults?.redis
      ? await movedUrl(paths.redisPort, "redis", o.redisUrl)
      : o.redisUrl;
    const natsTarget = o.defaults?.nats
      ? await movedUrl(paths.natsPort, "nats", o.natsUrl)
      : o.natsUrl;
    const redisShown = showUrl(redisTarget);
    const natsShown = showUrl(natsTarget);
    const local = localPort(redisTarget, 6379) !== undefined;
    const ownPassword =
      local && existsSync(paths.redisPassword)
        ? (await readFile(paths.redisPassword, "utf8")).trim()
        : undefined;
    let redisUrl = redisTarget;
    // Kept on a server that is not the cluster's own, as an earlier start left it.
    let sharedState = false;
    // An open Redis also answers a client that sends a password: ours is one that asks for it.
    const redisOpen = await redisAnswers(redisTarget);
    if (!redisOpen && ownPassword && (await redisAnswers(withPassword(redisTarget, ownPassword)))) {
      redisUrl = withPassword(redisTarget, ownPassword);
    } else if (redisOpen) {
      if (!o.defaults?.redis) {
        say(`using the Redis at ${redisShown} (REDIS_URL) as it is: it asks for no password`);
      } else if (o.cluster && (await holdsStateOf(redisTarget, o.cluster, o.home))) {
        sharedState = true;
        say(
          `using the Redis at ${redisShown}, which asks for no password (anyone on this machine can change the cluster's state there), because an earlier start kept this cluster's state in it; \`pnpm start --fresh\` starts over on a private redis-server`,
        );
      } else {
        const binary = findBinary("redis-server", o.path);
        if (!binary) throw foreign("Redis", "redis-server", redisShown, "REDIS_URL");
        const port = await freePort();
        say(
          `a Redis that asks for no password already answers at ${redisShown}, and it is not this cluster's: starting a private redis-server on port ${port} instead (data in ${paths.redisData}; to use that Redis, REDIS_URL=${redisShown} pnpm start)`,
        );
        const password = ownPassword ?? (await makeRedisPassword(o.home));
        started.push(await startRedis(binary, port, o.home, password));
        await writeFile(paths.redisPort, `${port}\n`, { mode: 0o600 });
        redisUrl = withPassword(`redis://127.0.0.1:${port}`, password);
        say(
          `private redis-server running (pid ${started.at(-1)?.pid}), password in ${paths.redisPassword}`,
        );
      }
    } else {
      const port = localPort(redisTarget, 6379);
      const binary = findBinary("redis-server", o.path);
      if (port === undefined) {
        throw new LaunchError(
          `Redis does not answer at ${redisShown}: start it, or set REDIS_URL to one that answers.`,
        );
      }
      if (!binary) throw missing("Redis", "redis-server", redisShown);
      say(
        `Redis does not answer at ${redisShown}: starting a private redis-server (data in ${paths.redisData})`,
      );
      const password = ownPassword ?? (await makeRedisPassword(o.home));
      started.push(await startRedis(binary, port, o.home, password));
      redisUrl = withPassword(redisTarget, password);
      say(
        `private redis-server running (pid ${started.at(-1)?.pid}), password in ${paths.redisPassword}`,
      );
    }

    let natsUrl = natsTarget;
    let natsAuthUsed: NatsAuth | undefined;
    // A private nats-server admits only its users: one that lets anybody in is not the cluster's.
    const open = await natsAnswers(natsTarget);
    let nats: Awaited<ReturnType<typeof natsAnswers>> = open;
    if (open !== false && o.defaults?.nats && !sharedState) {
      const binary = findBinary("nats-server", o.path);
      if (!binary) throw foreign("NATS", "nats-server", natsShown, "NATS_URL");
      const port = await freePort();
      say(
        `a NATS that admits anybody already answers at ${natsShown}, and it is not this cluster's: starting a private nats-server on port ${port} instead (to use that NATS, NATS_URL=${natsShown} pnpm start)`,
      );
      started.push(await startNats(binary, port, o.home, o.natsUsers.file, natsAuth));
      await writeFile(paths.natsPort, `${port}\n`, { mode: 0o600 });
      natsUrl = `nats://127.0.0.1:${port}`;
      natsAuthUsed = natsAuth;
      say(
        `private nats-server running (pid ${started.at(-1)?.pid}), with the users of ${o.natsUsers.file}`,
      );
      return { started, redisUrl, natsUrl, natsAuth: natsAuthUsed };
    }
    if (open !== false && !o.defaults?.nats) {
      say(`using the NATS at ${natsShown} (NATS_URL) as it is: it admits anybody`);
    }
    if (nats === false && localPort(natsTarget, 4222) !== undefined) {
      nats = await natsAnswers(natsTarget, natsAuth);
      if (nats !== false) natsAuthUsed = natsAuth;
    }
    if (nats === "no-jetstream") {
      throw new LaunchError(
        `NATS at ${natsShown} runs without JetStream: restart it with -js (e.g. nats-server -js -sd /tmp/nats), or set NATS_URL to one with JetStream.`,
      );
    }
    if (nats === false) {
      const port = localPort(natsTarget, 4222);
      const binary = findBinary("nats-server", o.path);
      if (port === undefined) {
        throw new LaunchError(
          `NATS does not answer at ${natsShown}: start it (with JetStream, -js), or set NATS_URL to one that answers.`,
        );
      }
      if (!binary) throw missing("NATS", "nats-server", natsShown);
      say(
        `NATS does not answer at ${natsShown}: starting a private nats-server with JetStream (data in ${paths.natsData})`,
      );
      started.push(await startNats(binary, port, o.home, o.natsUsers.file, natsAuth));
      natsAuthUsed = natsAuth;
      say(
        `private nats-server running (pid ${started.at(-1)?.pid}), with the users of ${o.natsUsers.file}`,
      );
    }
    return { started, redisUrl, natsUrl, ...(natsAuthUsed ? { natsAuth: natsAuthUsed } : {}) };
  } catch (err) {
    for (const server of started.reverse()) await server.stop();
    throw err;
  }
}

/** `url` on the port a private server was moved to by an earlier start, if one was. */
async function movedUrl(portFile: string, scheme: "redis" | "nats", url: string): Promise<string> {
  if (!existsSync(portFile)) return url;
  const port = Number((await readFile(portFile, "utf8")).trim());
  return Number.isInteger(port) && port > 0 && port < 65_536
    ? `${scheme}://127.0.0.1:${port}`
    : url;
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether the Redis at `url` holds the state of the cluster this state folder made. */
async function holdsStateOf(url: string, cluster: string, home: string): Promise<boolean> {
  const idFile = join(home, "cluster-id");
  if (!existsSync(idFile)) return false;
  const id = (await readFile(idFile, "utf8")).trim();
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    const owner = await redis.get(`${cluster}:local-home`);
    return owner !== null && (JSON.parse(owner) as { id?: unknown }).id === id;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A server at a default address that is not the cluster's, and none can be started beside it. */
function foreign(what: string, binary: string, url: string, variable: string): LaunchError {
  return new LaunchError(
    `a ${what} that ${what === "Redis" ? "asks for no password" : "admits anybody"} answers at ${url}, and it is not this cluster's: pnpm start keeps the cluster's state only on a server of its own, which it starts with ${binary} — not installed here. Either install it:\n` +
      `  ${installCommand()}\n` +
      `and run pnpm start again (it starts a private ${binary} on another port), or use that ${what} knowingly: ${variable}=${url} pnpm start`,
  );
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
