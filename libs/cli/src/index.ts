/** @keyfrag/cli: the `keyfrag` command line, as a function tests can run in-process. */
export { UsageError } from "./cli-errors.js";
export { type CliIo, DEFAULT_GATEWAY } from "./context.js";
export { type Profile, profilesDir } from "./profile.js";
export { EXIT_FAILURE, EXIT_USAGE, runCli } from "./run-cli.js";
