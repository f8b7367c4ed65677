import { readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { FailedPreconditionError, InvalidArgumentError } from "@keyfrag/rpc";
import { isErrno, writeFileAtomic } from "./durable-file.js";

const FILE = "fencing-token";
/** What writeFileAtomic leaves behind when the process dies mid-write. */
const TEMP_FILE = /^\.fencing-token\..+\.tmp$/;

/**
 * The token recorded in `file`; 0 only when there is no file yet. Any other failure (unreadable,
 * not a number) stops the node: forgetting the token would let a deposed coordinator back in.
 */
async function readHighest(file: string): Promise<bigint> {
  let text: string;
  try {
    text = (await readFile(file, "utf8")).trim();
  } catch (err) {
    if (isErrno(err, "ENOENT")) return 0n;
    throw new Error(`cannot read the fencing token ${file}`, { cause: err });
  }
  if (!/^\d{1,40}$/.test(text)) {
    throw new Error(`the fencing token ${file} does not hold a number (damaged?)`);
  }
  return BigInt(text);
}

/**
 * The highest coordinator fencing token this node has seen, kept durably in its data
 * directory. A coordinator that lost leadership holds an older token; once the new leader has
 * spoken to this node, every change the old one asks for is refused, so two coordinators can
 * never interleave changes to a node's fragments.
 */
export async function openFencing(dataDir: string) {
  const file = join(dataDir, FILE);
  let highest = await readHighest(file);
  for (const name of await readdir(dataDir)) {
    if (TEMP_FILE.test(name)) await unlink(join(dataDir, name));
  }
  let queue: Promise<void> = Promise.resolve();

  // The same atomic, durable replace as the fragments (unique temp name, fsync of the file and
  // of the directory): a token accepted must survive a crash, or a deposed leader gets back in.
  const persist = (token: bigint) =>
    writeFileAtomic(file, new TextEncoder().encode(token.toString()));

  return {
    /** Accepts `token` if it is not older than any seen (recording a newer one first). */
    check(token: string): Promise<void> {
      let value: bigint;
      try {
        value = BigInt(token);
      } catch {
        return Promise.reject(new InvalidArgumentError("fencing_token must be an integer"));
      }
      if (value < 1n) return Promise.reject(new InvalidArgumentError("fencing_token is required"));
      const step = queue.then(async () => {
        if (value < highest) {
          throw new FailedPreconditionError(
            `fencing token ${value} is older than ${highest}: another coordinator leads now`,
          );
        }
        if (value > highest) {
          await persist(value);
          highest = value;
        }
      });
      queue = step.catch(() => undefined);
      return step;
    },
    highest: () => highest,
  };
}

export type Fencing = Awaited<ReturnType<typeof openFencing>>;
