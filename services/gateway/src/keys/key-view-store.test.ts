import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileKeyViewStore, KEY_VIEWS_FILE, keyViewsMacKey } from "./key-view-store.js";

describe("key view store (file)", () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "kf-key-view-store-"));
    dir = join(root, "gateway");
    await mkdir(dir);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const macKey = () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    return keyViewsMacKey(privateKey.export({ format: "pem", type: "pkcs8" }), "kf-test");
  };

  it("does not write through a symlink planted in the data directory", async () => {
    const victim = join(root, "customer-fragment");
    await writeFile(victim, "the customer's fragment");
    await symlink(victim, join(dir, `${KEY_VIEWS_FILE}.tmp`));
    const store = fileKeyViewStore({ dir, macKey: macKey() });
    await store.save([]);
    expect(await readFile(victim, "utf8")).toBe("the customer's fragment");
    expect(await store.load()).toEqual([]);
    // Nothing of the write is left behind but the file itself (and the planted link).
    expect((await readdir(dir)).sort()).toEqual([KEY_VIEWS_FILE, `${KEY_VIEWS_FILE}.tmp`]);
  });

  it("starts with no views, and says why, when the file is a directory, a FIFO or a symlink", async () => {
    const key = macKey();
    const file = join(dir, KEY_VIEWS_FILE);
    const elsewhere = join(root, "views-elsewhere");
    await fileKeyViewStore({ dir: elsewhere, macKey: key }).save([]);
    const plants: [string, () => Promise<void>][] = [
      ["directory", () => mkdir(file)],
      ["FIFO", async () => void execFileSync("mkfifo", [file])],
      ["symlink", () => symlink(join(elsewhere, KEY_VIEWS_FILE), file)],
    ];
    for (const [what, plant] of plants) {
      await rm(file, { recursive: true, force: true });
      await plant();
      const refused: string[] = [];
      const store = fileKeyViewStore({ dir, macKey: key, onRefused: (r) => refused.push(r) });
      await expect(store.load(), what).resolves.toEqual([]);
      expect(refused, what).toHaveLength(1);
      expect(refused[0], what).toMatch(/is unreadable/);
    }
  });
});
