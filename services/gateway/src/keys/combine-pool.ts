/**
 * Proof verification and combination of threshold-OPRF partials on worker threads (piscina),
 * so that network I/O, token checks and cached reads do not wait behind the arithmetic. The
 * dfc-client's `combine` hook: every proof is still verified before anything is combined, in
 * the worker, exactly as `combinePartials` does on the event loop.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type BlindedBatch,
  type KeyPublic,
  type PartialEvaluation,
  SlotContributionError,
} from "@keyfrag/crypto";
import { InternalError } from "@keyfrag/rpc";
import { Piscina } from "piscina";
import type { CombineResult, CombineTask } from "./combine-worker.js";

/** The compiled worker beside this module (dist/keys/combine-worker.js). */
export const COMBINE_WORKER = fileURLToPath(new URL("./combine-worker.js", import.meta.url));

export interface CombinePool {
  combine(
    key: KeyPublic,
    batch: BlindedBatch,
    partials: readonly PartialEvaluation[],
  ): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

/** A pool of `threads` workers running `worker` (default: the compiled combine-worker.js). */
export function createCombinePool(threads: number, worker = COMBINE_WORKER): CombinePool {
  if (!existsSync(worker))
    throw new Error(`${worker} is missing: the combine pool runs the compiled worker (pnpm build)`);
  const pool = new Piscina<CombineTask, CombineResult>({
    filename: worker,
    minThreads: threads,
    maxThreads: threads,
    // Queued tasks are bounded by the key service's limiter, not here.
    maxQueue: Number.POSITIVE_INFINITY,
    // The crypto backend the main thread uses (KF_CRYPTO_BACKEND) is read from the same env.
    env: process.env,
  });
  return {
    async combine(key, batch, partials) {
      const res = await pool.run({
        key: { ...key, verifyingShares: [...key.verifyingShares] },
        batch: { inputs: batch.inputs, blinds: batch.blinds, blinded: batch.blinded },
        partials: [...partials],
      });
      if ("outputs" in res) return res.outputs.map((o) => new Uint8Array(o));
      if ("slot" in res) throw new SlotContributionError(res.slot, "evaluation", res.reason);
      throw new InternalError(`combining partial evaluations failed: ${res.error}`);
    },
    close: () => pool.destroy(),
  };
}
