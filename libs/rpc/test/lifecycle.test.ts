import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRASH_EXIT_CODE } from "../src/index.js";

/** Runs `body` as the main of a real process started through `runMain`. */
async function runProcess(dir: string, body: string) {
  const script = join(dir, `main-${Math.random().toString(36).slice(2)}.ts`);
  const lifecycle = new URL("../src/lifecycle.ts", import.meta.url).pathname;
  await writeFile(
    script,
    `import { runMain } from ${JSON.stringify(lifecycle)};\nrunMain(async () => {\n${body}\n});\n`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const crash = stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((record) => record.level === 60);
  return { code, stdout, stderr, crash };
}

describe("an error nothing caught", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-lifecycle-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is logged as one bounded line and the process exits for a restart", async () => {
    const run = await runProcess(
      dir,
      `setTimeout(() => { throw new URIError("URI malformed " + "x".repeat(10_000)); }, 10);
       setInterval(() => {}, 1_000); // a server would keep the process alive`,
    );
    expect(run.code).toBe(CRASH_EXIT_CODE);
    expect(run.crash).toMatchObject({
      msg: "uncaught error: exiting for a restart",
      origin: "uncaughtException",
      err: { type: "URIError" },
    });
    const err = run.crash?.err as { message: string; stack: string };
    expect(err.message.length).toBeLessThanOrEqual(200);
    expect(err.stack).toMatch(/^ {4}at /);
    expect(run.stderr.length).toBeLessThan(5_000);
  });

  it("includes a promise rejection nobody handled", async () => {
    const run = await runProcess(
      dir,
      `void Promise.reject(new RangeError("nobody awaited this"));
       setInterval(() => {}, 1_000);`,
    );
    expect(run.code).toBe(CRASH_EXIT_CODE);
    expect(run.crash).toMatchObject({
      origin: "unhandledRejection",
      err: { type: "RangeError", message: "nobody awaited this" },
    });
  });

  it("leaves a failed start as it was: the reason and exit code 1", async () => {
    const run = await runProcess(dir, `throw new Error("KF_LISTEN is missing");`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("KF_LISTEN is missing");
    expect(run.crash).toBeUndefined();
  });
});
