import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { connect as connectTcp } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, PrivateNats, startPrivateRedis } from "@keyfrag/test-support";
import { connect } from "@nats-io/transport-node";
import { afterEach, describe, expect, it } from "vitest";
import { natsUsersConf } from "./nats-auth.js";
import {
  ensureServers,
  installCommand,
  LaunchError,
  natsAnswers,
  type PrivateServer,
  redisAnswers,
  serverPaths,
} from "./servers.js";

let home: string | undefined;
let started: PrivateServer[] = [];

/** The per-service NATS users of a state folder, as local-state.ts writes them. */
async function natsUsers(dir: string) {
  const file = join(dir, "nats", "users.conf");
  await mkdir(join(dir, "nats"), { recursive: true });
  await writeFile(file, natsUsersConf("kf", { audit: "audit-pw", gateway: "gateway-pw" }));
  return { file, user: "audit", pass: "audit-pw" };
}

/** What a client that sends no password is told by the Redis at `port`. */
function unauthenticatedPing(port: number): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connectTcp(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.once("data", (reply) => {
      done(reply.toString().trim());
      socket.destroy();
    });
    socket.once("error", fail);
  });
}

afterEach(async () => {
  for (const server of started) await server.stop();
  started = [];
  if (home) await rm(home, { recursive: true, force: true });
  home = undefined;
});

