/** Writes a file atomically (temp file in the same folder, fsync, rename), mode and owner set. */
import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface WriteOptions {
  mode: number;
  owner?: { uid: number; gid: number };
}

/**
 * Replaces `path` with `content` so that a reader sees the old file or the new one, never a
 * part: the temp file is made with O_EXCL (no symlink followed), given its mode and owner
 * before a byte is written, synced, then renamed over `path`; the folder is synced too.
 */
export async function writeFileAtomic(
  path: string,
  content: string,
  options: WriteOptions,
): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fh = await open(tmp, "wx", 0o600);
  try {
    // Explicitly: the mode given to open() is masked by the umask.
    await fh.chmod(options.mode);
    if (options.owner) await fh.chown(options.owner.uid, options.owner.gid);
    await fh.writeFile(content, "utf8");
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  const d = await open(dir, "r");
  try {
    await d.sync();
  } catch {
    // Some file systems (tmpfs on older kernels) refuse fsync on a folder; the rename stands.
  } finally {
    await d.close();
  }
}
