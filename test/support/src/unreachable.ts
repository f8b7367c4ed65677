import type { Dependency } from "./dependency-source.js";

/** Builds the error thrown when a dependency cannot be used, naming what to fix. */
export function unreachable(dependency: Dependency, url: string, cause: unknown): Error {
  const reason = reasonOf(cause).replace(/\.$/, "");
  return new Error(
    `${dependency.name} is unavailable at ${redactUrl(url)}: ${reason}. ` +
      `Start it there, or set ${dependency.envVar} to the URL of a running ${dependency.name}.`,
    { cause },
  );
}

/** Drops the password from a URL so it can appear in logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "<unparseable URL>";
  }
}

// Node reports a failed dual-stack connect ("localhost" → ::1 and 127.0.0.1) as an
// AggregateError with an empty message; the useful text is in its members.
function reasonOf(cause: unknown): string {
  if (cause instanceof AggregateError && cause.message === "") {
    return cause.errors.map(reasonOf).join("; ");
  }
  return cause instanceof Error ? cause.message : String(cause);
}
