import { mkdtemp, rm } from "node:fs/promises";
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
});
