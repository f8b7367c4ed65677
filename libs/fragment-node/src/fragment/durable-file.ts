/**
 * Durable file operations of the fragment store (and the fencing token): atomic replace with
 * fsync of the file and its directory, and erasure.
 */
import { randomBytes } from "node:crypto";
import { type FileHandle, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

export async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Atomic, durable replace: temp file in the same directory → fsync → rename over the target →
 * fsync the directory. A crash leaves the old file or the new one, plus at worst a temp file
 * that the next open removes.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
    await fsyncDir(dir);
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/**
 * Erases a file: overwrite with zeros, fsync, unlink, fsync the directory. The overwrite is
 * best-effort only — journaling and copy-on-write filesystems and SSD wear levelling may keep the
 * old blocks — which is why every file is encrypted under the node key in the first place.
 */
export async function eraseFile(path: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r+");
  } catch (err) {
    if (isErrno(err, "ENOENT")) return;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size > 0) {
      await handle.writeFile(new Uint8Array(size));
      await handle.sync();
    }
  } finally {
    await handle.close();
  }
  await unlink(path);
  await fsyncDir(dirname(path));
}
