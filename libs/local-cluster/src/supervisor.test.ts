import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Child, startChild } from "./child.js";
import { type Supervisor, superviseChildren } from "./supervisor.js";

// A stand-in service: prints its ready line, then crashes (exit 70) on each of its first
// `CRASHES` starts and stays up after that. Starts are counted in a file.
const SERVICE = `
const fs = require("node:fs");
const counter = process.env.COUNTER;
const starts = Number(fs.existsSync(counter) ? fs.readFileSync(counter, "utf8") : 0) + 1;
fs.writeFileSync(counter, String(starts));
console.log(JSON.stringify({ ready: "svc", starts }));
if (starts <= Number(process.env.CRASHES)) setTimeout(() => process.exit(70), 50);
else setInterval(() => {}, 1_000);
`;

describe("the pnpm start supervisor", () => {
  let dir: string;
  let supervisor: Supervisor | undefined;
  const children: Child[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-supervisor-"));
    await writeFile(join(dir, "svc.cjs"), SERVICE);
  });
  afterEach(async () => {
    supervisor?.stop();
    for (const child of children) await child.stop(1_000);
    children.length = 0;
    await rm(dir, { recursive: true, force: true });
  });

  const start = (crashes: number) => () =>
    startChild(
      "svc",
      join(dir, "svc.cjs"),
      { COUNTER: join(dir, "starts"), CRASHES: String(crashes) },
      join(dir, "svc.log"),
      10_000,
    );
  const starts = async () => Number(await readFile(join(dir, "starts"), "utf8"));
  const until = async (cond: () => Promise<boolean>, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it("restarts a crashed process with growing waits until it stays up", async () => {
    const lines: { at: number; line: string }[] = [];
    children.push(await start(3)());
    supervisor = superviseChildren({
      children,
      start: start(3),
      say: (line) => lines.push({ at: Date.now(), line }),
      minBackoffMs: 100,
      maxBackoffMs: 1_000,
    });
    await until(async () => (await starts()) === 4 && lines.at(-1)?.line === "svc restarted");
    const waits = lines.filter((l) => l.line.includes("restarting in")).map((l) => l.line);
    expect(waits).toEqual([
      "svc exited (70); restarting in 0.1 s",
      "svc exited (70); restarting in 0.2 s",
      "svc exited (70); restarting in 0.4 s",
    ]);
    // The list now holds the running process, which stays up.
    expect(children).toHaveLength(1);
    expect(children[0]?.process.exitCode).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(await starts()).toBe(4);
  });

  it("restarts nothing once stopped", async () => {
    children.push(await start(1)());
    supervisor = superviseChildren({
      children,
      start: start(1),
      say: () => {},
      minBackoffMs: 200,
    });
    await children[0]?.exited;
    supervisor.stop();
    await new Promise((r) => setTimeout(r, 400));
    expect(await starts()).toBe(1);
  });
});
