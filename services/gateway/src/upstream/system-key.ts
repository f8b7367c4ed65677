/** The cluster's system key: the DFC key static secrets use when they name none. */
import { ConflictError, call, type SecretsClient } from "@keyfrag/rpc";
import type { KeyService, KeyState } from "../keys/key-service.js";
import type { GatewayLogger } from "../pipeline/pipeline.js";

/**
 * Creates the system key (AES256GCM) at the coordinator and its dfc-key item at the secrets
 * service, each unless it exists, retrying until both answer or `stopped()` says to give up.
 * Also used for the webhook signing key (ED25519): a key is usable only with its item.
 */
export async function ensureSystemKey(deps: {
  name: string;
  algorithm?: "AES256GCM" | "ED25519";
  description?: string;
  keys: Pick<KeyService, "ensure" | "lookup">;
  /**
   * The view of the key this gateway already holds (keys/key-views.ts), if any: the key then
   * exists, so a start while no coordinator answers does not wait for one to create it.
   */
  known?: (name: string) => KeyState | undefined;
  secrets: SecretsClient;
  logger: GatewayLogger;
  stopped: () => boolean;
  retryMs?: number;
}): Promise<void> {
  const retryMs = deps.retryMs ?? 1_000;
  let attempt = 0;
  for (;;) {
    try {
      const algorithm = deps.algorithm ?? "AES256GCM";
      let key = deps.known?.(deps.name);
      if (!key) {
        await deps.keys.ensure(deps.name, algorithm);
        key = await deps.keys.lookup(deps.name, true);
      }
      try {
        await call(deps.secrets, "CreateItem", {
          name: deps.name,
          type: "dfc-key",
          description:
            deps.description ?? "keyfrag system key: encrypts static secrets that name no key",
          dfc_key: {
            algorithm,
            slots: key.view.key.slots.length,
            threshold: key.view.key.threshold,
            customer_slot: false,
            current_version: key.view.version,
          },
        });
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
      return;
    } catch (err) {
      if (deps.stopped()) throw err;
      // The coordinator, the fragment managers or the secrets service may still be starting.
      if (attempt++ % 5 === 0) deps.logger.warn({ err }, "system key not ready yet; retrying");
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}

/** Runs `make` (an idempotent key creation) until it succeeds or `stopped()` says to give up. */
export async function ensureKey(
  make: () => Promise<void>,
  logger: GatewayLogger,
  stopped: () => boolean,
  retryMs = 1_000,
): Promise<void> {
  for (let attempt = 0; !stopped(); attempt++) {
    try {
      await make();
      return;
    } catch (err) {
      if (attempt % 5 === 0) logger.warn({ err }, "key not ready yet; retrying");
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}
