import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "@keyfrag/test-support";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";

// The README's quick start, verbatim: its first command starts the local cluster, and every
// other line is run as written, in a shell, against it. Only the state folders, the ports and
// the cluster's names are moved aside (environment variables the launcher documents), so the
// test never touches a developer's own cluster. Nothing answers at its REDIS_URL and NATS_URL,
// as on a fresh machine: `pnpm start` starts private redis-server and nats-server itself.
const repo = resolve(import.meta.dirname, "../..");

/** The lines of the README's quick-start block. */
function quickStart(): string[] {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  const block = /<!-- quickstart -->\s*```sh\n([\s\S]*?)```\s*<!-- \/quickstart -->/.exec(readme);
  if (!block?.[1]) throw new Error("README.md has no <!-- quickstart --> block");
  return block[1]
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

function run(command: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn("bash", ["-c", command], { cwd: repo, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.once("exit", (code) => done({ code, stdout, stderr }));
  });
}

let launcher: ChildProcess | undefined;
let scratch: string | undefined;
let launcherErr = "";

afterAll(async () => {
  if (launcher?.pid && launcher.exitCode === null && launcher.signalCode === null) {
    try {
      process.kill(-launcher.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  // The private servers run in process groups of their own: never left behind by a failure.
  for (const [, pid] of launcherErr.matchAll(
    /private (?:redis|nats)-server running \(pid (\d+)\)/g,
  )) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Stopped with the cluster.
    }
  }
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

describe("the README's quick start", () => {
  it("works as written: start, then every command", async () => {
    const [start, ...commands] = quickStart();
    expect(start).toBe("pnpm install && pnpm start");
    expect(commands.length).toBeGreaterThanOrEqual(3);

    scratch = await mkdtemp(join(tmpdir(), "kf-quickstart-"));
    const cluster = `kfqs${Math.random().toString(36).slice(2, 8)}`;
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REDIS_URL: redisUrl,
      NATS_URL: `nats://127.0.0.1:${await freePort()}`,
      KEYFRAG_LOCAL_HOME: join(scratch, "cluster"),
      KEYFRAG_HOME: join(scratch, "cli"),
      KEYFRAG_CLUSTER: cluster,
      // Between test-support's free ports (< 32000) and the kernel's ephemeral ones (≥ 32768).
      KEYFRAG_GATEWAY_PORT: String(32_100 + Math.floor(Math.random() * 560)),
      KEYFRAG_REST_PORT: String(32_700 + Math.floor(Math.random() * 560)),
    };
    // Detached: Ctrl-C in a terminal signals the whole process group; so does the test.
    launcher = spawn("bash", ["-c", `${start} --fresh`], { cwd: repo, env, detached: true });
    let out = "";
    let err = "";
    launcher.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    launcher.stderr?.on("data", (c: Buffer) => {
      err += c.toString();
      launcherErr = err;
    });
    const exited = new Promise<number | null>((r) =>
      launcher?.once("exit", (code, signal) => r(signal === "SIGINT" ? 0 : code)),
    );
    await Promise.race([
      new Promise<void>((ok, fail) => {
        const timer = setInterval(() => {
          if (out.includes("keyfrag is running")) {
            clearInterval(timer);
            ok();
          }
        }, 100);
        setTimeout(() => {
          clearInterval(timer);
          fail(new Error(`the cluster did not start in time:\n${err}`));
        }, 150_000);
      }),
      exited.then((code) => {
        throw new Error(`pnpm start exited (${code}):\n${err}`);
      }),
    ]);
    expect(out).toContain("The CLI is logged in as the admin for 15 minutes");
    expect(err).toContain("starting a private redis-server");
    expect(err).toContain("starting a private nats-server with JetStream");
    expect(existsSync(join(scratch, "cluster", "servers", "redis", "appendonlydir"))).toBe(true);
    // The private Redis asks for a password, which pnpm start points to but never prints.
    const password = readFileSync(join(scratch, "cluster", "servers", "redis.password"), "utf8");
    const ownRedis = redisUrl.replace("//", `//:${password.trim()}@`);
    expect(await redisAnswers(redisUrl)).toBe(false);
    expect(await redisAnswers(ownRedis)).toBe(true);
    expect(out).toContain("servers/redis.password");
    expect(out + err).not.toContain(password.trim());
    // The launcher prints the very commands the README shows.
    for (const command of commands) expect(out).toContain(command);

    const results = [];
    for (const command of commands) {
      const result = await run(command, env);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      results.push(result);
    }
    // A bare value, with no pnpm banner around it, so `$(pnpm keyfrag get-secret-value …)` works.
    const read = commands.findIndex((c) => c.includes("get-secret-value"));
    expect(results[read]?.stdout).toBe("s3cr3t\n");

    // Ctrl-C: the shell may die of the signal itself; the launcher stops every service first.
    process.kill(-(launcher.pid as number), "SIGINT");
    expect(await exited).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(err).toContain("keyfrag: stopped");
    // A clean stop, without pnpm's "ELIFECYCLE Command failed".
    expect(err).not.toContain("ELIFECYCLE");
    // The private servers stopped with the cluster.
    expect(await redisAnswers(ownRedis)).toBe(false);
  }, 240_000);
});
