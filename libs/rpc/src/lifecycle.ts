/**
 * Process lifecycle shared by every service's main.ts: one place that turns a startup failure
 * into a clear message and exit code 1, and SIGTERM/SIGINT into one orderly stop and exit 0.
 */

/** Runs a service's composition root; if it fails, prints why (a ConfigError names the variables) and exits 1. */
export function runMain(main: () => Promise<void>): void {
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
