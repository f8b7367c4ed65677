import { hkdfSync, timingSafeEqual } from "node:crypto";
import { mkdir, readdir, readFile, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { checkShare, type KeyPublic, keyPublicToJson, type SlotShare } from "@keyfrag/crypto";
import { eraseFile, fsyncDir, isErrno, writeFileAtomic } from "./durable-file.js";
import {
  decodeFragment,
  type FragmentFileJson,
  type FragmentState,
  type Held,
  type Retired,
  readHeader,
  seal,
  unseal,
} from "./fragment-file.js";
import { FragmentStoreError } from "./fragment-store-error.js";

export type { FragmentState } from "./fragment-file.js";
export {
  FragmentStoreError,
  type FragmentStoreErrorReason,
} from "./fragment-store-error.js";

/*
 * The fragment store of one fragment-manager node: the only place its fragments touch disk.
 *
 * Layout under the node's data directory (directories 0700, files 0600):
 *
 *   <dir>/fragments/node-key.check                  proves the node key on open (encrypted constant)
 *   <dir>/fragments/<keyIdHex>/v<version>/current.frag   the epoch in use
 *   <dir>/fragments/<keyIdHex>/v<version>/previous.frag  the epoch before the last refresh (grace only)
 *   <dir>/fragments/<keyIdHex>/v<version>/pending.frag   the next epoch, prepared but not committed
 *   .../.<name>.<random>.tmp                        an atomic write in progress (removed on open)
 *
 * Every file is `"KFFS" | format 1 | epoch (u32 BE) | IV (12) | AES-256-GCM ciphertext | tag (16)`.
 * The key is HKDF-SHA-256(nodeKey, info = STORE_KEY_INFO). The associated data is the 9-byte
 * header followed by the file's logical identity — key id, version, epoch and state — taken from
 * the path the file is read from, so a file moved or copied to another fragment's path, or to
 * another state, fails authentication. The plaintext is JSON: the share (secret in hex) and the
 * key's public data at that epoch.
 *
 * A commit is several atomic file operations in a fixed order (erase old previous → write
 * previous → write current → erase pending). Every prefix of that sequence leaves the old or the
 * new epoch usable, and `createFragmentStore` repairs the leftovers on open (a previous that is
 * not older than current, a pending that is not current + 1), so a crash never mixes epochs.
 */

/** A fragment and the public data of its key at the same epoch. */
export interface FragmentRecord {
  readonly share: SlotShare;
  readonly key: KeyPublic;
}

/** One key version this node holds a fragment of. */
export interface HeldFragment {
  readonly keyId: Uint8Array;
  readonly version: number;
  readonly slot: number;
  /** The current epoch. */
  readonly epoch: number;
  /** The previous epoch, while its grace period lasts. */
  readonly previousEpoch?: number;
  /** The epoch prepared by a refresh and not yet committed. */
  readonly pendingEpoch?: number;
}

/** What {@link createFragmentStore} needs. */
export interface FragmentStoreOptions {
  /** The node's own data directory; the store keeps its files under `<dir>/fragments`. */
  readonly dir: string;
  /** The node-local key (32 bytes) every file is encrypted under, through HKDF. */
  readonly nodeKey: Uint8Array;
  /** How long a previous epoch stays readable after a refresh (default 60 s). */
  readonly previousGraceMs?: number;
  /** Clock in ms since the epoch (default `Date.now`); injectable for tests. */
  readonly now?: () => number;
  /**
   * Told after every change of a key version's current or pending epoch (also one that failed
   * half-way), so a summary of what is held (heartbeats' held-key sets) is recomputed only
   * where something changed.
   */
  readonly onChange?: (keyIdHex: string, version: number) => void;
}

/** What a node holds of one key version, public data only: no secret is copied. */
export interface HeldPublic {
  readonly epoch: number;
  readonly key: KeyPublic;
  readonly pendingEpoch?: number;
  readonly pendingKey?: KeyPublic;
}

/** The encrypted, durable store of one node's fragments. */
export interface FragmentStore {
  /** Stores a fragment as current (after DKG or catch-up); an older current becomes previous. */
  putCurrent(keyId: Uint8Array, version: number, share: SlotShare, key: KeyPublic): Promise<void>;
  /** Stores the fragment a refresh prepared for epoch current + 1, replacing any other pending one. */
  putPending(keyId: Uint8Array, version: number, share: SlotShare, key: KeyPublic): Promise<void>;
  /** Makes pending `epoch` current and the old current previous; a no-op if `epoch` is current. */
  commitPending(keyId: Uint8Array, version: number, epoch: number): Promise<void>;
  /** Erases pending `epoch`; a no-op if there is none. Refuses if `epoch` is already current. */
  abortPending(keyId: Uint8Array, version: number, epoch: number): Promise<void>;
  /** The fragment at `epoch` if it is current, or previous and within its grace period. */
  get(keyId: Uint8Array, version: number, epoch: number): Promise<FragmentRecord | undefined>;
  /** The pending fragment at `epoch`, if any. */
  getPending(
    keyId: Uint8Array,
    version: number,
    epoch: number,
  ): Promise<FragmentRecord | undefined>;
  /** Every key version held, ordered by key id and version. */
  list(): Promise<HeldFragment[]>;
  /** What is held of one key version (as `list` would say), without listing every key. */
  held(keyId: Uint8Array, version: number): HeldFragment | undefined;
  /** The current (and pending) epoch of one key version and their public data, if held. */
  heldPublic(keyIdHex: string, version: number): HeldPublic | undefined;
  /** Erases every previous epoch whose grace period has ended by `now`; returns how many. */
  erasePreviousOlderThan(now?: number): Promise<number>;
  /** Erases every fragment of a key version (key deletion, abandoned key generation). */
  eraseKey(keyId: Uint8Array, version: number): Promise<void>;
  /** Wipes the decrypted fragments and the file key from memory; later calls fail. */
  close(): void;
}

const DEFAULT_GRACE_MS = 60_000;
const STORE_KEY_INFO = "keyfrag/fragment-manager/fragment-store/v1 aes-256-gcm";
const KEY_ID_LENGTH = 16;
const MAX_U32 = 0xffff_ffff;
const CHECK_FILE = "node-key.check";
const CHECK_PLAINTEXT = "keyfrag fragment store node key v1";
const STATES: readonly FragmentState[] = ["current", "previous", "pending"];
const KEY_ID_DIR = /^[0-9a-f]{32}$/;
const VERSION_DIR = /^v(0|[1-9][0-9]*)$/;
const TEMP_FILE = /^\..+\.tmp$/;

/** What the store holds for one key version; each state owns its own copy of the secret. */
interface VersionEntry {
  readonly keyId: Uint8Array;
  readonly keyIdHex: string;
  readonly version: number;
  readonly dir: string;
  current?: Held;
  previous?: Retired;
  pending?: Held;
}

/** Opens (creating if needed) the fragment store in `options.dir`, checking every file on disk. */
export async function createFragmentStore(options: FragmentStoreOptions): Promise<FragmentStore> {
  const { dir } = options;
  if (!(options.nodeKey instanceof Uint8Array) || options.nodeKey.length !== 32) {
    throw new FragmentStoreError("invalid-argument", "node key must be 32 bytes");
  }
  const graceMs = options.previousGraceMs ?? DEFAULT_GRACE_MS;
  if (!Number.isFinite(graceMs) || graceMs < 0) {
    throw new FragmentStoreError("invalid-argument", `previous grace ${graceMs} ms is not >= 0`);
  }
  const now = options.now ?? Date.now;
  const root = join(dir, "fragments");
  let fileKey: Buffer | undefined = Buffer.from(
    hkdfSync("sha256", options.nodeKey, new Uint8Array(0), STORE_KEY_INFO, 32),
  );
  const entries = new Map<string, VersionEntry>();
  const locks = new Map<string, Promise<void>>();

  function aesKey(): Buffer {
    if (!fileKey) throw new FragmentStoreError("closed", "fragment store is closed");
    return fileKey;
  }

  function entryName(keyIdHex: string, version: number): string {
    return `${keyIdHex}/v${version}`;
  }

  function newEntry(keyId: Uint8Array, version: number): VersionEntry {
    const keyIdHex = hex(keyId);
    return {
      keyId: new Uint8Array(keyId),
      keyIdHex,
      version,
      dir: join(root, keyIdHex, `v${version}`),
    };
  }

  function filePath(e: VersionEntry, state: FragmentState): string {
    return join(e.dir, `${state}.frag`);
  }

  function fragmentContext(e: VersionEntry, epoch: number, state: FragmentState) {
    return ["fragment", e.keyIdHex, e.version, epoch, state];
  }

  /** Runs mutations of one key version one after another, never interleaved. */
  /** withLock for a change of the key version `id`: onChange is told once it is done. */
  async function changing(
    id: { name: string; keyIdHex: string; version: number },
    fn: () => Promise<void>,
  ): Promise<void> {
    try {
      await withLock(id.name, fn);
    } finally {
      options.onChange?.(id.keyIdHex, id.version);
    }
  }

  async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = locks.get(name) ?? Promise.resolve();
    const result = previous.then(fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    locks.set(name, tail);
    void tail.then(() => {
      if (locks.get(name) === tail) locks.delete(name);
    });
    return result;
  }

  async function writeState(
    e: VersionEntry,
    state: FragmentState,
    held: Held | Retired,
  ): Promise<void> {
    const payload: FragmentFileJson = {
      keyId: e.keyIdHex,
      version: e.version,
      state,
      share: {
        suite: held.share.suite,
        slot: held.share.slot,
        epoch: held.share.epoch,
        secret: hex(held.share.secret),
      },
      key: keyPublicToJson(held.key),
      ...("retiredAt" in held ? { retiredAt: held.retiredAt } : {}),
    };
    const plaintext = Buffer.from(JSON.stringify(payload), "utf8");
    let sealed: Buffer;
    try {
      const epoch = held.share.epoch;
      sealed = seal(aesKey(), epoch, fragmentContext(e, epoch, state), plaintext);
    } finally {
      plaintext.fill(0);
    }
    await writeFileAtomic(filePath(e, state), sealed);
  }

  /** Erases the file of `state` and forgets (and wipes) what memory held for it. */
  async function dropState(e: VersionEntry, state: FragmentState): Promise<void> {
    await eraseFile(filePath(e, state));
    const held = e[state];
    e[state] = undefined;
    wipeHeld(held);
  }

  /** Makes `cur` the previous epoch, replacing (and erasing) any older previous. */
  async function retire(e: VersionEntry, cur: Held): Promise<void> {
    if (e.previous) await dropState(e, "previous");
    const retired: Retired = { ...copyHeld(cur), retiredAt: now() };
    await writeState(e, "previous", retired);
    e.previous = retired;
  }

  function expired(previous: Retired, at: number): boolean {
    return at >= previous.retiredAt + graceMs;
  }

  async function dropPreviousIfExpired(e: VersionEntry, at: number): Promise<boolean> {
    if (!e.previous || !expired(e.previous, at)) return false;
    await dropState(e, "previous");
    return true;
  }

  async function ensureVersionDir(e: VersionEntry): Promise<void> {
    const created = await mkdir(e.dir, { recursive: true, mode: 0o700 });
    if (created !== undefined) {
      await fsyncDir(dirname(e.dir));
      await fsyncDir(root);
    }
  }

  /** Reads, decrypts and checks one state file; undefined if it does not exist. */
  async function loadState(
    e: VersionEntry,
    state: FragmentState,
  ): Promise<Held | Retired | undefined> {
    const path = filePath(e, state);
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch (err) {
      if (isErrno(err, "ENOENT")) return undefined;
      throw err;
    }
    const epoch = readHeader(file, path);
    const plaintext = unseal(aesKey(), file, fragmentContext(e, epoch, state), path);
    try {
      return decodeFragment(plaintext, { e, state, epoch, path });
    } finally {
      plaintext.fill(0);
    }
  }

  async function loadEntry(e: VersionEntry): Promise<void> {
    for (const name of await readdir(e.dir)) {
      if (TEMP_FILE.test(name)) await eraseFile(join(e.dir, name));
    }
    const current = await loadState(e, "current");
    const previous = (await loadState(e, "previous")) as Retired | undefined;
    const pending = await loadState(e, "pending");
    if (!current) {
      // Leftovers of an interrupted eraseKey (current goes last): nothing usable remains.
      await eraseFile(filePath(e, "previous"));
      await eraseFile(filePath(e, "pending"));
      wipeHeld(previous);
      wipeHeld(pending);
      await removeEmptyDirs(e);
      return;
    }
    e.current = current;
    entries.set(entryName(e.keyIdHex, e.version), e);
    for (const [state, held] of [
      ["previous", previous],
      ["pending", pending],
    ] as const) {
      if (held && !sameKey(current, held)) {
        throw new FragmentStoreError(
          "unreadable-file",
          `${filePath(e, state)} holds a fragment of another key or slot than ${filePath(e, "current")}`,
          { path: filePath(e, state) },
        );
      }
    }
    // A previous that is not older than current, or a pending that is not current + 1, is what
    // an interrupted commit or catch-up leaves behind: the current file already says where the
    // key stands.
    if (previous) {
      e.previous = previous;
      if (previous.share.epoch >= current.share.epoch) await dropState(e, "previous");
      else await dropPreviousIfExpired(e, now());
    }
    if (pending) {
      e.pending = pending;
      if (pending.share.epoch !== current.share.epoch + 1) await dropState(e, "pending");
    }
  }

  async function removeEmptyDirs(e: VersionEntry): Promise<void> {
    for (const path of [e.dir, dirname(e.dir)]) {
      try {
        await rmdir(path);
      } catch (err) {
        if (isErrno(err, "ENOENT")) continue;
        if (isErrno(err, "ENOTEMPTY") || isErrno(err, "EEXIST")) break;
        throw err;
      }
    }
    await fsyncDir(root);
  }

  async function openStore(): Promise<void> {
    const created = await mkdir(root, { recursive: true, mode: 0o700 });
    if (created !== undefined) await fsyncDir(dirname(root));
    for (const name of await readdir(root)) {
      if (TEMP_FILE.test(name)) await eraseFile(join(root, name));
    }
    const checkFileFound = await checkNodeKey();
    for (const keyDir of await readdir(root, { withFileTypes: true })) {
      if (!keyDir.isDirectory() || !KEY_ID_DIR.test(keyDir.name)) continue;
      const keyId = new Uint8Array(Buffer.from(keyDir.name, "hex"));
      for (const versionDir of await readdir(join(root, keyDir.name), { withFileTypes: true })) {
        const match = VERSION_DIR.exec(versionDir.name);
        if (!versionDir.isDirectory() || !match) continue;
        const version = Number(match[1]);
        if (!Number.isSafeInteger(version)) continue;
        await loadEntry(newEntry(keyId, version));
      }
    }
    // Written only once every fragment opened: a wrong node key given to a directory that lost
    // its check file must not leave a check file that then locks out the right key.
    if (!checkFileFound) {
      const plaintext = Buffer.from(CHECK_PLAINTEXT, "utf8");
      await writeFileAtomic(
        join(root, CHECK_FILE),
        seal(aesKey(), 0, ["node-key-check"], plaintext),
      );
    }
  }

  /** Fails on a wrong node key; false if there is no check file yet. */
  async function checkNodeKey(): Promise<boolean> {
    const path = join(root, CHECK_FILE);
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch (err) {
      if (isErrno(err, "ENOENT")) return false;
      throw err;
    }
    let plaintext: Buffer;
    try {
      plaintext = unseal(aesKey(), file, ["node-key-check"], path);
    } catch (cause) {
      throw new FragmentStoreError(
        "wrong-node-key",
        `the node key does not open ${path}: this data directory was written with another node key (or the file was altered)`,
        { path, cause },
      );
    }
    if (plaintext.toString("utf8") !== CHECK_PLAINTEXT) {
      throw new FragmentStoreError("unreadable-file", `${path} has unexpected contents`, { path });
    }
    return true;
  }

  function checkedId(
    keyId: Uint8Array,
    version: number,
  ): { name: string; keyIdHex: string; version: number } {
    if (!(keyId instanceof Uint8Array) || keyId.length !== KEY_ID_LENGTH) {
      throw new FragmentStoreError("invalid-argument", `key id must be ${KEY_ID_LENGTH} bytes`);
    }
    if (!Number.isSafeInteger(version) || version < 0) {
      throw new FragmentStoreError("invalid-argument", `version ${version} is not an integer >= 0`);
    }
    aesKey(); // fails once closed
    const keyIdHex = hex(keyId);
    return { name: entryName(keyIdHex, version), keyIdHex, version };
  }

  function checkEpoch(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0 || epoch > MAX_U32) {
      throw new FragmentStoreError("invalid-argument", `epoch ${epoch} is not an integer >= 0`);
    }
  }

  /** Checks that `share` belongs to `key` and returns a copy the store owns. */
  function checkedFragment(share: SlotShare, key: KeyPublic): Held {
    checkEpoch(share.epoch);
    try {
      checkShare(share, key);
    } catch (cause) {
      throw new FragmentStoreError(
        "invalid-argument",
        `fragment does not match the key's public data: ${(cause as Error).message}`,
        { cause },
      );
    }
    return copyHeld({ share, key });
  }

  function describe(e: { keyIdHex: string; version: number }): string {
    return `key ${e.keyIdHex} v${e.version}`;
  }

  function checkSameKey(e: VersionEntry, cur: Held, next: Held): void {
    if (!sameKey(cur, next)) {
      throw new FragmentStoreError(
        "conflict",
        `${describe(e)}: the fragment is of another key or slot than the one held (slot ${cur.share.slot})`,
      );
    }
  }

  function heldOf(e: VersionEntry, at: number): HeldFragment | undefined {
    if (!e.current) return undefined;
    return {
      keyId: new Uint8Array(e.keyId),
      version: e.version,
      slot: e.current.share.slot,
      epoch: e.current.share.epoch,
      ...(e.previous && !expired(e.previous, at) ? { previousEpoch: e.previous.share.epoch } : {}),
      ...(e.pending ? { pendingEpoch: e.pending.share.epoch } : {}),
    };
  }

  function wipeAll(): void {
    for (const e of entries.values()) {
      for (const state of STATES) wipeHeld(e[state]);
    }
    entries.clear();
    fileKey?.fill(0);
    fileKey = undefined;
  }

  try {
    await openStore();
  } catch (err) {
    wipeAll();
    throw err;
  }

  return {
    async putCurrent(keyId, version, share, key) {
      const id = checkedId(keyId, version);
      const next = checkedFragment(share, key);
      await changing(id, async () => {
        const e = entries.get(id.name) ?? newEntry(keyId, version);
        const cur = e.current;
        if (cur) {
          checkSameKey(e, cur, next);
          const [was, is] = [cur.share.epoch, next.share.epoch];
          if (is < was) {
            wipeHeld(next);
            throw new FragmentStoreError(
              "conflict",
              `${describe(e)}: epoch ${is} is older than the current epoch ${was}`,
            );
          }
          if (is === was) {
            const same = sameFragment(cur, next);
            wipeHeld(next);
            if (same) return; // already stored: idempotent
            throw new FragmentStoreError(
              "conflict",
              `${describe(e)}: a different fragment is already current at epoch ${was}`,
            );
          }
          await retire(e, cur);
        } else {
          await ensureVersionDir(e);
          entries.set(id.name, e);
        }
        await writeState(e, "current", next);
        e.current = next;
        wipeHeld(cur);
        // A prepared refresh to an epoch this node has now reached (or passed) is stale.
        if (e.pending && e.pending.share.epoch <= next.share.epoch) await dropState(e, "pending");
      });
    },

    async putPending(keyId, version, share, key) {
      const id = checkedId(keyId, version);
      const next = checkedFragment(share, key);
      await changing(id, async () => {
        const e = entries.get(id.name);
        const cur = e?.current;
        if (!e || !cur) {
          wipeHeld(next);
          throw new FragmentStoreError(
            "conflict",
            `${describe(id)}: no current fragment, so there is no epoch to refresh from`,
          );
        }
        checkSameKey(e, cur, next);
        if (next.share.epoch !== cur.share.epoch + 1) {
          wipeHeld(next);
          throw new FragmentStoreError(
            "conflict",
            `${describe(e)}: pending epoch must be ${cur.share.epoch + 1} (current + 1), got ${next.share.epoch}`,
          );
        }
        if (e.pending) await dropState(e, "pending");
        await writeState(e, "pending", next);
        e.pending = next;
      });
    },

    async commitPending(keyId, version, epoch) {
      const id = checkedId(keyId, version);
      checkEpoch(epoch);
      await changing(id, async () => {
        const e = entries.get(id.name);
        const cur = e?.current;
        if (!e || !cur) {
          throw new FragmentStoreError(
            "conflict",
            `${describe(id)}: cannot commit epoch ${epoch}: no fragment of this key version is held`,
          );
        }
        if (cur.share.epoch === epoch) return; // committed before: idempotent
        const pending = e.pending;
        if (!pending || pending.share.epoch !== epoch) {
          throw new FragmentStoreError(
            "conflict",
            `${describe(e)}: cannot commit epoch ${epoch}: no pending fragment at that epoch (current ${cur.share.epoch}, pending ${pending?.share.epoch ?? "none"})`,
          );
        }
        // Order matters for crash safety; see the comment at the top of this file.
        await retire(e, cur);
        const next = copyHeld(pending);
        await writeState(e, "current", next);
        e.current = next;
        wipeHeld(cur);
        await dropState(e, "pending");
      });
    },

    async abortPending(keyId, version, epoch) {
      const id = checkedId(keyId, version);
      checkEpoch(epoch);
      await changing(id, async () => {
        const e = entries.get(id.name);
        if (!e) return;
        if (e.current?.share.epoch === epoch) {
          throw new FragmentStoreError(
            "conflict",
            `${describe(e)}: cannot abort epoch ${epoch}: it is already committed (current)`,
          );
        }
        if (e.pending?.share.epoch === epoch) await dropState(e, "pending");
      });
    },

    async get(keyId, version, epoch) {
      const id = checkedId(keyId, version);
      checkEpoch(epoch);
      const e = entries.get(id.name);
      if (!e) return undefined;
      if (e.current?.share.epoch === epoch) return copyHeld(e.current);
      const previous = e.previous;
      if (previous?.share.epoch !== epoch) return undefined;
      const at = now();
      if (!expired(previous, at)) return copyHeld(previous);
      await withLock(id.name, () => dropPreviousIfExpired(e, at));
      return undefined;
    },

    async getPending(keyId, version, epoch) {
      const id = checkedId(keyId, version);
      checkEpoch(epoch);
      const pending = entries.get(id.name)?.pending;
      return pending?.share.epoch === epoch ? copyHeld(pending) : undefined;
    },

    async list() {
      aesKey();
      const at = now();
      const held: HeldFragment[] = [];
      for (const e of entries.values()) {
        const h = heldOf(e, at);
        if (h) held.push(h);
      }
      return held.sort((a, b) => Buffer.compare(a.keyId, b.keyId) || a.version - b.version);
    },

    held(keyId, version) {
      const id = checkedId(keyId, version);
      const e = entries.get(id.name);
      return e && heldOf(e, now());
    },

    heldPublic(keyIdHex, version) {
      const e = entries.get(entryName(keyIdHex, version));
      if (!e?.current) return undefined;
      return {
        epoch: e.current.share.epoch,
        key: e.current.key,
        ...(e.pending ? { pendingEpoch: e.pending.share.epoch, pendingKey: e.pending.key } : {}),
      };
    },

    async erasePreviousOlderThan(at = now()) {
      aesKey();
      let erased = 0;
      for (const [name, e] of [...entries]) {
        if (!e.previous || !expired(e.previous, at)) continue;
        if (await withLock(name, () => dropPreviousIfExpired(e, at))) erased++;
      }
      return erased;
    },

    async eraseKey(keyId, version) {
      const id = checkedId(keyId, version);
      await changing(id, async () => {
        const e = entries.get(id.name) ?? newEntry(keyId, version);
        // current goes last, so an interrupted erase leaves only orphans that open removes.
        await dropState(e, "pending");
        await dropState(e, "previous");
        await dropState(e, "current");
        entries.delete(id.name);
        await removeEmptyDirs(e);
      });
    },

    close() {
      wipeAll();
    },
  };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function copyHeld(held: Held): Held {
  return { share: { ...held.share, secret: new Uint8Array(held.share.secret) }, key: held.key };
}

function wipeHeld(held: Held | undefined): void {
  held?.share.secret.fill(0);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Same key (group public key, suite) and same slot: what may follow each other in one entry. */
function sameKey(a: Held, b: Held): boolean {
  return (
    a.share.suite === b.share.suite &&
    a.share.slot === b.share.slot &&
    bytesEqual(a.key.groupPublicKey, b.key.groupPublicKey)
  );
}

/** The same fragment at the same epoch: same share and same public data. */
function sameFragment(a: Held, b: Held): boolean {
  return (
    sameKey(a, b) &&
    a.share.epoch === b.share.epoch &&
    a.key.commitments.length === b.key.commitments.length &&
    a.key.commitments.every((c, i) => bytesEqual(c, b.key.commitments[i] ?? new Uint8Array())) &&
    bytesEqual(a.share.secret, b.share.secret)
  );
}
