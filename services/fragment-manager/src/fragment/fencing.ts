import { open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { FailedPreconditionError, InvalidArgumentError } from "@keyfrag/rpc";

/**
 * The highest coordinator fencing token this node has seen, kept durably in its data
 * directory. A coordinator that lost leadership holds an older token; once the new leader has
 * spoken to this node, every change the old one asks for is refused, so two coordinators can
 * never interleave changes to a node's fragments.
 */
export async function openFencing(dataDir: string) {
  const file = join(dataDir, "fencing-token");
  let highest = 0n;
  try {
    highest = BigInt((await readFile(file, "utf8")).trim());
  } catch {
    // none seen yet
  }
  let queue: Promise<void> = Promise.resolve();

  async function persist(token: bigint): Promise<void> {
    const tmp = `${file}.tmp`;
    const handle = await open(tmp, "w", 0o600);
    try {
      await handle.writeFile(token.toString());
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

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
