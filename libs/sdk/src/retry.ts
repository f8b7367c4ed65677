/** Retry policy of the SDK: UNAVAILABLE only, capped exponential backoff with jitter. */
import { isRetryable, UnavailableError } from "@keyfrag/rpc";

export interface BackoffOptions {
  /** First delay before jitter (default 100 ms). */
  baseMs?: number;
  /** Largest delay (default 2 s). */
  maxMs?: number;
}

/**
 * Whether the SDK retries after `err`: only when the gateway could not be reached or went away
 * (UNAVAILABLE, or CANCELLED by a server shutting down). Deadlines are not retried: the call
 * may have taken effect and the caller's time budget is spent.
 */
export function shouldRetry(err: unknown): boolean {
  return err instanceof UnavailableError && isRetryable(err);
}

/** Delay before retry number `attempt` (0-based): min(max, base·2^attempt), jittered to 50–100 %. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 100;
  const max = options.maxMs ?? 2_000;
  const capped = Math.min(max, base * 2 ** attempt);
  // Jitter spreads the retries of many clients that failed together.
  return Math.round(capped * (0.5 + Math.random() * 0.5));
}

/** Runs `fn`, retrying up to `retries` times while `shouldRetry` says so. */
export async function withRetries<T>(
  fn: () => Promise<T>,
  retries: number,
  backoff: BackoffOptions = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= retries || !shouldRetry(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, backoff)));
    }
  }
}
