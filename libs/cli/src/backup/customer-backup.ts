/**
 * `keyfrag gateway export-customer-fragment` / `import-customer-fragment`: the gateway's
 * customer fragment (its data directory, node key, identity key and optionally its certificate)
 * to and from one passphrase-encrypted file. Local files only: no gateway, no token.
 */
import type { Dirent } from "node:fs";
import { lstat, mkdir, open, readdir, readFile, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join, posix, resolve, sep } from "node:path";
import { CliError, UsageError } from "../cli-errors.js";
import type { CliIo } from "../context.js";
import {
  type FileBundle,
  type KdfParams,
  MIN_PASSPHRASE_CHARS,
  openBackup,
  sealBackup,
} from "./backup-format.js";

/** The environment variable holding the passphrase when no --passphrase-file is given. */
export const PASSPHRASE_ENV = "KEYFRAG_BACKUP_PASSPHRASE";

// Bundle names of the single files; the data directory's files go under `data/`.
const SINGLE_FILES = {
  nodeKeyFile: "node.key",
  identityKeyFile: "identity.key",
  certFile: "tls.crt",
  keyFile: "tls.key",
} as const;
type SingleFile = keyof typeof SINGLE_FILES;
const DATA_PREFIX = "data/";
// The store writes `.<name>.<random>.tmp` and `fencing-token.tmp` before renaming them into
// place; a copy caught mid-write is not a file the node would keep.
const TEMP_FILE = /\.tmp$/;
// The fragment node's stock of preprocessed FROST nonces (libs/fragment-node nonce-stock.ts).
// Never exported and never restored: a restore would bring back nonces the node has already
// handed out, and a nonce used twice gives away the share. An empty stock only costs the next
// signatures a second round trip.
const NONCE_STOCK_DIR = "nonce-stock";
const isNonceStock = (rel: string): boolean =>
  rel === NONCE_STOCK_DIR || rel.startsWith(`${NONCE_STOCK_DIR}/`);

/** Where the customer fragment lives on the gateway's host. */
export interface CustomerFragmentPaths {
  dataDir: string;
  nodeKeyFile: string;
  identityKeyFile: string;
  certFile?: string;
  keyFile?: string;
}

/** What the export wrote. */
export interface ExportResult {
  out: string;
  files: string[];
  bytes: number;
}

/** Reads the customer fragment's files and writes them, encrypted, to `out` (never overwriting). */
export async function exportCustomerFragment(
  paths: CustomerFragmentPaths,
  out: string,
  passphrase: string,
  kdf?: KdfParams,
): Promise<ExportResult> {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new UsageError(
      `the passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters: it alone protects the customer fragment`,
    );
  }
  checkPair(paths);
  const files: FileBundle = new Map();
  try {
    for (const [rel, bytes] of await readTree(paths.dataDir)) files.set(DATA_PREFIX + rel, bytes);
    for (const flag of Object.keys(SINGLE_FILES) as SingleFile[]) {
      const path = paths[flag];
      if (path !== undefined) files.set(SINGLE_FILES[flag], await readWhole(flagName(flag), path));
    }
    const image = await sealBackup(files, passphrase, kdf);
    await writeNew(out, image);
    return { out: resolve(out), files: [...files.keys()].sort(), bytes: image.length };
  } finally {
    for (const bytes of files.values()) bytes.fill(0);
  }
}

/** What the import restored. */
export interface ImportResult {
  files: string[];
  /** The backup held a certificate and TLS key, but no --cert-file/--key-file said where. */
  skippedCertificate: boolean;
}

/**
 * Decrypts `image` and restores its files. Everything is checked (passphrase, integrity, the
 * targets) before anything is written.
 */
