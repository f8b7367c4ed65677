import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  exportSigningNonce,
  type NonceCommitment,
  restoreSigningNonce,
  SIGNING_NONCE_BYTES,
  type SigningNonce,
  type SlotShare,
  signCommit,
} from "@keyfrag/crypto";
import { fsyncDir } from "./durable-file.js";

/*
 * The preprocessed FROST nonces of one fragment-manager node (RFC 9591 round one ahead of
 * time), durable so that no nonce is ever used for two signature shares, not across restarts
 * either: a nonce used on two messages reveals the slot's share.
 *
 * Rules, each written to disk and synced before the answer that depends on it leaves the node:
 * - a nonce is made when it is handed out (SignPreprocess), so it is handed out exactly once;
 *   its record is on disk before its commitment is returned;
 * - a nonce is taken out of memory at once by the one SignShare that names it, and its record
 *   is overwritten with zeros and synced before that SignShare computes and returns its share;
 * - a nonce not used within `ttlMs`, or pushed out by a newer one of the same key version
 *   (`maxPerKey`), is erased the same way.
 *
 * Layout: `<dir>/nonce-stock/stock.bin`, an array of fixed-size records (0600, directory 0700).
 * An all-zero record is free. A record is
 *   "KFNS" | format 1 | nonce id (16) | IV (12) | AES-256-GCM(plaintext) | tag (16)
 * with plaintext key id (16) | version (u32 BE) | slot (u32 BE) | issued at (f64 BE, ms) |
 * hiding ‖ binding scalars (64), under HKDF-SHA-256(nodeKey, STOCK_KEY_INFO), the clear part as
 * associated data. Records are written in place with positioned writes and one fdatasync per
 * batch (group commit): concurrent SignPreprocess and SignShare calls share a sync.
 *
 * On open, a record that does not authenticate (a torn write), has expired, or repeats another
 * record's id is erased; a trailing partial record is cut off.
 *
 * Limit: a disk rolled back to an older copy (by someone who can write the node's disk) brings
 * back erased records. The node key keeps them unreadable, but not unusable; keyfrag has no
 * monotonic counter to detect a rollback (see libs/crypto/README.md).
 */

/** A key version, as the stock files its nonces. */
export interface NonceKeyRef {
  readonly keyId: Uint8Array;
  readonly version: number;
}

/** A nonce handed out: the id a SignShare names and the public commitment. */
export interface IssuedNonce {
  readonly nonceId: string;
  readonly commitment: NonceCommitment;
}

export interface NonceStockOptions {
  /** The node's data directory; the stock lives in `<dir>/nonce-stock`. */
  readonly dir: string;
  /** The node-local key (32 bytes); records are sealed under a key derived from it. */
  readonly nodeKey: Uint8Array;
  /** How long a handed-out nonce stays usable (default 1 h). */
  readonly ttlMs?: number;
  /** Outstanding nonces kept per key version; the oldest are erased beyond it (default 256). */
  readonly maxPerKey?: number;
  /** Outstanding nonces kept in all (default 65,536): issuing beyond it is refused. */
  readonly maxTotal?: number;
  readonly now?: () => number;
}

/** The durable stock of preprocessed nonces of one node. */
export interface NonceStock {
  /**
   * Makes `count` fresh nonces for `share`'s slot of key version `key`, durably recorded before
   * it returns their ids and commitments.
   */
  issue(key: NonceKeyRef, share: SlotShare, count: number): Promise<IssuedNonce[]>;
  /**
   * Takes nonce `nonceId` for its one use: gone from memory at once, its record durably erased
   * before this resolves. Undefined if unknown, already used or expired.
   */
  take(nonceId: string): Promise<{ nonce: SigningNonce; key: NonceKeyRef } | undefined>;
  /** Erases every nonce of a key version (key erased). */
  dropKey(key: NonceKeyRef): Promise<void>;
  /** Erases expired nonces; returns how many. */
  sweep(): Promise<number>;
  /** How many nonces are outstanding. */
  size(): number;
  /** Erases the in-memory secrets and closes the file (outstanding records stay usable). */
  close(): Promise<void>;
}

