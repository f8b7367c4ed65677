import { spawn } from "node:child_process";
import { chmod, chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pidToSignal } from "./pid-file.js";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot)("reload signal's pid file", () => {
  let dir: string;
  let child: ReturnType<typeof spawn>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-agent-pid-"));
    child = spawn("sleep", ["60"], { uid: NOBODY, gid: NOBODY, stdio: "ignore" });
  });
  afterAll(async () => {
    child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  const pidFile = async (name: string, content: string, owner: number, mode = 0o644) => {
    const path = join(dir, name);
    await writeFile(path, content);
    await chown(path, owner, owner);
    await chmod(path, mode);
    return path;
  };

  it("gives the pid of a process that runs as the file's owner", async () => {
    const path = await pidFile("own.pid", `${child.pid}\n`, NOBODY);
    expect(await pidToSignal(path)).toBe(child.pid);
  });

  it("refuses a pid written by a user the process does not run as", async () => {
    // The app user (nobody) names the agent's own root process (e.g. sshd on a VM).
    const path = await pidFile("other.pid", `${process.pid}\n`, NOBODY);
    await expect(pidToSignal(path)).rejects.toThrow(/runs as uid 0, not as .* owner \(uid 65534\)/);
  });

  it("refuses a file others may write", async () => {
    const path = await pidFile("open.pid", `${child.pid}\n`, NOBODY, 0o666);
    await expect(pidToSignal(path)).rejects.toThrow(/may be written by others/);
  });

  it("refuses text that is not one pid", async () => {
    for (const text of ["", "1", "12abc", "-5", "x"]) {
      const path = await pidFile("bad.pid", text, NOBODY);
      await expect(pidToSignal(path), text).rejects.toThrow(/no pid in/);
    }
  });
});
