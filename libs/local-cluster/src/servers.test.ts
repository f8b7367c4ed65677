import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@keyfrag/test-support";
import { afterEach, describe, expect, it } from "vitest";
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
    const lines: string[] = [];
    started = await ensureServers({ home, redisUrl, natsUrl, say: (l) => lines.push(l) });

    expect(started.map((s) => s.name)).toEqual(["redis-server", "nats-server"]);
    expect(lines.join("\n")).toContain(
      `Redis does not answer at ${redisUrl}: starting a private redis-server`,
    );
    expect(await redisAnswers(redisUrl)).toBe(true);
    expect(await natsAnswers(natsUrl)).toBe("jetstream");
    expect(existsSync(serverPaths(home).redisData)).toBe(true);
    expect((await readdir(serverPaths(home).natsData)).length).toBeGreaterThan(0);

    // Servers that answer are used as they are: nothing more is started.
    expect(await ensureServers({ home, redisUrl, natsUrl })).toEqual([]);

    for (const server of started) await server.stop();
    expect(await redisAnswers(redisUrl)).toBe(false);
    expect(await natsAnswers(natsUrl)).toBe(false);
  }, 60_000);

  it("names the install command when a server is needed and not installed", async () => {
    home = await mkdtemp(join(tmpdir(), "kf-servers-"));
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const natsUrl = `nats://127.0.0.1:${await freePort()}`;
    // A PATH with neither binary on it.
    const err = await ensureServers({ home, redisUrl, natsUrl, path: home }).catch((e) => e);
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