describe("pnpm start's Redis and NATS", () => {
  it("starts private servers with their data in the state folder when nothing answers, and stops them", async () => {
    home = await mkdtemp(join(tmpdir(), "kf-servers-"));
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const natsUrl = `nats://127.0.0.1:${await freePort()}`;
    const users = await natsUsers(home);
    const lines: string[] = [];
    const servers = await ensureServers({
      home,
      redisUrl,
      natsUrl,
      natsUsers: users,
      say: (l) => lines.push(l),
    });
    started = servers.started;

    expect(started.map((s) => s.name)).toEqual(["redis-server", "nats-server"]);
    expect(lines.join("\n")).toContain(
      `Redis does not answer at ${redisUrl}: starting a private redis-server`,
    );
    const password = (await readFile(serverPaths(home).redisPassword, "utf8")).trim();
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(serverPaths(home).redisPassword)).mode & 0o777).toBe(0o600);
    expect(servers.redisUrl).toBe(redisUrl.replace("//", `//:${password}@`));
    expect(servers.natsAuth).toEqual({ user: "audit", pass: "audit-pw" });
    // Nothing the launcher prints holds the password.
    expect(lines.join("\n")).not.toContain(password);
    expect(await redisAnswers(servers.redisUrl)).toBe(true);
    expect(await natsAnswers(natsUrl, servers.natsAuth)).toBe("jetstream");
    expect(existsSync(serverPaths(home).redisData)).toBe(true);
    expect((await readdir(serverPaths(home).natsData)).length).toBeGreaterThan(0);

    // Servers started by an earlier start are used again: nothing more is started.
    const again = await ensureServers({ home, redisUrl, natsUrl, natsUsers: users });
    expect(again).toEqual({
      started: [],
      redisUrl: servers.redisUrl,
      natsUrl,
      natsAuth: servers.natsAuth,
    });

    for (const server of started) await server.stop();
    expect(await redisAnswers(servers.redisUrl)).toBe(false);
    expect(await natsAnswers(natsUrl, servers.natsAuth)).toBe(false);
  }, 60_000);

  it("a private Redis refuses a client without its password, and a private NATS a client without a user", async () => {
    home = await mkdtemp(join(tmpdir(), "kf-servers-"));
    const redisPort = await freePort();
    const natsUrl = `nats://127.0.0.1:${await freePort()}`;
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const servers = await ensureServers({
      home,
      redisUrl,
      natsUrl,
      natsUsers: await natsUsers(home),
    });
    started = servers.started;
    expect(started.map((s) => s.name)).toEqual(["redis-server", "nats-server"]);

    expect(await unauthenticatedPing(redisPort)).toMatch(/^-NOAUTH /);
    expect(await redisAnswers(redisUrl)).toBe(false);
    await expect(connect({ servers: natsUrl, timeout: 2_000, reconnect: false })).rejects.toThrow(
      /Authorization Violation/i,
    );
    // A service's user is admitted, with its own subjects only.
    const gateway = await connect({ servers: natsUrl, user: "gateway", pass: "gateway-pw" });
    await gateway.close();
    // The password stays off the command line, where another user's `ps` would see it.
    const password = (await readFile(serverPaths(home).redisPassword, "utf8")).trim();
    const redisPid = started[0]?.pid;
    const cmdline = await readFile(`/proc/${redisPid}/cmdline`, "utf8").catch(() => "");
    expect(cmdline).not.toContain(password);
  }, 60_000);

  it("never keeps the cluster's state on an open server at the default address: starts its own on another port, found there again", async () => {
    home = await mkdtemp(join(tmpdir(), "kf-servers-"));
    // Open servers (no password, no users) where pnpm start looks by default.
    await using foreignRedis = await startPrivateRedis();
    const foreignNats = new PrivateNats(await freePort(), join(home, "foreign-nats"));
    await foreignNats.start();
    try {
      const users = await natsUsers(home);
      const lines: string[] = [];
      const options = {
        home,
        redisUrl: foreignRedis.url,
        natsUrl: foreignNats.url,
        natsUsers: users,
        defaults: { redis: true, nats: true },
        cluster: "kf",
        say: (l: string) => lines.push(l),
      };
      const servers = await ensureServers(options);
      started = servers.started;
      expect(started.map((s) => s.name)).toEqual(["redis-server", "nats-server"]);
      const text = lines.join("\n");
      expect(text).toContain(
        `a Redis that asks for no password already answers at ${foreignRedis.url}, and it is not this cluster's: starting a private redis-server on port`,
      );
      expect(text).toContain(`REDIS_URL=${foreignRedis.url} pnpm start`);
      expect(text).toContain(`a NATS that admits anybody already answers at ${foreignNats.url}`);
      const redisPort = Number((await readFile(serverPaths(home).redisPort, "utf8")).trim());
      const natsPort = Number((await readFile(serverPaths(home).natsPort, "utf8")).trim());
      expect(servers.redisUrl).toMatch(
        new RegExp(`^redis://:[0-9a-f]{64}@127\\.0\\.0\\.1:${redisPort}$`),
      );
      expect(servers.natsUrl).toBe(`nats://127.0.0.1:${natsPort}`);
      expect(await unauthenticatedPing(redisPort)).toMatch(/^-NOAUTH /);
      expect(await natsAnswers(servers.natsUrl)).toBe(false);

      // The next start finds them on their ports and starts nothing.
      const again = await ensureServers(options);
      expect(again).toEqual({ ...servers, started: [] });

      // Given by the user (REDIS_URL, NATS_URL), an open server is used as it is, and said so.
      for (const server of started) await server.stop();
      started = [];
      lines.length = 0;
      const given = await ensureServers({ ...options, defaults: {} });
      expect(given).toEqual({ started: [], redisUrl: foreignRedis.url, natsUrl: foreignNats.url });
      expect(lines).toEqual([
        `using the Redis at ${foreignRedis.url} (REDIS_URL) as it is: it asks for no password`,
        `using the NATS at ${foreignNats.url} (NATS_URL) as it is: it admits anybody`,
      ]);

      // Where no server can be started beside an open one, the start is refused, saying what to do.
      const other = await mkdtemp(join(tmpdir(), "kf-servers-"));
      try {
        const err = await ensureServers({
          ...options,
          home: other,
          natsUsers: await natsUsers(other),
          path: other,
        }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(LaunchError);
        expect((err as Error).message).toContain(
          `a Redis that asks for no password answers at ${foreignRedis.url}, and it is not this cluster's`,
        );
        expect((err as Error).message).toContain(`REDIS_URL=${foreignRedis.url} pnpm start`);
      } finally {
        await rm(other, { recursive: true, force: true });
      }
    } finally {
      await foreignNats.stop();
    }
  }, 90_000);

  it("names the install command when a server is needed and not installed", async () => {
    home = await mkdtemp(join(tmpdir(), "kf-servers-"));
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const natsUrl = `nats://127.0.0.1:${await freePort()}`;
    // A PATH with neither binary on it.
    const natsUsers = { file: join(home, "users.conf"), user: "audit", pass: "pw" };
    const err = await ensureServers({ home, redisUrl, natsUrl, natsUsers, path: home }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(LaunchError);
    expect((err as Error).message).toContain(
      `Redis does not answer at ${redisUrl} and redis-server is not installed`,
    );
    expect((err as Error).message).toContain(`  ${installCommand()}\n`);
    expect(await redisAnswers(redisUrl)).toBe(false);
  });

  it("never starts a server in place of one that is not on this machine", async () => {
    home = await mkdtemp(join(tmpdir(), "kf-servers-"));
    const err = await ensureServers({
      home,
      redisUrl: "redis://:secret@127.0.0.1:1",
      natsUrl: "nats://127.0.0.1:1",
      natsUsers: { file: join(home, "users.conf"), user: "audit", pass: "pw" },
    }).catch((e) => e);
    expect((err as Error).message).toBe(
      "Redis does not answer at redis://:***@127.0.0.1:1: start it, or set REDIS_URL to one that answers.",
    );
  });

  it("the install command fits the platform", () => {
    expect(installCommand("darwin", {})).toBe("brew install redis nats-server");
    expect(installCommand("linux", { ID: "ubuntu", ID_LIKE: "debian" })).toBe(
      "sudo apt-get install -y redis-server nats-server",
    );
    expect(installCommand("linux", { ID: "fedora" })).toBe("sudo dnf install -y redis nats-server");
  });
});
