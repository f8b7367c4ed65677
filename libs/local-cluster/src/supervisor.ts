/**
 * Restarts the local cluster's processes that exit on their own (a service exits 70 on an
 * uncaught error, expecting a supervisor to restart it), as compose's `restart: unless-stopped`
 * and Kubernetes do for the deployed cluster.
 */
import type { Child } from "./child.js";

export interface SuperviseOptions {
  /** The running processes; an entry is replaced by its restarted process. */
  children: Child[];
  /** Starts the process named `name` again; resolves once it is ready. */
  start(name: string): Promise<Child>;
  say(line: string): void;
  /** Where a process's output goes, named when it exits. */
  logFile?(name: string): string;
  /** Wait before the first restart; doubled after each restart that did not last. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A process that ran this long counts as healthy: its next restart waits `minBackoffMs` again. */
  stableAfterMs?: number;
}

export interface Supervisor {
  /** Stops restarting (call before stopping the processes). */
  stop(): void;
}

/** Watches every child and restarts each one that exits, with exponential backoff. */
export function superviseChildren(o: SuperviseOptions): Supervisor {
  const minMs = o.minBackoffMs ?? 1_000;
  const maxMs = o.maxBackoffMs ?? 30_000;
  const stableMs = o.stableAfterMs ?? 60_000;
  let stopped = false;
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          waits.delete(wait);
          resolve();
        }, ms),
        resolve,
      };
      waits.add(wait);
    });

  const watch = (child: Child, failures: number) => {
    const startedAt = Date.now();
    void child.exited.then(async (code) => {
      if (stopped) return;
      let attempt = Date.now() - startedAt >= stableMs ? 0 : failures;
      const log = o.logFile ? ` (log: ${o.logFile(child.name)})` : "";
      let why = `exited (${code ?? child.process.signalCode})`;
      for (;;) {
        const delay = Math.min(maxMs, minMs * 2 ** attempt);
        o.say(`${child.name} ${why}${log}; restarting in ${delay / 1000} s`);
        await sleep(delay);
        if (stopped) return;
        try {
          const next = await o.start(child.name);
          if (stopped) return void (await next.stop());
          const at = o.children.indexOf(child);
          if (at >= 0) o.children[at] = next;
          o.say(`${child.name} restarted`);
          watch(next, attempt + 1);
          return;
        } catch (err) {
          attempt++;
          why = `did not restart: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
    });
  };
  for (const child of o.children) watch(child, 0);

  return {
    stop() {
      stopped = true;
      for (const wait of waits) {
        clearTimeout(wait.timer);
        wait.resolve();
      }
      waits.clear();
    },
  };
}
