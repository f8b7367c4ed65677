/** The coordinator's serialisation of work on keys: per-key-version locks and the ceremony limit. */

/** Per-id locks: runs `fn` with id's lock held, after whatever held it before (failed or not). */
export function createKeyLocks() {
  const locks = new Map<string, Promise<unknown>>();
  return function withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = locks.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    locks.set(id, settled);
    void settled.then(() => {
      if (locks.get(id) === settled) locks.delete(id);
    });
    return next;
  };
}

/** Runs at most `max` of the functions given to it at once; the rest wait in order. */
export function createLimiter(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new Error(`ceremonies must be ≥ 1, not ${max}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
