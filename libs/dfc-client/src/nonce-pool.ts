import type { KeyPublic, NonceCommitment } from "@keyfrag/crypto";
import { FailedPreconditionError } from "@keyfrag/rpc";

/** A replica as the pool needs it (the client's ReplicaView). */
interface PoolReplica {
  readonly nodeId: string;
}

/** A key version as the pool needs it (the client's KeyView). */
interface PoolKeyView<R extends PoolReplica> {
  readonly keyId: Uint8Array;
  readonly version: number;
  readonly key: Pick<KeyPublic, "epoch" | "slots" | "threshold">;
  readonly placement: ReadonlyMap<number, readonly R[]>;
}

/** A nonce commitment a replica handed out ahead of time; good for one SignShare on it. */
export interface PreparedNonce<R extends PoolReplica = PoolReplica> {
  readonly slot: number;
  readonly replica: R;
  readonly nonceId: string;
  readonly commitment: NonceCommitment;
  /** When it was fetched (ms). */
  readonly at: number;
}

/** Tuning of the commitments fetched ahead (FROST round one, RFC 9591 preprocessing). */
export interface NoncePoolSettings {
  /** Commitments asked of a replica at a time (default 16, at most 64). */
  readonly batch?: number;
  /** Fetch more when a slot has this many or fewer left (default half the batch). */
  readonly lowWater?: number;
  /**
   * Commitments older than this are not used (default 10 min; fragment managers keep their
   * nonces 1 h by default).
   */
  readonly maxAgeMs?: number;
  /** Key versions with commitments kept (default 1,024; the least recently used go first). */
  readonly maxKeys?: number;
}

export interface NoncePoolDeps<R extends PoolReplica> {
  /** The port's SignPreprocess call. */
  readonly signPreprocess: (
    replica: R,
    req: { keyId: Uint8Array; version: number; epoch: number; count: number },
    deadlineMs: number,
  ) => Promise<{ nonceId: string; commitment: NonceCommitment }[]>;
  readonly deadlineMs: number;
  /** The replica of `slot` to fetch from now, or undefined if none is fit. */
  readonly pickReplica: (view: PoolKeyView<R>, slot: number) => R | undefined;
  /** Whether commitments of this replica may be used now (it has not failed lately). */
  readonly usable: (replica: R) => boolean;
  readonly onError: (e: { slot: number; replica: R; error: unknown }) => void;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
/** How long a slot whose replica refused or failed a fetch waits before the next one. */
const RETRY_AFTER_MS = 5_000;
/** Longer for a replica that keeps no nonce stock at all (an older fragment manager). */
const UNSUPPORTED_RETRY_AFTER_MS = 60_000;

interface SlotPool<R extends PoolReplica> {
  readonly ready: PreparedNonce<R>[];
  fetching: boolean;
  retryAt: number;
}

/**
 * Commitments fetched from each slot ahead of time, in the background, so that a signature
 * needs one round trip to the slots (SignShare) instead of two. Each commitment is handed to
 * exactly one signature attempt; the replica that made it erases its nonce on that use.
 */
export function createNoncePool<R extends PoolReplica>(
  deps: NoncePoolDeps<R>,
  settings: NoncePoolSettings = {},
) {
  const batch = Math.min(64, Math.max(1, Math.floor(settings.batch ?? 16)));
  const lowWater = settings.lowWater ?? Math.floor(batch / 2);
  const maxAgeMs = settings.maxAgeMs ?? 600_000;
  const maxKeys = settings.maxKeys ?? 1_024;
  /** By key version, least recently used first; then by slot. */
  const pools = new Map<string, Map<number, SlotPool<R>>>();

  function poolsOf(view: PoolKeyView<R>): Map<number, SlotPool<R>> {
    const id = `${hex(view.keyId)}/v${view.version}`;
    let byslot = pools.get(id);
    if (byslot) pools.delete(id);
    else byslot = new Map();
    pools.set(id, byslot);
    if (pools.size > maxKeys) {
      const oldest = pools.keys().next().value;
      if (oldest !== undefined) pools.delete(oldest);
    }
    return byslot;
  }

  /** Drops commitments that are too old, of a replica no longer placed on the slot, or failed. */
  function fresh(view: PoolKeyView<R>, slot: number, pool: SlotPool<R>): PreparedNonce<R>[] {
    const placed = new Set((view.placement.get(slot) ?? []).map((r) => r.nodeId));
    const oldest = Date.now() - maxAgeMs;
    const keep = pool.ready.filter(
      (p) => p.at > oldest && placed.has(p.replica.nodeId) && deps.usable(p.replica),
    );
    pool.ready.splice(0, pool.ready.length, ...keep);
    return pool.ready;
  }

  function refill(view: PoolKeyView<R>, slot: number, pool: SlotPool<R>): void {
    if (pool.fetching || Date.now() < pool.retryAt || pool.ready.length > lowWater) return;
    const replica = deps.pickReplica(view, slot);
    if (!replica) return;
    pool.fetching = true;
    deps
      .signPreprocess(
        replica,
        { keyId: view.keyId, version: view.version, epoch: view.key.epoch, count: batch },
        deps.deadlineMs,
      )
      .then((got) => {
        const at = Date.now();
        const wrong = got.find((n) => n.commitment.slot !== slot);
        if (wrong) {
          throw new FailedPreconditionError(
            `replica of slot ${slot} handed out a commitment of slot ${wrong.commitment.slot}`,
          );
        }
        for (const n of got) pool.ready.push({ slot, replica, at, ...n });
      })
      .catch((error: unknown) => {
        const unsupported =
          error instanceof Error &&
          /UNIMPLEMENTED|keeps no preprocessed nonces/.test(error.message);
        pool.retryAt = Date.now() + (unsupported ? UNSUPPORTED_RETRY_AFTER_MS : RETRY_AFTER_MS);
        deps.onError({ slot, replica, error });
      })
      .finally(() => {
        pool.fetching = false;
      });
  }

  return {
    /**
     * One prepared commitment from each of `threshold` slots of the key (in slot order), taken
     * out of the pool, or undefined when too few slots have one (then sign in two rounds).
     * Either way, slots running low are refilled in the background.
     */
    take(view: PoolKeyView<R>): PreparedNonce<R>[] | undefined {
      const byslot = poolsOf(view);
      const { key } = view;
      const available: { slot: number; pool: SlotPool<R> }[] = [];
      for (const slot of key.slots) {
        let pool = byslot.get(slot);
        if (!pool) {
          pool = { ready: [], fetching: false, retryAt: 0 };
          byslot.set(slot, pool);
        }
        if (fresh(view, slot, pool).length > 0) available.push({ slot, pool });
      }
      let taken: PreparedNonce<R>[] | undefined;
      if (available.length >= key.threshold) {
        taken = available
          .slice(0, key.threshold)
          .map(({ pool }) => pool.ready.shift() as PreparedNonce<R>);
      }
      for (const [slot, pool] of byslot) refill(view, slot, pool);
      return taken;
    },

    /** Commitments held, over all keys and slots (for tests and metrics). */
    size(): number {
      let n = 0;
      for (const byslot of pools.values()) for (const p of byslot.values()) n += p.ready.length;
      return n;
    },
  };
}
