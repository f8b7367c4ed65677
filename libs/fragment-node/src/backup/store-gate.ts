/**
 * Lets a backup read the fragment store's files as one consistent snapshot: the store's
 * changes (each a sequence of atomic file operations, e.g. a refresh commit's erase previous →
 * write previous → write current → erase pending) run shared, a snapshot runs alone. A snapshot
 * waits for the changes in flight to finish, and changes that arrive meanwhile wait for it.
 */
import type { FragmentStore } from "../fragment/fragment-store.js";

export interface StoreGate {
  /** Runs a store change (many at once). */
  change<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` with no store change in flight. */
  snapshot<T>(fn: () => Promise<T>): Promise<T>;
}

export function createStoreGate(): StoreGate {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let exclusive: Promise<void> | undefined;
  return {
    async change(fn) {
      while (exclusive) await exclusive;
      inFlight++;
      try {
        return await fn();
      } finally {
        inFlight--;
        if (inFlight === 0) drained?.();
      }
    },
    async snapshot(fn) {
      while (exclusive) await exclusive;
      let release = () => {};
      exclusive = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        while (inFlight > 0) {
          await new Promise<void>((resolve) => {
            drained = resolve;
          });
        }
        drained = undefined;
        return await fn();
      } finally {
        exclusive = undefined;
        release();
      }
    },
  };
}

/**
 * The store with every change run through `gate` and reported to `onChange` once it is on
 * disk (erasing expired previous epochs only when it erased one).
 */
/** What a store change was: `erasedKey` when a key version was erased (crypto-shredding). */
export interface StoreChange {
  erasedKey: boolean;
}

export function gatedStore(
  store: FragmentStore,
  gate: StoreGate,
  onChange: (change: StoreChange) => void,
): FragmentStore {
  const changed = <T>(result: T): T => {
    onChange({ erasedKey: false });
    return result;
  };
  return {
    ...store,
    putCurrent: (...a) => gate.change(() => store.putCurrent(...a)).then(changed),
    putPending: (...a) => gate.change(() => store.putPending(...a)).then(changed),
    commitPending: (...a) => gate.change(() => store.commitPending(...a)).then(changed),
    abortPending: (...a) => gate.change(() => store.abortPending(...a)).then(changed),
    eraseKey: (...a) =>
      gate
        .change(() => store.eraseKey(...a))
        .then((result) => {
          onChange({ erasedKey: true });
          return result;
        }),
    erasePreviousOlderThan: (...a) =>
      gate
        .change(() => store.erasePreviousOlderThan(...a))
        .then((erased) => {
          if (erased > 0) onChange({ erasedKey: false });
          return erased;
        }),
  };
}
