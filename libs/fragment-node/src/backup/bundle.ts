/**
 * The files that make up a customer fragment (or any fragment node), gathered into one bundle
 * for a backup: every file of the node's data directory except its nonce stock and temp files,
 * plus its node key, identity key and optionally its certificate and TLS key. Used by the CLI's
 * `gateway export-customer-fragment` and by the gateway's automatic backups.
 */
import type { Dirent } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { BackupError, type FileBundle } from "./backup-format.js";

/** Where a fragment node's files live. */
export interface FragmentFilePaths {
  dataDir: string;
  nodeKeyFile: string;
  identityKeyFile: string;
  certFile?: string;
  keyFile?: string;
}

/** The single files' names inside a bundle; the data directory's files go under `data/`. */
export const SINGLE_FILES = {
  nodeKeyFile: "node.key",
  identityKeyFile: "identity.key",
  certFile: "tls.crt",
  keyFile: "tls.key",
} as const;
export type SingleFile = keyof typeof SINGLE_FILES;
export const DATA_PREFIX = "data/";

// The store writes `.<name>.<random>.tmp` and `fencing-token.tmp` before renaming them into
// place; a copy caught mid-write is not a file the node would keep.
const TEMP_FILE = /\.tmp$/;
// The fragment node's stock of preprocessed FROST nonces (fragment/nonce-stock.ts). Never
// exported and never restored: a restore would bring back nonces the node has already handed
// out, and a nonce used twice gives away the share. An empty stock only costs the next
// signatures a second round trip.
const NONCE_STOCK_DIR = "nonce-stock";

/** Whether a data-directory path (POSIX, relative) is the nonce stock or inside it. */
export const isNonceStock = (rel: string): boolean =>
  rel === NONCE_STOCK_DIR || rel.startsWith(`${NONCE_STOCK_DIR}/`);

/**
 * Reads every file of the bundle. `label` names a path field in error messages (a CLI flag,
 * an environment variable). The caller zeroes the buffers when done.
 */
export async function collectFragmentFiles(
  paths: FragmentFilePaths,
  label: (field: keyof FragmentFilePaths) => string = (field) => field,
): Promise<FileBundle> {
  const files: FileBundle = new Map();
  try {
    for (const [rel, bytes] of await readTree(paths.dataDir, label("dataDir"))) {
      files.set(DATA_PREFIX + rel, bytes);
    }
    for (const field of Object.keys(SINGLE_FILES) as SingleFile[]) {
      const path = paths[field];
      if (path !== undefined) files.set(SINGLE_FILES[field], await readWhole(label(field), path));
    }
    return files;
  } catch (err) {
    for (const bytes of files.values()) bytes.fill(0);
    throw err;
  }
}

/** Every regular file under `root`, by POSIX relative path. Each file is read whole. */
async function readTree(root: string, name: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const rootStat = await lstat(root).catch((err: NodeJS.ErrnoException) => {
    throw new BackupError(`cannot read ${name} ${root}: ${err.code ?? "error"}`);
  });
  if (!rootStat.isDirectory()) throw new BackupError(`${name} ${root} is not a directory`);
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      // A version directory the store removed (key erased) while we walked.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw new BackupError(
        `cannot read ${dir}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
      );
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (isNonceStock(relPath)) continue;
        await walk(path, relPath);
      } else if (entry.isFile()) {
        if (TEMP_FILE.test(entry.name)) continue;
        try {
          // The store replaces files by rename, so one read sees one whole version of a file.
          out.set(relPath, await readFile(path));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
          throw new BackupError(
            `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
          );
        }
      } else {
        throw new BackupError(`${path} is not a regular file or directory (a link?): not exported`);
      }
    }
  };
  try {
    await walk(root, "");
    return out;
  } catch (err) {
    for (const bytes of out.values()) bytes.fill(0);
    throw err;
  }
}

async function readWhole(name: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new BackupError(
      `cannot read ${name} ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
}
