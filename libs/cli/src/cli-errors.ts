/** Errors the CLI raises itself; both end in one `error: …` line, never a stack trace. */

/** Bad flags or arguments: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An expected failure that is not the gateway's (a file that cannot be read…): exit code 1. */
export class CliError extends Error {
  override name = "CliError";
}
