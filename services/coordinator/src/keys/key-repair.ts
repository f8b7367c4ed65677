/** Repair: brings replicas that missed a DKG, a refresh or its end to the key's current epoch. */
import { keyPublicDigest } from "@keyfrag/crypto";
import { keyVersionId } from "../topology/topology.js";
import type { KeyContext } from "./key-context.js";
import { hex, refOf } from "./key-placement.js";
import type { KeyRecord } from "./key-registry.js";

/** Repairs lagging replicas of every key (the leader's loop calls `repair`). */
export function createKeyRepair(ctx: KeyContext) {
  const { topology, registry, fragments, log, now, settleMs, withLock, placement } = ctx;
  const { publicOf, heldBy, known, copyFragment } = placement;

  /**
   * Brings every healthy replica of every key to the key's current epoch: commits a pending
   * epoch that was decided, drops one that was not, and catches up replicas that missed a DKG
   * or a refresh from a same-slot peer. Returns how many replicas it changed.
   */
  async function repair(): Promise<number> {
    let changed = 0;
    for (const listed of await registry.list()) {
      // Most keys need nothing: decided from memory, without reading the key again.
      if (!mayNeedRepair(listed)) continue;
      changed += await withLock(keyVersionId(listed.keyId, listed.version), async () => {
        if (now() - Math.max(listed.createdAt, listed.lastRefreshAt) < settleMs) return 0;
        const rec = await registry.get(listed.name, listed.version);
        if (!rec || (await registry.getRefresh(rec.keyId, rec.version))) return 0;
        const ref = refOf(rec);
        const { key } = publicOf(rec);
        const digest = keyPublicDigest(key);
        const decided = (h: { epoch: number; digest: string } | undefined) =>
          h?.epoch === key.epoch && h.digest === hex(digest);
        let n = 0;
        for (const slot of key.slots) {
          const replicas = topology.healthyReplicas(slot).filter((r) => known(r, rec));
          const source = replicas.find((r) => decided(heldBy(r, rec)));
          for (const target of replicas) {
            const held = heldBy(target, rec);
            try {
              if (held?.pendingEpoch === key.epoch && held.pendingDigest === hex(digest)) {
                // The decided epoch, prepared here but never committed.
                await fragments(target).refreshCommit({ ...ref, epoch: key.epoch, digest });
              } else if (held?.pendingEpoch !== undefined) {
                // A pending epoch no decision stands behind (an aborted or superseded refresh).
                await fragments(target).refreshAbort({ ...ref, epoch: held.pendingEpoch });
              } else if (decided(held)) {
                continue;
              } else if (held?.epoch === key.epoch) {
                log.error(
                  { key: rec.name, slot, node: target.nodeId, epoch: key.epoch },
                  "replica holds other public data at the current epoch; it is left out until an operator replaces it",
                );
                continue;
              } else if (source) {
                await copyFragment(source, target, ref, key, false);
              } else {
                continue;
              }
              n++;
              log.info(
                { key: rec.name, slot, node: target.nodeId, epoch: key.epoch },
                "replica repaired",
              );
            } catch (err) {
              log.warn({ err, key: rec.name, node: target.nodeId }, "repair failed; will retry");
            }
          }
        }
        return n;
      });
    }
    return changed;
  }

  /**
   * Whether some healthy replica whose holdings are known may be off `listed`'s current epoch
   * (anything else than the decided epoch and public data, with nothing pending).
   */
  function mayNeedRepair(listed: KeyRecord): boolean {
    const { key, digest } = publicOf(listed);
    for (const slot of key.slots) {
      for (const n of topology.healthyReplicas(slot)) {
        if (!known(n, listed)) continue;
        const h = heldBy(n, listed);
        if (h?.epoch !== key.epoch || h.digest !== digest || h.pendingEpoch !== undefined)
          return true;
      }
    }
    return false;
  }

  return { repair };
}
