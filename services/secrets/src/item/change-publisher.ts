/**
 * What the secrets service does with an item change once it is stored: record it in the change
 * log (which gateways poll, so a lost NATS event still reaches them) and publish the NATS event.
 *
 * A change the log did not take must not be dropped silently, or gateways would serve the old
 * value until their cache TTL. So the write fails UNAVAILABLE (the caller learns that the change
 * may not be seen yet, and retries), and the name is kept and recorded again every `retryMs`
 * until the log takes it; past `maxPending` names, the log is truncated instead, which tells
 * every gateway to drop its whole cache.
 */
import { UnavailableError } from "@keyfrag/rpc";
import type { ChangeLog } from "./change-log.js";
import type { SecretsChange } from "./item-types.js";

export interface ChangePublisherDeps {
  changes: Pick<ChangeLog, "record" | "truncate">;
  /** Publishes the NATS change event (best effort: the log is what is relied on). */
  announce: (change: SecretsChange) => void;
  log: { error(obj: object, msg: string): void };
  /** How often unrecorded changes are retried (default 1 s). */
  retryMs?: number;
  /** Unrecorded names kept (default 10 000); beyond, the log is truncated once it answers. */
  maxPending?: number;
}

/** Creates the publisher; `publish` is the item service's hook, `close` stops the retries. */
export function createChangePublisher(deps: ChangePublisherDeps) {
  const retryMs = deps.retryMs ?? 1_000;
  const maxPending = deps.maxPending ?? 10_000;
  const pending = new Set<string>();
  let overflowed = false;
  let timer: NodeJS.Timeout | undefined;
  let flushing = false;

  /** Records what is pending; what still fails stays pending for the next round. */
  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      if (overflowed) {
        await deps.changes.truncate();
        overflowed = false;
        pending.clear();
      }
      for (const name of [...pending]) {
        await deps.changes.record(name);
        pending.delete(name);
      }
    } catch (err) {
      deps.log.error({ err, pending: pending.size }, "change log still unavailable");
    } finally {
      flushing = false;
      if (pending.size > 0 || overflowed) schedule();
    }
  }

  function schedule(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, retryMs);
    timer.unref();
  }

  return {
    /** Records and announces `change`; throws UNAVAILABLE when the log did not take it. */
    async publish(change: SecretsChange): Promise<void> {
      let unrecorded: unknown;
      try {
        // Before the answer: a gateway polling the log sees the change within its interval,
        // even if the event below is lost.
        await deps.changes.record(change.name);
      } catch (err) {
        unrecorded = err;
        if (pending.size < maxPending) pending.add(change.name);
        else overflowed = true;
        schedule();
      }
      try {
        deps.announce(change);
      } catch (err) {
        // The log has it (or will): gateways that miss this event learn it by polling.
        deps.log.error({ err, change }, "could not publish an item change event");
      }
      if (unrecorded !== undefined) {
        deps.log.error({ err: unrecorded, change }, "could not record an item change");
        throw new UnavailableError(
          "the change is stored but not yet logged for the gateways' caches; retry or re-read",
          { cause: unrecorded },
        );
      }
    },

    /** Changes not recorded yet (for tests and metrics). */
    get pending(): number {
      return pending.size + (overflowed ? 1 : 0);
    },

    /** Stops retrying (at shutdown). */
    close(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
