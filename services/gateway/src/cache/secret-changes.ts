/**
 * Keeps the secret cache honest: the secrets service announces every change of an item on
 * `<cluster>.secrets.changed`; an announced item is dropped at once, and everything is dropped
 * after a NATS reconnect, since announcements made meanwhile are lost.
 */
import {
  type NatsConnection,
  type SecretsChange,
  SecretsChangeSchema,
  subjects,
  subscribeJson,
} from "@keyfrag/bus";
import type { SecretCache } from "./secret-cache.js";

/** The subject the secrets service announces item changes on. */
export function secretsChangedSubject(cluster: string): string {
  return subjects(cluster).secretsChanged;
}

export interface SecretChangeWatchDeps {
  nc: NatsConnection;
  cluster: string;
  cache: Pick<SecretCache, "invalidate" | "clear">;
  /** After everything was dropped on a reconnect (e.g. to preload again). */
  onReset?: () => void;
  /** After the cache dropped the item a change event named (e.g. a key item was deleted). */
  onChange?: (change: SecretsChange) => void;
  onInvalid?: (err: unknown) => void;
}

/** Subscribes the cache to item changes; `close` stops listening. */
export function watchSecretChanges(deps: SecretChangeWatchDeps) {
  const { nc, cache } = deps;
  const sub = subscribeJson(
    nc,
    secretsChangedSubject(deps.cluster),
    SecretsChangeSchema,
    (change) => {
      cache.invalidate(change.name);
      deps.onChange?.(change);
    },
    deps.onInvalid,
  );
  const statuses = nc.status();
  void (async () => {
    for await (const status of statuses) {
      if (status.type === "reconnect") {
        cache.clear();
        deps.onReset?.();
      }
    }
  })().catch(() => undefined);
  return {
    /** Resolves once the subscription is registered at the server (tests publish right after). */
    flush: () => nc.flush(),
    close(): void {
      sub.unsubscribe();
      // nats.js returns a stoppable iterator; the connection itself is not ours to close.
      (statuses as Partial<{ stop(): void }>).stop?.();
    },
  };
}
