/**
 * Retention of the chain in Redis: records older than the retention (by default the audit
 * stream's 30 days) are pruned every interval. Each prune is itself an audit event naming the new
 * checkpoint (seq and hash), so a forwarder's destination can tell a pruned chain from a cut one.
 */
import type { ChainStore, PruneResult } from "./chain-store.js";

/** The action of the event that records a prune. */
export const PRUNE_ACTION = "audit.prune";

export interface Retention {
  /** Prunes what is older than the retention now (one prune at a time per replica). */
  pruneNow(nowMs?: number): Promise<PruneResult>;
  /** Prunes now and then every interval. */
  start(): void;
  stop(): Promise<void>;
}

export function createRetention(deps: {
  chain: Pick<ChainStore, "prune">;
  audit: {
    emit(event: {
      action: string;
      result: "allowed";
      fields: Record<string, string>;
    }): Promise<unknown>;
  };
  logger: { error(obj: object, msg: string): void };
  retentionMs: number;
  intervalMs: number;
}): Retention {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PruneResult> | undefined;

  async function prune(nowMs: number): Promise<PruneResult> {
    const result = await deps.chain.prune(nowMs - deps.retentionMs);
    if (result.pruned > 0) {
      await deps.audit.emit({
        action: PRUNE_ACTION,
        result: "allowed",
        fields: {
          pruned: String(result.pruned),
          prunedThroughSeq: String(result.checkpoint.seq),
          prunedThroughHash: result.checkpoint.hash,
          retentionMs: String(deps.retentionMs),
        },
      });
    }
    return result;
  }

  function pruneNow(nowMs = Date.now()): Promise<PruneResult> {
    running ??= prune(nowMs).finally(() => {
      running = undefined;
    });
    return running;
  }

  const tick = () =>
    void pruneNow().catch((err: unknown) =>
      deps.logger.error({ err }, "audit chain retention failed; retrying next interval"),
    );

  return {
    pruneNow,
    start() {
      tick();
      timer = setInterval(tick, deps.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
