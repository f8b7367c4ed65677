import type { HeldKey } from "@keyfrag/bus";
import type { NodeView, Topology } from "./topology.js";

/** Minimal structured logger (pino-compatible). */
interface Logger {
  warn(obj: object, msg?: string): void;
}

/** One held-key set as a node's HeldKeys answers it. */
export interface HeldKeySetAnswer {
  readonly set: number;
  readonly keys: readonly HeldKey[];
}

/** Held-key sets asked for in one HeldKeys call (the node allows 16). */
const SETS_PER_CALL = 16;
/** After a failed fetch, a node's heartbeats do not start another one for this long. */
const RETRY_AFTER_MS = 2_000;

/**
 * Keeps the topology's view of what each node holds in step with its heartbeats: a heartbeat
 * carries a digest per held-key set, and for every set whose digest changed this asks the node
 * (FragmentManager.HeldKeys over mTLS) for that set's key versions. One fetch per node at a
 * time; an answer counts only if it hashes to the digest the node signed (topology.applyHeldSet).
 */
export function createHeldKeySync(deps: {
  topology: Pick<Topology, "node" | "staleSets" | "applyHeldSet">;
  /** Asks `node` for the key versions of `sets`. */
  fetch: (node: NodeView, sets: number[]) => Promise<readonly HeldKeySetAnswer[]>;
  log: Logger;
  now?: () => number;
}) {
  const { topology, log } = deps;
  const now = deps.now ?? Date.now;
  const running = new Map<string, Promise<void>>();
  const failedAt = new Map<string, number>();

  async function sync(nodeId: string): Promise<void> {
    try {
      // Bounded: each round either fetches up to SETS_PER_CALL stale sets or stops.
      for (;;) {
        const node = topology.node(nodeId);
        const stale = topology.staleSets(nodeId);
        if (!node || stale.length === 0) return;
        const answers = await deps.fetch(node, stale.slice(0, SETS_PER_CALL));
        let applied = 0;
        for (const a of answers) if (topology.applyHeldSet(nodeId, a.set, a.keys)) applied++;
        // Nothing matched what the node announced: it changed meanwhile; its next heartbeat
        // says what to ask for.
        if (applied === 0) return;
      }
    } catch (err) {
      failedAt.set(nodeId, now());
      log.warn({ err, node: nodeId }, "could not fetch the keys a node holds; will retry");
    }
  }

  return {
    /** Called after each heartbeat of `nodeId`: fetches its stale sets unless a fetch runs. */
    poke(nodeId: string): void {
      if (running.has(nodeId)) return;
      if (now() - (failedAt.get(nodeId) ?? Number.NEGATIVE_INFINITY) < RETRY_AFTER_MS) return;
      if (topology.staleSets(nodeId).length === 0) return;
      const done = sync(nodeId).finally(() => running.delete(nodeId));
      running.set(nodeId, done);
    },
    /** Resolves once every fetch under way has ended (tests, shutdown). */
    async idle(): Promise<void> {
      await Promise.all(running.values());
    },
  };
}

export type HeldKeySync = ReturnType<typeof createHeldKeySync>;
