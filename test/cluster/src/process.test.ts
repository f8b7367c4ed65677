import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ServiceProcess } from "./process.js";

// A stand-in service that is ready only after a while, as a fragment manager on a loaded machine.
const SLOW_SERVICE = `
setTimeout(() => console.log(JSON.stringify({ ready: "slow", pid: process.pid })), 400);
setInterval(() => {}, 1_000);
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("a test cluster's service process", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-service-process-"));
    await writeFile(join(dir, "slow.cjs"), SLOW_SERVICE);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stopped while it is still starting, does not outlive the stop", async () => {
    const proc = new ServiceProcess("slow", join(dir, "slow.cjs"), join(dir, "slow.log"));
    const starting = proc.start({}, 10_000);
    await new Promise((r) => setTimeout(r, 50));
    await proc.stop("SIGTERM", 2_000);
    const { pid } = (await starting) as { pid: number };
    expect(proc.running).toBe(false);
    expect(alive(pid)).toBe(false);
  });
});
