/**
 * The proactive cache: the static secrets under KF_CACHE_PRELOAD_PATHS are read (as the gateway
 * itself: no caller, so no policy check and no audit event of a caller) at start and every
 * TTL/2, so a first read after an outage of the secrets service or the fragment cluster can
 * still be served. Logs counts, never names' values.
 */
import { call, type SecretsClient } from "@keyfrag/rpc";
import type { CacheTicket, SecretValue } from "./secret-cache.js";

/** Most names the secrets service reads at once (its MAX_NAMES_PER_READ). */
const BATCH = 100;
const PAGE_SIZE = 1_000;

export interface CachePreloaderDeps {
  /** Folders, e.g. `/prod/app` (every static secret below, at any depth). */
  paths: readonly string[];
  secrets: SecretsClient;
  /** Reads and decrypts the newest version of each name (the gateway's secret service). */
  read(names: string[], version: number): Promise<SecretValue[]>;
  cache: {
    ticket(): CacheTicket;
    put(ticket: CacheTicket, requested: number, read: SecretValue[]): void;
  };
  intervalMs: number;
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** Creates the preloader; nothing happens before `start`. */
export function createCachePreloader(deps: CachePreloaderDeps) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  async function listNames(path: string): Promise<string[]> {
    const names: string[] = [];
    let pageToken = "";
    do {
      const page = await call(deps.secrets, "ListItems", {
        path,
        type: "static-secret",
        page_size: PAGE_SIZE,
        page_token: pageToken,
      });
      for (const item of page.items) names.push(item.name);
      pageToken = page.next_page_token;
    } while (pageToken);
    return names;
  }

  /** Loads a batch; if one name spoils it (deleted meanwhile, undecryptable), each one alone. */
  async function load(names: string[]): Promise<{ loaded: number; failed: number }> {
    const ticket = deps.cache.ticket();
    try {
      deps.cache.put(ticket, 0, await deps.read(names, 0));
      return { loaded: names.length, failed: 0 };
    } catch {
      if (names.length === 1) return { loaded: 0, failed: 1 };
    }
    let loaded = 0;
    let failed = 0;
    for (const name of names) {
      const one = await load([name]);
      loaded += one.loaded;
      failed += one.failed;
    }
    return { loaded, failed };
  }

  /** One pass over every folder. */
  async function runOnce(): Promise<{ listed: number; loaded: number; failed: number }> {
    const started = Date.now();
    let listed = 0;
    let loaded = 0;
    let failed = 0;
    for (const path of deps.paths) {
      try {
        const names = [...new Set(await listNames(path))];
        listed += names.length;
        for (let i = 0; i < names.length; i += BATCH) {
          const r = await load(names.slice(i, i + BATCH));
          loaded += r.loaded;
          failed += r.failed;
        }
      } catch (err) {
        deps.logger.warn({ err, path }, "cache preload could not list a folder");
      }
    }
    deps.logger.info(
      { paths: deps.paths.length, listed, loaded, failed, ms: Date.now() - started },
      "cache preloaded",
    );
    return { listed, loaded, failed };
  }

  /** Runs a pass unless one is running (then one more follows it). */
  function trigger(): void {
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .then(() => undefined)
      .catch((err: unknown) => deps.logger.warn({ err }, "cache preload failed"))
      .finally(() => {
        running = undefined;
        if (again && timer) {
          again = false;
          trigger();
        }
      });
  }

  return {
    runOnce,
    /** A pass now, then every `intervalMs`. */
    start(): void {
      if (deps.paths.length === 0 || timer) return;
      timer = setInterval(trigger, deps.intervalMs);
      timer.unref();
      trigger();
    },
    /** A pass now (after the cache was dropped on a NATS reconnect). */
    trigger: () => {
      if (timer) trigger();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type CachePreloader = ReturnType<typeof createCachePreloader>;