export async function importCustomerFragment(
  image: Buffer,
  paths: CustomerFragmentPaths,
  passphrase: string,
  force: boolean,
): Promise<ImportResult> {
  if (passphrase.length === 0) throw new UsageError("the passphrase is empty");
  checkPair(paths);
  const files = await openBackup(image, passphrase);
  try {
    const data = new Map<string, Buffer>();
    for (const [name, bytes] of files) {
      if (name.startsWith(DATA_PREFIX)) {
        const rel = safeRelative(name.slice(DATA_PREFIX.length));
        // A backup made before the stock was left out may hold it: never restore it.
        if (!isNonceStock(rel)) data.set(rel, bytes);
      } else if (!Object.values(SINGLE_FILES).includes(name as never)) {
        throw new CliError(`the backup holds an unexpected entry ${JSON.stringify(name)}`);
      }
    }
    for (const flag of ["nodeKeyFile", "identityKeyFile"] as const) {
      if (!files.has(SINGLE_FILES[flag])) {
        throw new CliError(`the backup holds no ${SINGLE_FILES[flag]}: it is not complete`);
      }
    }
    const hasCert = files.has(SINGLE_FILES.certFile) && files.has(SINGLE_FILES.keyFile);
    if (paths.certFile !== undefined && !hasCert) {
      throw new CliError("the backup holds no certificate: drop --cert-file/--key-file");
    }

    const singles = (Object.keys(SINGLE_FILES) as SingleFile[]).flatMap((flag) => {
      const path = paths[flag];
      const bytes = files.get(SINGLE_FILES[flag]);
      return path !== undefined && bytes !== undefined ? [{ flag, path, bytes }] : [];
    });
    // Every target is checked before the first write.
    const dataDirUsed = await nonEmptyDir(paths.dataDir);
    const busy = [
      ...(dataDirUsed ? [`--data-dir ${paths.dataDir}`] : []),
      ...(await Promise.all(singles.map(async (s) => ((await nonEmptyFile(s.path)) ? s : null))))
        .filter((s) => s !== null)
        .map((s) => `${flagName(s.flag)} ${s.path}`),
    ];
    if (busy.length > 0 && !force) {
      throw new CliError(
        `refusing to overwrite ${busy.join(", ")} (not empty): give --force to replace them`,
      );
    }

    await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
    if (dataDirUsed) {
      // --force: what was there goes, so no stale fragment of another epoch mixes with the backup's.
      for (const entry of await readdir(paths.dataDir)) {
        await rm(join(paths.dataDir, entry), { recursive: true, force: true });
      }
    }
    for (const [rel, bytes] of data) {
      const target = join(paths.dataDir, ...rel.split("/"));
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await writeNew(target, bytes);
    }
    for (const s of singles) await replaceFile(s.path, s.bytes);
    return {
      files: [...data.keys()].map((rel) => DATA_PREFIX + rel).concat(singles.map((s) => s.path)),
      skippedCertificate: hasCert && paths.certFile === undefined,
    };
  } finally {
    for (const bytes of files.values()) bytes.fill(0);
  }
}

/** The passphrase: --passphrase-file (its one trailing newline dropped) or the environment. */
export async function readPassphrase(
  io: CliIo,
  passphraseFile: string | undefined,
): Promise<string> {
  if (passphraseFile !== undefined) {
    return (await readWhole("--passphrase-file", passphraseFile))
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  const fromEnv = (io.env ?? process.env)[PASSPHRASE_ENV];
  if (fromEnv === undefined || fromEnv === "") {
    throw new UsageError(`give --passphrase-file or set ${PASSPHRASE_ENV}`);
  }
  return fromEnv;
}

/** Reads the backup file. */
export function readBackupFile(path: string): Promise<Buffer> {
  return readWhole("--in", path);
}

function checkPair(paths: CustomerFragmentPaths): void {
  if ((paths.certFile === undefined) !== (paths.keyFile === undefined)) {
    throw new UsageError("--cert-file and --key-file go together");
  }
}

function flagName(flag: SingleFile): string {
  return `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Every regular file under `root`, by POSIX relative path. Each file is read whole. */
async function readTree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const rootStat = await lstat(root).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read --data-dir ${root}: ${err.code ?? "error"}`);
  });
  if (!rootStat.isDirectory()) throw new CliError(`--data-dir ${root} is not a directory`);
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      // A version directory the store removed (key erased) while we walked.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw new CliError(`cannot read ${dir}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
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
          throw new CliError(
            `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
          );
        }
      } else {
        throw new CliError(`${path} is not a regular file or directory (a link?): not exported`);
      }
    }
  };
  await walk(root, "");
  return out;
}

async function readWhole(flag: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new CliError(
      `cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
}

/** A bundle path that stays inside the data directory. */
function safeRelative(rel: string): string {
  const normal = posix.normalize(rel);
  if (
    rel === "" ||
    normal !== rel ||
    posix.isAbsolute(rel) ||
    rel.split("/").some((part) => part === "" || part === "." || part === "..") ||
    rel.includes("\\") ||
    rel.includes("\0")
  ) {
    throw new CliError(`the backup holds an unsafe path ${JSON.stringify(rel)}`);
  }
  return rel;
}

async function nonEmptyDir(path: string): Promise<boolean> {
  try {
    const s = await lstat(path);
    if (!s.isDirectory()) throw new CliError(`--data-dir ${path} exists and is not a directory`);
    return (await readdir(path)).length > 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}

async function nonEmptyFile(path: string): Promise<boolean> {
  try {
    const s = await lstat(path);
    return !s.isFile() || s.size > 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}

/** Creates `path` (0600) with `bytes`; fails if it exists. */
async function writeNew(path: string, bytes: Uint8Array): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "wx", 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "EEXIST"
        ? `${path} exists: refusing to overwrite it`
        : `cannot create ${path}: ${code ?? "error"}`,
    );
  }
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw new CliError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  }
  await handle.close();
}

/** Replaces `path` by a 0600 file with `bytes` (temp file + rename: never half a key). */
async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(resolve(path));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${dir}${sep}.${basename(path)}.${process.pid}.${Date.now()}.tmp`;
  await writeNew(temp, bytes);
  try {
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw new CliError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  }
}
