/**
 * The gateway's opportunistic cache of static-secret values. Values are held only encrypted
 * (AES-256-GCM under a random key that lives in this process's memory and nowhere else), so a
 * heap dump or a swapped page shows ciphertext; the key is wiped on close. Pure: no I/O.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** One secret value as GetSecretValue answers it. */
export interface SecretValue {
  name: string;
  version: number;
  value: Uint8Array;
}

export interface SecretCacheOptions {
  /** How long an entry is served as is; 0 disables the cache. */
  ttlMs: number;
  /** How long after it was stored an entry may still be served while upstream is unavailable. */
  maxStaleMs: number;
  /** Most values held; the oldest go first. */
  maxEntries: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/** Taken before an upstream read: values read after an invalidation that followed it are not kept. */
export type CacheTicket = number;

interface Sealed {
  /** iv (12) ‖ tag (16) ‖ ciphertext, bound to (name, version) as associated data. */
  bytes: Buffer;
  storedAt: number;
}

interface Newest {
  version: number;
  storedAt: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Creates an empty cache with a fresh process-local key. */
export function createSecretCache(options: SecretCacheOptions) {
  const now = options.now ?? Date.now;
  const enabled = options.ttlMs > 0 && options.maxEntries > 0;
  const maxStaleMs = Math.max(options.maxStaleMs, options.ttlMs);
  const key = randomBytes(32);
  const values = new Map<string, Sealed>();
  const newest = new Map<string, Newest>();
  // A logical clock: every invalidation takes the next tick, and a read that started before
  // the tick of its name (or of the last full drop) may hold a value that is already outdated.
  let clock = 0;
  let droppedAllAt = 0;
  const invalidatedAt = new Map<string, number>();
  let closed = false;

  const slot = (name: string, version: number) => `${name}\u0000${version}`;

  function seal(name: string, version: number, value: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(slot(name, version)));
    const ct = Buffer.concat([cipher.update(value), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }

  function open(name: string, version: number, bytes: Buffer): Uint8Array {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(slot(name, version)));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return new Uint8Array(
      Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]),
    );
  }

  /** Keeps a map within maxEntries by dropping the entries inserted first. */
  function bound<V>(map: Map<string, V>, limit: number): void {
    while (map.size > limit) {
      const oldest = map.keys().next();
      if (oldest.done) return;
      map.delete(oldest.value);
    }
  }

  /** The values of `names` at `version` (0 = newest) stored no longer than `maxAgeMs` ago. */
  function lookup(names: readonly string[], version: number, maxAgeMs: number) {
    if (!enabled || closed) return undefined;
    const oldest = now() - maxAgeMs;
    const found: SecretValue[] = [];
    for (const name of names) {
      let v = version;
      if (v === 0) {
        const n = newest.get(name);
        if (!n || n.storedAt < oldest) return undefined;
        v = n.version;
      }
      const sealed = values.get(slot(name, v));
      if (!sealed || sealed.storedAt < oldest) return undefined;
      found.push({ name, version: v, value: open(name, v, sealed.bytes) });
    }
    return found;
  }

  function clear(): void {
    clock++;
    droppedAllAt = clock;
    invalidatedAt.clear();
    values.clear();
    newest.clear();
  }

  return {
    enabled,

    /** Call before reading upstream; hand the ticket to `put`. */
    ticket(): CacheTicket {
      return clock;
    },

    /**
     * Keeps values read upstream at `requested` (0 = newest, which also records each name's
     * newest version). Names invalidated since `ticket` are left out: the read may predate the change.
     */
    put(ticket: CacheTicket, requested: number, read: readonly SecretValue[]): void {
      if (!enabled || closed || ticket < droppedAllAt) return;
      const at = now();
      for (const v of read) {
        if ((invalidatedAt.get(v.name) ?? 0) > ticket) continue;
        const s = slot(v.name, v.version);
        // Re-inserted so the order of the map stays the order of storing (oldest first).
        values.delete(s);
        values.set(s, { bytes: seal(v.name, v.version, v.value), storedAt: at });
        if (requested === 0) {
          newest.delete(v.name);
          newest.set(v.name, { version: v.version, storedAt: at });
        }
      }
      bound(values, options.maxEntries);
      bound(newest, options.maxEntries);
    },

    /** Every value asked for, if each is fresh (stored within the TTL); otherwise undefined. */
    fresh(names: readonly string[], version: number): SecretValue[] | undefined {
      return lookup(names, version, options.ttlMs);
    },

    /**
     * Every value asked for, if each was stored within KF_CACHE_MAX_STALE_MS: only for when
     * upstream is unavailable.
     */
    stale(names: readonly string[], version: number): SecretValue[] | undefined {
      return lookup(names, version, maxStaleMs);
    },

    /** Drops every version of `name` (a change event named it, or the gateway wrote it). */
    invalidate(name: string): void {
      clock++;
      invalidatedAt.delete(name);
      invalidatedAt.set(name, clock);
      // Only reads in flight need these ticks; older ones can go, as long as reads that
      // started before a forgotten tick are refused as if everything had been dropped.
      if (invalidatedAt.size > options.maxEntries) {
        const oldest = invalidatedAt.entries().next();
        if (!oldest.done) {
          invalidatedAt.delete(oldest.value[0]);
          droppedAllAt = Math.max(droppedAllAt, oldest.value[1]);
        }
      }
      newest.delete(name);
      const prefix = `${name}\u0000`;
      for (const s of values.keys()) if (s.startsWith(prefix)) values.delete(s);
    },

    /** Drops everything (after a NATS reconnect: change events may have been missed). */
    clear,

    /** Number of values held. */
    get size(): number {
      return values.size;
    },

    /** The bytes the cache holds, exactly as stored (for tests: no plaintext in them). */
    storedBytes(): Buffer[] {
      return [...values.values()].map((s) => s.bytes);
    },

    /** Drops everything and wipes the key. */
    close(): void {
      clear();
      closed = true;
      key.fill(0);
    },
  };
}

export type SecretCache = ReturnType<typeof createSecretCache>;
