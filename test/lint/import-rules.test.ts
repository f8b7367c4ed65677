/**
 * The repository's import rules (biome.json, run by `pnpm lint`) checked on probe files: a
 * library or a service never imports a service, not by its name and not through a subpath of
 * its package (`@keyfrag/<service>/dist/…`, `…/services/<name>/…`). The probes live in a
 * temporary directory laid out like the repository, linted with the repository's own rules.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const biome = join(root, "node_modules/.bin/biome");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-lint-"));
  const config = JSON.parse(await readFile(join(root, "biome.json"), "utf8"));
  config.vcs = { enabled: false }; // the probe directory is no git checkout
  await writeFile(join(dir, "biome.json"), JSON.stringify(config));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Lints one probe file at `path` (relative to the probe root); the restricted-import messages. */
async function restrictedImports(path: string, source: string): Promise<string[]> {
  await mkdir(join(dir, path, ".."), { recursive: true });
  await writeFile(join(dir, path), source);
  const run = await promisify(execFile)(biome, ["lint", "--max-diagnostics=100", path], {
    cwd: dir,
  }).then(
    (ok) => ok.stdout + ok.stderr,
    (err: { stdout: string; stderr: string }) => err.stdout + err.stderr,
  );
  await rm(join(dir, path));
  return run.split("\n").filter((line) => line.includes("lint/style/noRestrictedImports"));
}

const probe = (from: string) => `import { x } from "${from}";\nexport const y = x;\n`;

describe("import rules", () => {
  for (const where of ["libs/probe/src/a.ts", "services/probe/src/a.ts"]) {
    it(`${where}: a service is refused by name and through any subpath`, async () => {
      for (const from of [
        "@keyfrag/fragment-manager",
        "@keyfrag/fragment-manager/dist/main.js",
        "@keyfrag/gateway/dist/keys/key-service.js",
        "../../../services/gateway/dist/main.js",
      ]) {
        expect(await restrictedImports(where, probe(from)), from).toHaveLength(1);
      }
    });
    it(`${where}: a library through its entry point is allowed`, async () => {
      expect(await restrictedImports(where, probe("@keyfrag/fragment-node"))).toEqual([]);
    });
  }

  it("tests may start a real service in-process", async () => {
    expect(
      await restrictedImports("services/probe/src/a.test.ts", probe("@keyfrag/fragment-manager")),
    ).toEqual([]);
  });
});
