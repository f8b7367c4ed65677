/**
 * The key views this gateway has used: a key's public data and placement, as a coordinator
 * answered them. A key is used from its view while no coordinator answers (the data path does
 * not need the control plane: public data changes only through the coordinator's own DKG,
 * refresh and rotation), revalidated in the background, and kept on disk (key-view-store.ts)
 * so a gateway restarted during a control-plane outage still serves the keys it knew.
 */
import {
  InternalError,
  isRetryable,
  KeyfragError,
  type KeyInfo__Output,
  NotFoundError,
  UnavailableError,
} from "@keyfrag/rpc";
import { keyViewOf } from "../upstream/coordinators.js";
import { type KeyState, keyAlgorithm } from "./key-types.js";

/** A view as kept: the version it was asked for (0: the newest) and what a coordinator answered. */
export interface StoredView {
  readonly asked: number;
  readonly state: KeyState;
}

/** Where views are kept across restarts (key-view-store.ts); absent: in memory only. */
export interface KeyViewStore {
  load(): Promise<StoredView[]>;
  save(views: readonly StoredView[]): Promise<void>;
}

export interface KeyViewsDeps {
  /** A coordinator's GetKey (any coordinator: the pool fails over). */
  getKey: (name: string, version: number) => Promise<KeyInfo__Output>;
  store?: KeyViewStore;
  /** A view confirmed this recently is used without asking a coordinator (default 5 s). */
  freshMs?: number;
  /**
   * How long a use waits for a coordinator to confirm an older view before using it anyway
   * (default 1 s); during a known outage it does not wait at all.
   */
  waitMs?: number;
  /** Most views kept (default 10 000); the least recently confirmed go first. */
  maxEntries?: number;
  now?: () => number;
  /** Told when a view is kept over a coordinator's answer, or cannot be stored. */
  onWarning?: (message: string, err?: unknown) => void;
}

interface Entry {
  asked: number;
  state: KeyState;
  /** A change made here (create, rotate, refresh): the next use asks a coordinator first. */
  expired?: boolean;
  /** When a coordinator last confirmed it (0: loaded from disk, never confirmed by this process). */
  at: number;
  revalidating?: Promise<KeyState>;
}

const slotOf = (name: string, version: number) => `${name}\u0000${version}`;

/** Whether `next` (a coordinator's answer) may replace `known`: same key, not older. */
export function isNewerView(known: KeyState, next: KeyState): boolean {
  if (next.view.version !== known.view.version) return next.view.version > known.view.version;
  if (next.view.key.epoch !== known.view.key.epoch)
    return next.view.key.epoch > known.view.key.epoch;
  // Same version and epoch: placement and health may change, the key itself may not.
  return (
    Buffer.compare(
      Buffer.from(next.view.key.groupPublicKey),
      Buffer.from(known.view.key.groupPublicKey),
    ) === 0
  );
}

/**
 * The control plane's unavailability, said as such. The coordinators' answer (grpc-js details
 * name internal host:ports) stays in the cause, for the log, never in the caller's message.
 */
export function controlPlaneUnavailable(what: string, cause: unknown): UnavailableError {
  return new UnavailableError(`control plane unavailable: ${what}`, { cause });
}

