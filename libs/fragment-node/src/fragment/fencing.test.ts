import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FailedPreconditionError, InvalidArgumentError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { openFencing } from "./fencing.js";

describe("fencing", () => {
  it("accepts the same or newer tokens, refuses older ones, and remembers across a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kf-fence-"));
    try {
      const f = await openFencing(dir);
      await f.check("3");
      await f.check("3");
      await expect(f.check("2")).rejects.toThrow(FailedPreconditionError);
      await expect(f.check("0")).rejects.toThrow(InvalidArgumentError);
      await expect(f.check("x")).rejects.toThrow(InvalidArgumentError);
      await f.check("7");
      const reopened = await openFencing(dir);
      expect(reopened.highest()).toBe(7n);
      await expect(reopened.check("6")).rejects.toThrow(/another coordinator leads now/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps the token in its file durably, with no temp file left behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kf-fence-"));
    try {
      // A temp file of a write a crash interrupted: removed on open, never read.
      await writeFile(join(dir, ".fencing-token.0a1b2c.tmp"), "999");
      const f = await openFencing(dir);
      expect(f.highest()).toBe(0n);
      await Promise.all([f.check("4"), f.check("9"), f.check("5").catch(() => undefined)]);
      expect(await readFile(join(dir, "fencing-token"), "utf8")).toBe("9");
      expect(await readdir(dir)).toEqual(["fencing-token"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to open when the token cannot be read, instead of starting again from 0", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kf-fence-"));
    try {
      await writeFile(join(dir, "fencing-token"), "12\u0000garbage");
      await expect(openFencing(dir)).rejects.toThrow(/fencing token .* does not hold a number/);
      await rm(join(dir, "fencing-token"));
      // Unreadable (here a directory where the file should be): also refused.
      await mkdir(join(dir, "fencing-token"));
      await expect(openFencing(dir)).rejects.toThrow(/cannot read the fencing token/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
