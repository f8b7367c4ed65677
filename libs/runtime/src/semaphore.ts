/** A counting semaphore with a bounded queue, for work that must not saturate the process. */
import { ResourceExhaustedError } from "@keyfrag/rpc";

export interface Semaphore {
  /** Runs `fn` once a permit is free; ResourceExhaustedError when the queue is full. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * At most `limit` runs at once and `maxQueued` waiting; beyond that ResourceExhaustedError
 * saying "too many <what> in progress".
 */
export function createSemaphore(limit: number, maxQueued: number, what: string): Semaphore {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(fn) {
      if (active >= limit) {
        if (waiting.length >= maxQueued) {
          throw new ResourceExhaustedError(`too many ${what} in progress; try again later`);
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        active++;
      }
      try {
        return await fn();
      } finally {
        // Hand the permit straight to the next waiter, or give it back.
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}