/** Creates the views; `start` loads the stored ones. */
export function createKeyViews(deps: KeyViewsDeps) {
  const freshMs = deps.freshMs ?? 5_000;
  const waitMs = deps.waitMs ?? 1_000;
  const maxEntries = deps.maxEntries ?? 10_000;
  const now = deps.now ?? Date.now;
  const warn = deps.onWarning ?? (() => {});
  const entries = new Map<string, Entry>();
  /** Set while the last coordinator lookup found none answering; cleared by an answer. */
  let outage = false;
  let saving: Promise<void> | undefined;
  let saveAgain = false;

  /** Writes the views (one write at a time; changes made meanwhile are written next). */
  function persist(): void {
    if (!deps.store) return;
    if (saving) {
      saveAgain = true;
      return;
    }
    const store = deps.store;
    saving = (async () => {
      do {
        saveAgain = false;
        try {
          await store.save([...entries.values()].map((e) => ({ asked: e.asked, state: e.state })));
        } catch (err) {
          warn("key views not stored (a restart during an outage would not know them)", err);
        }
      } while (saveAgain);
      saving = undefined;
    })();
  }

  function keep(slot: string, asked: number, state: KeyState): void {
    const old = entries.get(slot);
    entries.delete(slot);
    entries.set(slot, {
      asked,
      state,
      at: now(),
      ...(old?.revalidating ? { revalidating: old.revalidating } : {}),
    });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  }

  /** Asks a coordinator; the answer replaces the known view only if it is not older. */
  async function fetch(name: string, version: number): Promise<KeyState> {
    const slot = slotOf(name, version);
    let info: KeyInfo__Output;
    try {
      info = await deps.getKey(name, version);
    } catch (err) {
      if (err instanceof NotFoundError) {
        // A coordinator's final word: the key (version) is gone.
        if (entries.delete(slot)) persist();
      } else if (isRetryable(err)) {
        outage = true;
      }
      throw err;
    }
    outage = false;
    const state: KeyState = {
      name,
      algorithm: keyAlgorithm(info.algorithm, "the key's algorithm"),
      view: keyViewOf(info),
    };
    if (version !== 0 && state.view.version !== version)
      throw new InternalError(
        `a coordinator answered ${name} v${state.view.version} when asked for v${version}`,
      );
    const known = entries.get(slot);
    if (known && !isNewerView(known.state, state)) {
      warn(
        `kept the known view of key ${name} v${known.state.view.version} epoch ${known.state.view.key.epoch}: a coordinator answered v${state.view.version} epoch ${state.view.key.epoch}`,
      );
      known.at = now();
      delete known.expired;
      return known.state;
    }
    const changed = !known || !sameView(known.state, state);
    keep(slot, version, state);
    if (changed) persist();
    return state;
  }

  /** One revalidation per view at a time. */
  function revalidate(name: string, version: number, entry: Entry): Promise<KeyState> {
    if (!entry.revalidating) {
      const p = fetch(name, version).finally(() => {
        const current = entries.get(slotOf(name, version));
        if (current) delete current.revalidating;
        delete entry.revalidating;
      });
      entry.revalidating = p;
      // A background revalidation that fails leaves the known view in use.
      p.catch(() => undefined);
    }
    return entry.revalidating as Promise<KeyState>;
  }

  /**
   * The known view when `err` says no coordinator could be asked (or answered something other
   * than the key's absence), else the error.
   */
  function fallback(entry: Entry, err: unknown): KeyState {
    if (err instanceof NotFoundError) throw err;
    if (!(err instanceof KeyfragError) || isRetryable(err)) return entry.state;
    warn(`kept the known view of key ${entry.state.name}: a coordinator's answer was refused`, err);
    return entry.state;
  }

  return {
    /** Loads the views kept by the last run (each is confirmed with a coordinator at first use). */
    async start(): Promise<number> {
      if (!deps.store) return 0;
      const views = await deps.store.load();
      for (const { asked, state } of views) {
        const slot = slotOf(state.name, asked);
        if (!entries.has(slot)) entries.set(slot, { asked, state, at: 0 });
      }
      return views.length;
    },

    /**
     * The view of `name` at `version` (0: the newest). `fresh` (the fragment cluster answered
     * for another epoch, or no replica answered) asks a coordinator first; while none answers,
     * the known view is the answer: a view is replaced only by a coordinator's newer one.
     */
    async get(name: string, version: number, fresh = false): Promise<KeyState> {
      const slot = slotOf(name, version);
      const entry = entries.get(slot);
      if (!entry) {
        try {
          return await fetch(name, version);
        } catch (err) {
          if (!isRetryable(err)) throw err;
          const unavailable = controlPlaneUnavailable(
            `no coordinator answered for key ${name}, which this gateway has not used before`,
            err,
          );
          warn(unavailable.message, err);
          throw unavailable;
        }
      }
      if (entry.expired) fresh = true;
      if (!fresh && now() - entry.at < freshMs) return entry.state;
      const asked = revalidate(name, version, entry);
      if (!fresh && outage) return entry.state;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), fresh ? freshMs : waitMs);
      });
      try {
        const answer = await Promise.race([asked, late]);
        return answer === "late" ? entry.state : answer;
      } catch (err) {
        return fallback(entry, err);
      } finally {
        clearTimeout(timer);
      }
    },

    /** Whether any version of `name` is known (e.g. the system key, at a start without coordinators). */
    known(name: string): KeyState | undefined {
      return entries.get(slotOf(name, 0))?.state;
    },

    /** Forgets `name` (after create, rotate, refresh here): the next use asks a coordinator first. */
    expire(name: string): void {
      for (const [slot, entry] of entries)
        if (slot.startsWith(`${name}\u0000`)) entry.expired = true;
    },

    /** Waits for a pending write (tests, shutdown). */
    async flush(): Promise<void> {
      while (saving) await saving;
    },
  };
}

/** Same version, epoch, key and placement: nothing to write. */
function sameView(a: KeyState, b: KeyState): boolean {
  if (a.algorithm !== b.algorithm || a.view.version !== b.view.version) return false;
  if (a.view.key.epoch !== b.view.key.epoch) return false;
  if (
    Buffer.compare(
      Buffer.from(a.view.key.groupPublicKey),
      Buffer.from(b.view.key.groupPublicKey),
    ) !== 0
  )
    return false;
  const place = (s: KeyState) =>
    JSON.stringify(
      [...s.view.placement].map(([slot, rs]) => [
        slot,
        rs.map((r) => [r.nodeId, r.address, r.healthy]),
      ]),
    );
  return place(a) === place(b);
}

export type KeyViews = ReturnType<typeof createKeyViews>;
