import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Tests import workspace packages by name (@keyfrag/…) and run them from source, so a test run
// never depends on a prior build.
const root = import.meta.dirname;
const alias: Record<string, string> = {};
for (const group of ["libs", "services", "test"]) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const manifest = join(dir, name, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name: string };
    alias[pkg.name] = resolve(dir, name, "src/index.ts");
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["{libs,services,test}/**/*.test.ts"],
    // test/deploy/podman: the compose cluster under podman, `pnpm test:compose` (its own config).
    exclude: ["**/node_modules/**", "**/dist/**", "test/bench/*-bench.ts", "test/deploy/podman/**"],
    reporters: ["default", "./test/summary-reporter.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: keep parallel workers modest so protocol-heavy files do not starve each other.
    maxWorkers: 2,
  },
});
