/**
 * A worker thread of the combine pool (combine-pool.ts): verifies every slot's batch proof and
 * combines the partials, off the gateway's event loop. A failed proof comes back as data naming
 * the slot (an Error's class does not survive the thread boundary).
 */
import {
  type BlindedBatch,
  combinePartials,
  type KeyPublic,
  type PartialEvaluation,
  SlotContributionError,
} from "@keyfrag/crypto";

/** The key as it crosses the thread boundary: its verifying shares as entries. */
export type KeyPublicMessage = Omit<KeyPublic, "verifyingShares"> & {
  verifyingShares: [number, Uint8Array][];
};

export interface CombineTask {
  key: KeyPublicMessage;
  batch: BlindedBatch;
  partials: PartialEvaluation[];
}

export type CombineResult =
  | { outputs: Uint8Array[] }
  | { slot: number; reason: string }
  | { error: string };

export default function combine({ key, batch, partials }: CombineTask): CombineResult {
  try {
    const full: KeyPublic = { ...key, verifyingShares: new Map(key.verifyingShares) };
    return { outputs: combinePartials(full, batch, partials) };
  } catch (err) {
    if (err instanceof SlotContributionError) {
      const prefix = `slot ${err.slot}: ${err.protocol} rejected: `;
      const reason = err.message.startsWith(prefix)
        ? err.message.slice(prefix.length)
        : err.message;
      return { slot: err.slot, reason };
    }
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
