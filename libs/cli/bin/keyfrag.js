#!/usr/bin/env node
// The `keyfrag` command. A committed file (not dist/main.js) so that `pnpm install` links it
// before anything is built; it runs the compiled CLI, or says how to build it.
import { existsSync } from "node:fs";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    "error: the keyfrag CLI is not built yet: run `pnpm build` in the repository\n",
  );
  process.exit(1);
}
await import(main.href);
