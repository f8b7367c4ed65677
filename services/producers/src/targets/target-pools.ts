/**
 * One bounded pool of admin connections per target, holding the target's unsealed admin
 * credentials for as long as it is used and `ttlMs` after its last use, not longer.
 *
 * - Every operation reads the target record (one Redis GET) and compares its fingerprint (type,
 *   connection, sealed credentials, key, creation time) with the pool's: a target whose
 *   credentials changed (deleted and made again, on any replica) gets a new pool, and the old one
 *   closes as soon as its operations in flight end. `drop` does the same at once (DeleteTarget
 *   on this replica).
 * - Concurrent first uses share one Unseal; a failed Unseal is not remembered.
 * - `ttlMs` after the last operation ended the pool closes its connections and forgets the
 *   credentials. The unsealed bytes (a Buffer) are zeroed as soon as they are parsed; the parsed
 *   strings cannot be overwritten in JavaScript, so they are only released (no reference left)
 *   for the garbage collector.
 */
import { createHash } from "node:crypto";
import type { CatalogStore } from "../catalog/catalog-store.js";
import { SEAL_PURPOSE, type TargetRecord, type TargetType } from "../catalog/catalog-types.js";
import type { CredentialDriver, DriverFactory } from "../drivers/driver.js";
import type { GatewayPort } from "../gateway-port.js";

export interface TargetPoolsDeps {
  catalog: Pick<CatalogStore, "getTarget">;
  gateway: Pick<GatewayPort, "unseal">;
  drivers: Readonly<Record<TargetType, DriverFactory>>;
  /** How long a pool (and the credentials in it) outlives its last use. */
  ttlMs: number;
  /** At most this many admin connections per target. */
  poolSize: number;
}

interface Entry {
  fingerprint: string;
  target: TargetRecord;
  driver: Promise<CredentialDriver>;
  inUse: number;
  dropped: boolean;
  timer: NodeJS.Timeout | undefined;
}

/** What a target record's credentials and connection are, as one comparable string. */
function fingerprintOf(target: TargetRecord): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        target.type,
        target.connection,
        target.sealedCredentials,
        target.keyName,
        target.createdAtMs,
      ]),
    )
    .digest("base64");
}

export function createTargetPools(deps: TargetPoolsDeps) {
  const entries = new Map<string, Entry>();
  let unseals = 0;

  function open(target: TargetRecord): Entry {
    const driver = (async () => {
      unseals++;
      const plaintext = await deps.gateway.unseal(
        target.keyName,
        SEAL_PURPOSE.target,
        target.name,
        Buffer.from(target.sealedCredentials, "base64"),
      );
      let secret: Record<string, string>;
      try {
        secret = JSON.parse(plaintext.toString("utf8")) as Record<string, string>;
      } finally {
        plaintext.fill(0);
      }
      return deps.drivers[target.type](target.connection, secret, { poolSize: deps.poolSize });
    })();
    const entry: Entry = {
      fingerprint: fingerprintOf(target),
      target,
      driver,
      inUse: 0,
      dropped: false,
      timer: undefined,
    };
    // A failed Unseal (or a bad secret) is tried again by the next operation.
    driver.catch(() => {
      if (entries.get(target.name) === entry) entries.delete(target.name);
      entry.dropped = true;
    });
    return entry;
  }

  /** Closes the entry's connections once nothing uses it; its credentials go with the driver. */
  function retire(entry: Entry): void {
    entry.dropped = true;
    if (entries.get(entry.target.name) === entry) entries.delete(entry.target.name);
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.inUse > 0) return;
    entry.driver.then(
      (driver) => driver.close?.().catch(() => {}),
      () => {},
    );
  }

  return {
    /** Runs `work` with the target's pooled driver (unsealing its credentials if none is open). */
    async use<T>(
      name: string,
      work: (target: TargetRecord, driver: CredentialDriver) => Promise<T>,
    ): Promise<T> {
      let target: TargetRecord;
      try {
        target = await deps.catalog.getTarget(name);
      } catch (err) {
        // Gone (or unreadable): its credentials are not kept for it.
        const stale = entries.get(name);
        if (stale) retire(stale);
        throw err;
      }
      let entry = entries.get(name);
      if (entry && entry.fingerprint !== fingerprintOf(target)) {
        retire(entry);
        entry = undefined;
      }
      if (!entry) {
        entry = open(target);
        entries.set(name, entry);
      }
      const held = entry;
      held.inUse++;
      clearTimeout(held.timer);
      held.timer = undefined;
      try {
        const driver = await held.driver;
        return await work(held.target, driver);
      } finally {
        held.inUse--;
        if (held.inUse === 0) {
          if (held.dropped) retire(held);
          else {
            held.timer = setTimeout(() => {
              if (held.inUse === 0) retire(held);
            }, deps.ttlMs);
            held.timer.unref();
          }
        }
      }
    },

    /** Closes the target's pool and forgets its credentials now (after operations in flight). */
    drop(name: string): void {
      const entry = entries.get(name);
      if (entry) retire(entry);
    },

    /** Closes every pool. */
    close(): void {
      for (const entry of [...entries.values()]) retire(entry);
    },

    /** Targets whose credentials are in memory now, and how many Unseals were started (tests). */
    stats(): { open: string[]; unseals: number } {
      return { open: [...entries.keys()], unseals };
    },
  };
}

export type TargetPools = ReturnType<typeof createTargetPools>;
