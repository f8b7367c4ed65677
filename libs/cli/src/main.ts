#!/usr/bin/env node
/** The `keyfrag` executable. */
import { runCli } from "./index.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