/** Why the stock refused (never carries secret material). */
export class NonceStockError extends Error {
  readonly code: "invalid-argument" | "full" | "closed" | "unreadable";
  constructor(code: NonceStockError["code"], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

const STOCK_KEY_INFO = "keyfrag/fragment-manager/nonce-stock/v1 aes-256-gcm";
const AD_LABEL = Buffer.from("keyfrag/nonce-stock/v1", "ascii");
const MAGIC = Buffer.from("KFNS", "ascii");
const FORMAT = 1;
const ID_LENGTH = 16;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const CLEAR_LENGTH = MAGIC.length + 1 + ID_LENGTH;
const PLAINTEXT_LENGTH = 16 + 4 + 4 + 8 + SIGNING_NONCE_BYTES;
/** Bytes of one record on disk. */
export const NONCE_RECORD_BYTES = CLEAR_LENGTH + IV_LENGTH + PLAINTEXT_LENGTH + TAG_LENGTH;
const ZERO_RECORD = new Uint8Array(NONCE_RECORD_BYTES);
const ID_FORMAT = /^[0-9a-f]{32}$/;
/** Most nonces one call may ask for. */
export const MAX_NONCES_PER_CALL = 64;

interface Entry {
  readonly id: string;
  readonly index: number;
  readonly keyName: string;
  readonly key: NonceKeyRef;
  readonly issuedAt: number;
  readonly nonce: SigningNonce;
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
const keyNameOf = (k: NonceKeyRef) => `${hex(k.keyId)}/v${k.version}`;

/** Opens (creating if needed) the nonce stock under `options.dir`, erasing what cannot be used. */
export async function openNonceStock(options: NonceStockOptions): Promise<NonceStock> {
  if (!(options.nodeKey instanceof Uint8Array) || options.nodeKey.length !== 32)
    throw new NonceStockError("invalid-argument", "node key must be 32 bytes");
  const ttlMs = options.ttlMs ?? 3_600_000;
  const maxPerKey = options.maxPerKey ?? 256;
  const maxTotal = options.maxTotal ?? 65_536;
  const now = options.now ?? Date.now;
  let fileKey: Buffer | undefined = Buffer.from(
    hkdfSync("sha256", options.nodeKey, new Uint8Array(0), STOCK_KEY_INFO, 32),
  );
  const dir = join(options.dir, "nonce-stock");
  const path = join(dir, "stock.bin");
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await fsyncDir(dirname(dir));
  const existed = await open(path, "r")
    .then((h) => h.close().then(() => true))
    .catch(() => false);
  if (!existed) {
    await (await open(path, "a", 0o600)).close();
    await fsyncDir(dir);
  }
  const file: FileHandle = await open(path, "r+");

  const entries = new Map<string, Entry>();
  const byKey = new Map<string, Map<string, Entry>>();
  /** Record indexes free for reuse (their zeros are on disk). */
  const free: number[] = [];
  let records = 0;
  /** Records made for a batch whose write has not finished: not reused until then. */
  let reserved = 0;

  // Group commit: positioned writes queued by everyone, one fdatasync for all of them.
  let queue: { index: number; data: Uint8Array }[] = [];
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing = false;
  async function flushLoop(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        const done = waiters;
        queue = [];
        waiters = [];
        try {
          await Promise.all(
            batch.map((w) =>
              file.write(w.data, 0, NONCE_RECORD_BYTES, w.index * NONCE_RECORD_BYTES),
            ),
          );
          await file.datasync();
          for (const w of done) w.resolve();
        } catch (err) {
          for (const w of done) w.reject(err);
        }
      }
    } finally {
      flushing = false;
    }
  }
  function writeDurably(writes: { index: number; data: Uint8Array }[]): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      queue.push(...writes);
      waiters.push({ resolve, reject });
      if (!flushing) void flushLoop();
    });
  }

  function aesKey(): Buffer {
    if (!fileKey) throw new NonceStockError("closed", "nonce stock is closed");
    return fileKey;
  }

  function sealRecord(e: {
    id: string;
    key: NonceKeyRef;
    slot: number;
    issuedAt: number;
    secret: Uint8Array;
  }): Uint8Array {
    const clear = Buffer.concat([MAGIC, Buffer.from([FORMAT]), Buffer.from(e.id, "hex")]);
    const plaintext = Buffer.alloc(PLAINTEXT_LENGTH);
    Buffer.from(e.key.keyId).copy(plaintext, 0);
    plaintext.writeUInt32BE(e.key.version, 16);
    plaintext.writeUInt32BE(e.slot, 20);
    plaintext.writeDoubleBE(e.issuedAt, 24);
    plaintext.set(e.secret, 32);
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv("aes-256-gcm", aesKey(), iv);
    cipher.setAAD(Buffer.concat([AD_LABEL, clear]));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    plaintext.fill(0);
    return Buffer.concat([clear, iv, body, cipher.getAuthTag()]);
  }

  /** The record's contents, or undefined if it does not authenticate or is malformed. */
  function openRecord(record: Buffer):
    | {
        id: string;
        key: NonceKeyRef;
        slot: number;
        issuedAt: number;
        secret: Uint8Array;
      }
    | undefined {
    if (!record.subarray(0, MAGIC.length).equals(MAGIC) || record[MAGIC.length] !== FORMAT)
      return undefined;
    const clear = record.subarray(0, CLEAR_LENGTH);
    const iv = record.subarray(CLEAR_LENGTH, CLEAR_LENGTH + IV_LENGTH);
    const body = record.subarray(CLEAR_LENGTH + IV_LENGTH, NONCE_RECORD_BYTES - TAG_LENGTH);
    let plaintext: Buffer;
    try {
      const decipher = createDecipheriv("aes-256-gcm", aesKey(), iv);
      decipher.setAAD(Buffer.concat([AD_LABEL, clear]));
      decipher.setAuthTag(record.subarray(NONCE_RECORD_BYTES - TAG_LENGTH));
      plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      return undefined;
    }
    const out = {
      id: hex(clear.subarray(MAGIC.length + 1)),
      key: {
        keyId: new Uint8Array(plaintext.subarray(0, 16)),
        version: plaintext.readUInt32BE(16),
      },
      slot: plaintext.readUInt32BE(20),
      issuedAt: plaintext.readDoubleBE(24),
      secret: new Uint8Array(plaintext.subarray(32)),
    };
    plaintext.fill(0);
    return out;
  }

  function remember(e: Entry): void {
    entries.set(e.id, e);
    let m = byKey.get(e.keyName);
    if (!m) {
      m = new Map();
      byKey.set(e.keyName, m);
    }
    m.set(e.id, e);
  }

  /** Forgets (and wipes) an entry; its record must still be erased by the caller. */
  function forget(e: Entry): void {
    entries.delete(e.id);
    const m = byKey.get(e.keyName);
    m?.delete(e.id);
    if (m?.size === 0) byKey.delete(e.keyName);
    e.nonce.discard();
  }

  /** Durably zeroes the records at `indexes` (their entries already forgotten), then frees them. */
  async function erase(indexes: readonly number[]): Promise<void> {
    await writeDurably(indexes.map((index) => ({ index, data: ZERO_RECORD })));
    free.push(...indexes);
  }

  // ---- open: load every record, erase what cannot be used
  {
    const { size } = await file.stat();
    const whole = Math.floor(size / NONCE_RECORD_BYTES);
    if (whole * NONCE_RECORD_BYTES !== size) {
      await file.truncate(whole * NONCE_RECORD_BYTES);
      await file.sync();
    }
    records = whole;
    const data = Buffer.alloc(whole * NONCE_RECORD_BYTES);
    if (whole > 0) await file.read(data, 0, data.length, 0);
    const bad: number[] = [];
    const seen = new Map<string, number>();
    const t = now();
    for (let index = 0; index < whole; index++) {
      const record = data.subarray(index * NONCE_RECORD_BYTES, (index + 1) * NONCE_RECORD_BYTES);
      if (record.every((b) => b === 0)) {
        free.push(index);
        continue;
      }
      const r = openRecord(record);
      if (!r || !(t - r.issuedAt < ttlMs) || r.issuedAt > t + ttlMs) {
        r?.secret.fill(0);
        bad.push(index);
        continue;
      }
      const twin = seen.get(r.id);
      if (twin !== undefined) {
        // The same id twice is no record this code writes: use neither.
        r.secret.fill(0);
        bad.push(index);
        const e = entries.get(r.id);
        if (e) {
          forget(e);
          bad.push(e.index);
        }
        continue;
      }
      seen.set(r.id, index);
      let nonce: SigningNonce;
      try {
        nonce = restoreSigningNonce(r.slot, r.secret);
      } catch {
        bad.push(index);
        continue;
      } finally {
        r.secret.fill(0);
      }
      remember({
        id: r.id,
        index,
        keyName: keyNameOf(r.key),
        key: r.key,
        issuedAt: r.issuedAt,
        nonce,
      });
    }
    data.fill(0);
    await erase(bad);
  }

  return {
    async issue(key, share, count) {
      if (!Number.isInteger(count) || count < 1 || count > MAX_NONCES_PER_CALL)
        throw new NonceStockError(
          "invalid-argument",
          `count must be a whole number from 1 to ${MAX_NONCES_PER_CALL}, not ${count}`,
        );
      aesKey();
      if (entries.size + count > maxTotal)
        throw new NonceStockError(
          "full",
          `this node holds ${entries.size} preprocessed nonces, the most it keeps is ${maxTotal}`,
        );
      const keyName = keyNameOf(key);
      const issuedAt = now();
      const made: Entry[] = [];
      const writes: { index: number; data: Uint8Array }[] = [];
      for (let i = 0; i < count; i++) {
        const nonce = signCommit(share);
        const id = randomBytes(ID_LENGTH).toString("hex");
        const index = free.pop() ?? records++;
        const secret = exportSigningNonce(nonce);
        writes.push({
          index,
          data: sealRecord({ id, key, slot: share.slot, issuedAt, secret }),
        });
        secret.fill(0);
        made.push({ id, index, keyName, key, issuedAt, nonce });
      }
      // The oldest of this key version beyond the bound are erased in the same sync.
      const held = byKey.get(keyName);
      const excess = (held?.size ?? 0) + count - maxPerKey;
      const evicted: Entry[] = [];
      if (held && excess > 0) {
        for (const e of held.values()) {
          if (evicted.length >= excess) break;
          evicted.push(e);
        }
        for (const e of evicted) forget(e);
      }
      reserved += made.length;
      try {
        await writeDurably([
          ...writes,
          ...evicted.map((e) => ({ index: e.index, data: ZERO_RECORD })),
        ]);
      } catch (err) {
        // Nothing was handed out; whatever reached the disk expires with its TTL.
        for (const e of made) e.nonce.discard();
        throw new NonceStockError("unreadable", "the nonce stock could not be written", {
          cause: err,
        });
      } finally {
        reserved -= made.length;
      }
      free.push(...evicted.map((e) => e.index));
      for (const e of made) remember(e);
      return made.map((e) => ({ nonceId: e.id, commitment: e.nonce.commitment }));
    },

    async take(nonceId) {
      if (typeof nonceId !== "string" || !ID_FORMAT.test(nonceId)) return undefined;
      const e = entries.get(nonceId);
      if (!e) return undefined;
      // Out of memory first: a concurrent SignShare naming the same id finds nothing.
      entries.delete(e.id);
      const m = byKey.get(e.keyName);
      m?.delete(e.id);
      if (m?.size === 0) byKey.delete(e.keyName);
      try {
        await erase([e.index]);
      } catch (err) {
        e.nonce.discard();
        throw new NonceStockError("unreadable", "the nonce stock could not be written", {
          cause: err,
        });
      }
      if (!(now() - e.issuedAt < ttlMs)) {
        e.nonce.discard();
        return undefined;
      }
      return { nonce: e.nonce, key: e.key };
    },

    async dropKey(key) {
      const held = [...(byKey.get(keyNameOf(key))?.values() ?? [])];
      for (const e of held) forget(e);
      await erase(held.map((e) => e.index));
    },

    async sweep() {
      const t = now();
      const old = [...entries.values()].filter((e) => !(t - e.issuedAt < ttlMs));
      for (const e of old) forget(e);
      await erase(old.map((e) => e.index));
      return old.length;
    },

    size: () => entries.size,

    async close() {
      for (const e of [...entries.values()]) forget(e);
      while (flushing || queue.length > 0 || reserved > 0)
        await new Promise((r) => setTimeout(r, 5));
      fileKey?.fill(0);
      fileKey = undefined;
      await file.close();
    },
  };
}
