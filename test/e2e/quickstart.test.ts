import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { forgetState } from "@keyfrag/local-cluster";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, describe, expect, it } from "vitest";

// The README's quick start, verbatim: its first command starts the local cluster, and every
// other line is run as written, in a shell, against it. Only the state folders, the ports and
// the cluster's names are moved aside (environment variables the launcher documents), so the
// test never touches a developer's own cluster.
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
let cluster: string | undefined;
let redis: TestRedis | undefined;
let nats: TestNats | undefined;

afterAll(async () => {
  if (launcher?.pid && launcher.exitCode === null && launcher.signalCode === null) {
    try {
      process.kill(-launcher.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  // Redis and NATS are shared: remove this cluster's keys and audit stream.
  if (scratch && cluster) {
    await forgetState({
      home: join(scratch, "cluster"),
      redisUrl: redis?.url ?? "",
      natsUrl: nats?.url ?? "",
      cluster,
      gatewayPort: 0,
      host: "127.0.0.1",
    });
  }
  if (scratch) await rm(scratch, { recursive: true, force: true });
  await redis?.[Symbol.asyncDispose]();
  await nats?.[Symbol.asyncDispose]();
});

describe("the README's quick start", () => {
  it("works as written: start, then every command", async () => {
    const [start, ...commands] = quickStart();
    expect(start).toBe("pnpm install && pnpm start");
    expect(commands.length).toBeGreaterThanOrEqual(3);

    scratch = await mkdtemp(join(tmpdir(), "kf-quickstart-"));
    redis = await testRedis();
    nats = await testNats();
    cluster = `kfqs${Math.random().toString(36).slice(2, 8)}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REDIS_URL: redis.url,
      NATS_URL: nats.url,
      KEYFRAG_LOCAL_HOME: join(scratch, "cluster"),
      KEYFRAG_HOME: join(scratch, "cli"),
      KEYFRAG_CLUSTER: cluster,
      // Between test-support's free ports (< 32000) and the kernel's ephemeral ones (≥ 32768).
      KEYFRAG_GATEWAY_PORT: String(32_100 + Math.floor(Math.random() * 560)),
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
    expect(out).toContain("The CLI is logged in as the admin");
    // The launcher prints the very commands the README shows.
    for (const command of commands) expect(out).toContain(command);

    const results = [];
    for (const command of commands) {
      const result = await run(command, env);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      results.push(result);
    }
    expect(results.map((r) => r.stdout).join("\n")).toContain("s3cr3t");

    // Ctrl-C: the shell may die of the signal itself; the launcher stops every service first.
    process.kill(-(launcher.pid as number), "SIGINT");
    expect(await exited).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(err).toContain("keyfrag: stopped");
  }, 240_000);
});
