/**
 * `keyfrag gateway export-customer-fragment` / `import-customer-fragment`: the gateway's
 * customer fragment (its data directory, node key, identity key and optionally its certificate)
 * to and from one passphrase-encrypted file. Local files only: no gateway, no token.
 */
import { lstat, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, posix, resolve, sep } from "node:path";
import {
  BackupError,
  collectFragmentFiles,
  DATA_PREFIX,
  type FileBundle,
  type FragmentFilePaths,
  isNonceStock,
  type KdfParams,
  MIN_PASSPHRASE_CHARS,
  openBackup,
  SINGLE_FILES,
  type SingleFile,
  sealBackup,
} from "@keyfrag/fragment-node";
import { CliError, UsageError } from "../cli-errors.js";
import type { CliIo } from "../context.js";

/** The environment variable holding the passphrase when no --passphrase-file is given. */
export const PASSPHRASE_ENV = "KEYFRAG_BACKUP_PASSPHRASE";

/** Where the customer fragment lives on the gateway's host. */
export type CustomerFragmentPaths = FragmentFilePaths;

/**
 * The gateway's automatic backups (`KF_CUSTOMER_BACKUP_DIR`): `customer-fragment-<generation>.kfb`,
 * the generation a decimal counter (services/gateway/src/customer/auto-backup.ts).
 */
const GENERATION_FILE = /^customer-fragment-(\d+)\.kfb$/;

/** The fragment node's errors about files and backups become the CLI's (exit 1, one line). */
async function asCliError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.message);
    throw err;
  }
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
  const files: FileBundle = await asCliError(() =>
    collectFragmentFiles(paths, (field) => flagName(field)),
  );
  try {
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
  const files = await asCliError(() => openBackup(image, passphrase));
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

/**
 * Reads the backup: a `.kfb` file, or the gateway's backup directory (`KF_CUSTOMER_BACKUP_DIR`),
 * whose newest generation is taken. Only that one: an older generation holds older epochs,
 * which no longer combine with the cluster's fragments once a refresh committed after it.
 */
export async function readBackupFile(path: string): Promise<{ image: Buffer; file: string }> {
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    throw new CliError(
      `cannot read --in ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
  if (!isDir) return { image: await readWhole("--in", path), file: resolve(path) };
  const newest = (await readdir(path))
    .map((name) => ({ name, generation: GENERATION_FILE.exec(name)?.[1] }))
    .filter((e): e is { name: string; generation: string } => e.generation !== undefined)
    .sort((a, b) => (BigInt(b.generation) > BigInt(a.generation) ? 1 : -1))[0];
  if (!newest) {
    throw new CliError(`--in ${path} is a directory holding no customer-fragment-<n>.kfb backup`);
  }
  const file = resolve(path, newest.name);
  return { image: await readWhole("--in", file), file };
}

function checkPair(paths: CustomerFragmentPaths): void {
  if ((paths.certFile === undefined) !== (paths.keyFile === undefined)) {
    throw new UsageError("--cert-file and --key-file go together");
  }
}

function flagName(flag: keyof FragmentFilePaths): string {
  return `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
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
