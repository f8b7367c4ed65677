/**
 * Process lifecycle shared by every service's main.ts: one place that turns a startup failure
 * into a clear message and exit code 1, an uncaught error into one log line and exit code 70,
 * and SIGTERM/SIGINT into one orderly stop and exit 0.
 */
import { writeSync } from "node:fs";

/** The exit code of a service that stopped on an uncaught error (EX_SOFTWARE). */
export const CRASH_EXIT_CODE = 70;

/**
 * Runs a service's composition root; if it fails, prints why (a ConfigError names the variables)
 * and exits 1. Installs the uncaught-error policy first (see `exitOnUncaughtError`).
 */
export function runMain(main: () => Promise<void>): void {
  exitOnUncaughtError();
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

/** On the first SIGTERM or SIGINT runs `stop` once, then exits 0 (1 if `stop` failed). */
export function onShutdown(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("shutdown failed:", err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}

let crashPolicyInstalled = false;

/**
 * The policy for errors nothing caught (a throw in an event callback, a rejected promise nobody
 * awaits), the same in every service: write one JSON line to stderr (the error's class, code,
 * first 200 characters of its message and its stack frames; no request data) and exit with
 * CRASH_EXIT_CODE at once, for the supervisor (Kubernetes, compose `restart: unless-stopped`,
 * `pnpm start`) to restart the process. Not staying up: after an uncaught error the process's
 * state is unknown — a lease-revocation worker, a leader lease renewal or a NATS subscription may
 * be dead while health still says SERVING — and a restart rebuilds all of it from Redis, NATS and
 * BullMQ. Request input must never get this far (each transport answers bad input with an error);
 * this is the backstop, and its log line makes any such bug visible.
 */
export function exitOnUncaughtError(): void {
  if (crashPolicyInstalled) return;
  crashPolicyInstalled = true;
  // With a listener here, an unhandled rejection arrives too (Node's default
  // --unhandled-rejections=throw turns it into an uncaught exception, origin "unhandledRejection").
  process.on("uncaughtException", (err: unknown, origin: string) => {
    try {
      writeSync(2, `${JSON.stringify(crashRecord(err, origin))}\n`);
    } finally {
      process.exit(CRASH_EXIT_CODE);
    }
  });
}

/** The crash line: pino's shape (level 60 = fatal) so log tooling reads it with the rest. */
function crashRecord(err: unknown, origin: string): Record<string, unknown> {
  const error = err instanceof Error ? err : undefined;
  const code = (error as { code?: unknown } | undefined)?.code;
  return {
    level: 60,
    time: Date.now(),
    pid: process.pid,
    msg: "uncaught error: exiting for a restart",
    origin,
    err: {
      type: error?.constructor.name ?? typeof err,
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
      message: (error ? error.message : String(err)).slice(0, 200),
      // Frames only: the stack's first line repeats the (unbounded) message.
      stack: (error?.stack ?? "")
        .split("\n")
        .filter((line) => line.startsWith("    at "))
        .slice(0, 20)
        .join("\n"),
    },
  };
}
