import { resolve } from "node:path";
import { defineConfig } from "vitest/config";
import base from "../../../vitest.config.js";

// `pnpm test:compose`: the compose cluster run for real under podman (compose-up.test.ts),
// apart from `pnpm test`, which leaves this folder out: it needs root, podman and the images
// `pnpm images:local` builds, and takes minutes. The root config's aliases and reporters; only
// this folder's tests (not merged: mergeConfig would add the suite's include to this one).
export default defineConfig({
  root: resolve(import.meta.dirname, "../../.."),
  resolve: base.resolve,
  test: {
    include: ["test/deploy/podman/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    reporters: base.test?.reporters,
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // One cluster at a time: the test's containers publish the gateway's fixed ports.
    maxWorkers: 1,
  },
});
