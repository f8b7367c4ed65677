/**
 * The second way the gateway learns of item changes: it polls the secrets service's change log
 * every `intervalMs`. NATS change events are fast but at most once; a lost one (no reconnect
 * seen) would otherwise leave a value cached for the whole TTL. With the poll, a value is stale
 * for at most one interval after its change was answered.
 */
import type { SecretCache } from "./secret-cache.js";

/** One page of the change log (the secrets service's ListChanges). */
export interface ChangesPage {
  last: number;
  names: string[];
  truncated: boolean;
}

export interface ChangePollDeps {
  listChanges(after: number, limit: number): Promise<ChangesPage>;
  cache: Pick<SecretCache, "invalidate" | "clear">;
  intervalMs: number;
  /** After the cache dropped a changed item (e.g. tell the key checks). */
  onChange?: (name: string) => void;
  /** After everything was dropped (the log no longer reached back far enough). */
  onReset?: () => void;
  onError?: (err: unknown) => void;
  /** Names per page (default 1000). */
  pageSize?: number;
}

/** Polls the change log; `poll` runs one pass (tests), `stop` ends the timer. */
export function pollSecretChanges(deps: ChangePollDeps) {
  const pageSize = deps.pageSize ?? 1_000;
  // Unknown until the first answer: nothing is invalidated for changes made before we looked.
  let position: number | undefined;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function pass(): Promise<void> {
    if (position === undefined) {
      position = (await deps.listChanges(0, pageSize)).last;
      // Whatever was cached before the first answer may predate changes we never saw.
      deps.cache.clear();
      return;
    }
    for (;;) {
      const page = await deps.listChanges(position, pageSize);
      if (page.truncated) {
        deps.cache.clear();
        deps.onReset?.();
      } else {
        for (const name of page.names) {
          deps.cache.invalidate(name);
          deps.onChange?.(name);
        }
      }
      position = page.last;
      if (page.truncated || page.names.length < pageSize) return;
    }
  }

  /** One pass, never two at once. */
  function poll(): Promise<void> {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    poll,
    start(): void {
      void poll().catch((err: unknown) => deps.onError?.(err));
      timer = setInterval(() => {
        poll().catch((err: unknown) => deps.onError?.(err));
      }, deps.intervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
    },
  };
}
