/**
 * The gateway's limit on key operations (derive, sign), fair between callers: at most `limit`
 * run at once; the waiting ones are queued per caller and a freed permit goes to the callers in
 * turn, so one caller sending thousands of operations delays another by at most about one
 * operation per caller ahead of it, instead of the whole backlog. Each caller may also have at
 * most `perCallerQueued` waiting, so no caller fills the shared queue and gets the others
 * refused. The caller is whoever the request runs for (see `asCaller`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type TokenIdentity, tokenUserDigest } from "@keyfrag/auth-client";
import { ResourceExhaustedError } from "@keyfrag/rpc";

const current = new AsyncLocalStorage<string>();

/** Runs `fn` (and everything it starts) on behalf of `caller` (`tokenCaller`, `PRODUCERS_CALLER`). */
export function asCaller<T>(caller: string, fn: () => T): T {
  return current.run(caller, fn);
}

/**
 * The caller a token speaks for, as the limiter counts it: one person, not one auth method.
 * Every user of a shared (OIDC, JWT, certificate…) method has the method's access id, so it
 * alone would let one of them fill the method's queue and starve the others; the method's
 * unique id (`kf_uid`) or, without one, the sub-claims tell users apart. Hashed, so a key is
 * short whatever the claims.
 */
export function tokenCaller(identity: TokenIdentity): string {
  return `token:${identity.accessId}:${tokenUserDigest(identity)}`;
}

/**
 * The producers service's calls (GatewayInternal): a bucket of their own, so issuing JWTs or
 * SSH certificates in bulk does not queue ahead of the gateway's own work ("").
 */
export const PRODUCERS_CALLER = "node:producers";

/** Who the code running now works for; "" for the gateway's own work (rewraps, preloading). */
export function currentCaller(): string {
  return current.getStore() ?? "";
}

export interface FairLimiterOptions {
  /** Operations running at once. */
  limit: number;
  /** Operations waiting, all callers together; beyond it RESOURCE_EXHAUSTED. */
  maxQueued: number;
  /** Operations one caller may have waiting (default: a tenth of maxQueued, at least 1). */
  perCallerQueued?: number;
  /** What is limited, for the error message ("key operations"). */
  what: string;
}

/** Creates the limiter; `run` takes the caller from `asCaller` unless given. */
export function createFairLimiter(options: FairLimiterOptions) {
  const perCaller = options.perCallerQueued ?? Math.max(1, Math.floor(options.maxQueued / 10));
  let active = 0;
  let queued = 0;
  // Caller → its waiters, in arrival order; the Map's order is the round-robin order.
  const queues = new Map<string, (() => void)[]>();

  /** Hands a freed permit to the caller whose turn it is (then moves it to the back). */
  function handOn(): void {
    const first = queues.entries().next();
    if (first.done) {
      active--;
      return;
    }
    const [caller, waiters] = first.value;
    const next = waiters.shift() as () => void;
    queues.delete(caller);
    if (waiters.length > 0) queues.set(caller, waiters);
    queued--;
    next();
  }

  return {
    async run<T>(fn: () => Promise<T>, caller: string = currentCaller()): Promise<T> {
      if (active >= options.limit) {
        const mine = queues.get(caller);
        if (queued >= options.maxQueued || (mine?.length ?? 0) >= perCaller) {
          throw new ResourceExhaustedError(`too many ${options.what} in progress; try again later`);
        }
        await new Promise<void>((resolve) => {
          if (mine) mine.push(resolve);
          else queues.set(caller, [resolve]);
          queued++;
        });
      } else {
        active++;
      }
      try {
        return await fn();
      } finally {
        handOn();
      }
    },

    /** Operations waiting now (for tests and metrics). */
    get waiting(): number {
      return queued;
    },
  };
}

export type FairLimiter = ReturnType<typeof createFairLimiter>;
