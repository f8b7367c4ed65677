/** A cache miss of GetSecretValue: read upstream and keep the answer, or serve stale values. */
import { isUnavailability } from "../items/upstream-errors.js";
import type { SecretCache, SecretValue } from "./secret-cache.js";

export interface ReadThroughDeps {
  cache: Pick<SecretCache, "ticket" | "put" | "stale">;
  /** The upstream read: secrets service and fragment cluster. */
  read(names: string[], version: number): Promise<SecretValue[]>;
  /**
   * Called before stale values are served, with the upstream error; if it throws (the audit
   * event could not be recorded), nothing is served.
   */
  beforeStale(err: unknown): Promise<void>;
}

/**
 * Reads `names` at `version` upstream and caches the answer. Only when upstream is unavailable
 * (UNAVAILABLE, DEADLINE_EXCEEDED) are cached values past their TTL (up to max-stale) served;
 * any other failure (not found, denied, bad input) is the caller's answer.
 */
export async function readThrough(
  deps: ReadThroughDeps,
  names: string[],
  version: number,
): Promise<{ values: SecretValue[]; stale: boolean }> {
  const ticket = deps.cache.ticket();
  try {
    const values = await deps.read(names, version);
    deps.cache.put(ticket, version, values);
    return { values, stale: false };
  } catch (err) {
    if (!isUnavailability(err)) throw err;
    const stale = deps.cache.stale(names, version);
    if (!stale) throw err;
    await deps.beforeStale(err);
    return { values: stale, stale: true };
  }
}
