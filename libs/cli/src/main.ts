#!/usr/bin/env node
/** The `keyfrag` executable. */
import { runCli } from "./index.js";

// A local gateway is dialled by IP (127.0.0.1), and Node warns (DEP0123) that the TLS server
// name is then ignored; a CLI's user can do nothing about that, so deprecations stay silent.
process.noDeprecation = true;

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
