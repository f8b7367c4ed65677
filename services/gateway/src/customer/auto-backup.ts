/**
 * Automatic backups of the customer fragment (`KF_CUSTOMER_BACKUP_DIR`): the design and its
 * security argument are in the gateway's README ("Backups that stay valid").
 *
 * After every change of the customer fragment's store (the fragment node's `onStoreChange`), and
 * once at start, the gateway writes a new generation: the node's files (fragments without the
 * nonce stock, node key, identity key, certificate and TLS key) read as one consistent snapshot,
 * sealed with the CLI's `.kfb` format (scrypt + AES-256-GCM under the operator's passphrase),
 * written atomically (temp file, fsync, rename, fsync of the directory) as
 * `customer-fragment-<generation>.kfb`. The newest `keep` generations stay, older ones are
 * deleted; after a key is erased, all older ones are (erasure is final only when no backup
 * holds the share). Changes that come close together make one generation (`debounceMs`); a failed write
 * is logged and retried (`retryMs`) until one succeeds. `keyfrag gateway import-customer-fragment
 * --in <dir>` restores the newest.
 */
import { mkdir, readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import {
  type FileBundle,
  fsyncDir,
  type KdfParams,
  MIN_PASSPHRASE_CHARS,
  sealBackup,
  writeFileAtomic,
} from "@keyfrag/fragment-node";
import type { Logger } from "pino";

const GENERATION_FILE = /^customer-fragment-(\d+)\.kfb$/;
const fileName = (generation: number) =>
  `customer-fragment-${String(generation).padStart(8, "0")}.kfb`;

/** KF_CUSTOMER_BACKUP_PASSPHRASE_FILE's passphrase (one trailing newline dropped), ≥ 12 characters. */
export async function readBackupPassphrase(path: string): Promise<string> {
  const passphrase = (await readFile(path, "utf8")).replace(/\r?\n$/, "");
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new Error(
      `KF_CUSTOMER_BACKUP_PASSPHRASE_FILE: the passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters`,
    );
  }
  return passphrase;
}

export interface AutoBackupOptions {
  dir: string;
  passphrase: string;
  /** Generations kept, newest first. */
  keep: number;
  /** The customer fragment's files, read with no store change in flight. */
  files: () => Promise<FileBundle>;
  log: Logger;
  /** Changes within this long make one generation (default 100 ms). */
  debounceMs?: number;
  /** After a failed write, the next try (default 10 s). */
  retryMs?: number;
  /** scrypt parameters (default the CLI's: 2^17, 8, 1). */
  kdf?: KdfParams;
}

export interface AutoBackup {
  /**
   * The store changed: a new generation follows. After a key was erased (`erasedKey`), every
   * older generation is deleted once the new one is written, so no backup keeps its share.
   */
  changed(change?: { erasedKey?: boolean }): void;
  /** Resolves once no change is waiting to be backed up (or the last try failed). */
  flush(): Promise<void>;
  /** Writes what is still waiting (best effort), then stops. */
  close(): Promise<void>;
}

/** Starts automatic backups and writes the first generation before resolving. */
export async function startAutoBackup(options: AutoBackupOptions): Promise<AutoBackup> {
  const { dir, log } = options;
  const debounceMs = options.debounceMs ?? 100;
  const retryMs = options.retryMs ?? 10_000;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const generations = async () =>
    (await readdir(dir))
      .map((name) => ({ name, generation: Number(GENERATION_FILE.exec(name)?.[1]) }))
      .filter((e) => Number.isSafeInteger(e.generation))
      .sort((a, b) => b.generation - a.generation);
  let next = ((await generations())[0]?.generation ?? 0) + 1;

  let dirty = false;
  /** A key was erased since the last generation written: the next one replaces all others. */
  let erasedKey = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;

  /** Writes one generation of the current state; false when it failed (logged). */
  const writeGeneration = async (): Promise<boolean> => {
    let files: FileBundle | undefined;
    // Read before the snapshot: an erase told after this point makes another generation.
    const afterErase = erasedKey;
    erasedKey = false;
    try {
      files = await options.files();
      const image = await sealBackup(files, options.passphrase, options.kdf);
      const generation = next++;
      await writeFileAtomic(join(dir, fileName(generation)), image);
      const old = (await generations()).slice(afterErase ? 1 : options.keep);
      for (const e of old) await unlink(join(dir, e.name)).catch(() => undefined);
      if (old.length > 0) await fsyncDir(dir);
      // Counts and sizes only: never a path inside the bundle or a byte of it.
      log.info(
        { generation, files: files.size, bytes: image.length, pruned: old.length },
        "customer fragment backed up",
      );
      return true;
    } catch (err) {
      erasedKey ||= afterErase;
      log.error(
        { err: { message: (err as Error).message, code: (err as NodeJS.ErrnoException).code } },
        "customer fragment backup failed: the newest backup is older than the fragment",
      );
      return false;
    } finally {
      if (files) for (const bytes of files.values()) bytes.fill(0);
    }
  };

  const run = (): Promise<boolean> => {
    // Nothing waiting: no run (its promise would settle before being stored as `running`).
    if (!dirty && !running) return Promise.resolve(true);
    running ??= (async () => {
      let ok = true;
      try {
        while (dirty && ok) {
          dirty = false;
          ok = await writeGeneration();
          if (!ok) dirty = true;
        }
      } finally {
        running = undefined;
      }
      if (!ok && !closed) schedule(retryMs);
      return ok;
    })();
    return running;
  };

  const schedule = (delay: number) => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      // A change while a generation is being written: that run's loop writes another.
      if (running) void running.then(() => dirty && schedule(0));
      else void run();
    }, delay);
    timer.unref();
  };

  dirty = true;
  if (!(await run())) {
    log.warn("the first customer fragment backup failed: retrying");
  }

  return {
    changed(change) {
      if (change?.erasedKey) erasedKey = true;
      dirty = true;
      schedule(debounceMs);
    },
    async flush() {
      while (dirty || running) {
        if (running) await running;
        else if (!(await run())) return;
      }
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      if (running) await running;
      if (dirty) await run();
    },
  };
}
