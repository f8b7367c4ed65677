import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createDevCa, issueCertificate } from "@keyfrag/rpc";
import { testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The runtime as services run it: compiled (`pnpm build`), in a process of its own.
const RUNTIME = join(dirname(fileURLToPath(import.meta.url)), "../dist/index.js");

// A stand-in service on runService that records, in Redis, which of its steps ran and in what
// order, and from its stop() still writes to Redis and publishes on NATS.
const PROBE = `
import { runService } from ${JSON.stringify(pathToFileURL(RUNTIME).href)};
const key = (name) => process.env.PREFIX + name;
const steps = [];
runService({
  name: "probe",
  loadConfig: () => ({ ...process.env, nodeId: "probe-1" }),
  build: ({ redis, nc, signal }) => ({
    services: [],
    prepare: async () => {
      if (!process.env.WAIT_IN_PREPARE) return;
      await redis.set(key("preparing"), "1");
      await new Promise((resolve) => signal.addEventListener("abort", resolve));
    },
    start: async ({ port }) => {
      await redis.set(key("started"), String(port));
    },
    ready: () => ({ extra: "field" }),
    beforeShutdown: () => steps.push("beforeShutdown"),
    stop: async () => {
      steps.push("stop");
      await redis.set(key("steps"), JSON.stringify(steps));
      nc.publish(process.env.SUBJECT, "stopped");
    },
  }),
});
`;

describe("runService", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(RUNTIME)) throw new Error(`${RUNTIME} is missing: run \`pnpm build\` first`);
    dir = await mkdtemp(join(tmpdir(), "kf-run-service-"));
    await writeFile(join(dir, "probe.mjs"), PROBE);
    await createDevCa(join(dir, "ca"));
    const cert = await issueCertificate({
      caDir: join(dir, "ca"),
      dir: join(dir, "certs"),
      name: "probe-1",
      role: "policy",
    });
    env = {
      KF_LISTEN: "127.0.0.1:0",
      KF_TLS_CA: join(dir, "ca", "ca.pem"),
      KF_TLS_CERT: cert.certFile,
      KF_TLS_KEY: cert.keyFile,
      KF_LOG_LEVEL: "silent",
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const start = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, [join(dir, "probe.mjs")], {
      env: { PATH: process.env.PATH ?? "", ...env, ...extra },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { child, exited, stdout: () => stdout, stderr: () => stderr };
  };
  const until = async (what: string, cond: () => Promise<boolean> | boolean, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const stopped = async (child: ChildProcess, exited: Promise<number | null>) => {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  it("prints the ready line once serving; on SIGTERM closes the server, then stop() still has Redis and NATS", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    const subject = nats.name("stopped");
    const received = new Promise<string>((resolve) => {
      nats.nc.subscribe(subject, { max: 1, callback: (_err, msg) => resolve(msg.string()) });
    });
    await nats.nc.flush();
    const probe = start({
      KF_REDIS_URL: redis.url,
      KF_NATS_URL: nats.url,
      PREFIX: redis.prefix,
      SUBJECT: subject,
    });
    await until(`the ready line (stderr: ${probe.stderr()})`, () =>
      probe.stdout().includes('{"ready"'),
    );
    const ready = JSON.parse(probe.stdout().split("\n")[0] ?? "") as Record<string, unknown>;
    expect(ready).toMatchObject({ ready: "probe", extra: "field" });
    expect(await redis.client.get(redis.key("started"))).toBe(String(ready.port));

    expect(await stopped(probe.child, probe.exited)).toBe(0);
    expect(JSON.parse((await redis.client.get(redis.key("steps"))) ?? "[]")).toEqual([
      "beforeShutdown",
      "stop",
    ]);
    expect(await received).toBe("stopped");
  });

  it("a SIGTERM while it is still preparing stops it at once (exit 0), never serving, and runs stop()", async () => {
    await using redis = await testRedis();
    await using nats = await testNats();
    const probe = start({
      KF_REDIS_URL: redis.url,
      KF_NATS_URL: nats.url,
      PREFIX: redis.prefix,
      SUBJECT: nats.name("stopped"),
      WAIT_IN_PREPARE: "1",
    });
    await until(
      `prepare() (stderr: ${probe.stderr()})`,
      async () => (await redis.client.get(redis.key("preparing"))) === "1",
    );
    const asked = Date.now();
    expect(await stopped(probe.child, probe.exited)).toBe(0);
    // Well within the 5 s a start that ignores the abort is given.
    expect(Date.now() - asked).toBeLessThan(4_000);
    expect(probe.stdout()).not.toContain('"ready"');
    expect(await redis.client.get(redis.key("started"))).toBeNull();
    expect(JSON.parse((await redis.client.get(redis.key("steps"))) ?? "[]")).toEqual(["stop"]);
  });
});
