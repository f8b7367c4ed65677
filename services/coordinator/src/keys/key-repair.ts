/** Repair: brings replicas that missed a DKG, a refresh or its end to the key's current epoch. */
import { keyPublicDigest } from "@keyfrag/crypto";
import { keyVersionId, type NodeView } from "../topology/topology.js";
import type { KeyContext } from "./key-context.js";
import { createKeyIndex, type KeySummary } from "./key-index.js";
import { hex, refOf } from "./key-placement.js";

/** Key versions examined between two turns of the event loop. */
const EXAMINED_PER_TURN = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Repairs lagging replicas (the leader's loop calls `repair`). A pass examines only the key
 * versions something happened to since they were last found in order: recorded or refreshed by
 * this leader (after `settleMs`), a change in what a node is known to hold of them, a change in
 * a slot's healthy replicas, or a repair still to finish or retry. All of them are examined
 * after the index is (re)loaded, when this coordinator takes over. An idle cluster's pass is
 * then a few map look-ups, whatever the number of keys.
 */
export function createKeyRepair(ctx: KeyContext) {
  const { topology, registry, fragments, log, now, settleMs, withLock, placement } = ctx;
  const { publicOf, heldBy, known, copyFragment } = placement;

  /** Key versions to examine, each not before the time given. */
  const due = new Map<string, number>();
  const mark = (id: string, at: number) => {
    const current = due.get(id);
    if (current === undefined || at < current) due.set(id, at);
  };
  const index = createKeyIndex(registry, (id, summary) => mark(id, summary.changedAt + settleMs));
  topology.onHeldChange((id) => {
    if (index.active()) mark(id, now());
  });
  /** Per slot, the healthy replicas (node id, address, identity key) at the last pass. */
  let replicasSeen = new Map<number, string>();

  /** Marks every key of a slot whose healthy replicas changed since the last pass. */
  function markChangedSlots(): void {
    const seen = new Map<number, string>();
    for (const n of topology.nodes()) {
      if (!topology.healthy(n)) continue;
      const id = `${n.nodeId}@${n.address}#${hex(n.identityPublicKey)}`;
      seen.set(n.slot, `${seen.get(n.slot) ?? ""}${id};`);
    }
    const changed = new Set<number>();
    for (const slot of new Set([...seen.keys(), ...replicasSeen.keys()]))
      if (seen.get(slot) !== replicasSeen.get(slot)) changed.add(slot);
    replicasSeen = seen;
    if (changed.size === 0) return;
    const at = now();
    for (const [id, s] of index.entries()) if (s.slots.some((x) => changed.has(x))) mark(id, at);
  }

  /** (Re)loads the index (a new leader): every key version is examined by the next pass. */
  async function loadIndex(): Promise<number> {
    due.clear();
    replicasSeen = new Map();
    const n = await index.load();
    const at = now();
    for (const [id] of index.entries()) mark(id, at);
    return n;
  }

  /**
   * Whether the healthy replicas whose holdings are known hold `s`'s current epoch and public
   * data with nothing pending: "clean" if every healthy replica is known and does, "repair" if
   * a known one does not, "unsure" if some are not known yet (their held-key set is fetched).
   */
  function verdict(
    id: string,
    s: KeySummary,
    healthy: (slot: number) => readonly NodeView[],
  ): "clean" | "repair" | "unsure" {
    let unsure = false;
    for (const slot of s.slots) {
      for (const n of healthy(slot)) {
        if (!topology.heldKnown(n, s.keyId)) {
          unsure = true;
          continue;
        }
        const h = n.keys.get(id);
        if (h?.epoch !== s.epoch || h.digest !== s.digest || h.pendingEpoch !== undefined)
          return "repair";
      }
    }
    return unsure ? "unsure" : "clean";
  }

  /**
   * Repairs one key version (lock held): commits a pending epoch that was decided, drops one
   * that was not, and catches up replicas that missed a DKG or a refresh from a same-slot peer.
   * Returns how many replicas it changed and when to look at the key again (never: it is in
   * order, or nothing can be done until a replica or what one holds changes).
   */
  async function repairOne(listed: KeySummary): Promise<{ changed: number; again?: number }> {
    if (now() - listed.changedAt < settleMs)
      return { changed: 0, again: listed.changedAt + settleMs };
    const rec = await registry.get(listed.name, listed.version);
    if (!rec) return { changed: 0 };
    // The registry is the truth: an index that fell behind it is brought up to date.
    index.put(rec);
    if (await registry.getRefresh(rec.keyId, rec.version))
      return { changed: 0, again: now() + settleMs };
    const ref = refOf(rec);
    const { key } = publicOf(rec);
    const digest = keyPublicDigest(key);
    const decided = (h: { epoch: number; digest: string } | undefined) =>
      h?.epoch === key.epoch && h.digest === hex(digest);
    let n = 0;
    let retry = false;
    for (const slot of key.slots) {
      const healthy = topology.healthyReplicas(slot);
      const replicas = healthy.filter((r) => known(r, rec));
      // A replica whose holdings are being fetched is looked at once they are.
      if (replicas.length < healthy.length) retry = true;
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
            // No replica of the slot holds the decided epoch: nothing to copy from until one does.
            continue;
          }
          n++;
          log.info(
            { key: rec.name, slot, node: target.nodeId, epoch: key.epoch },
            "replica repaired",
          );
        } catch (err) {
          retry = true;
          log.warn({ err, key: rec.name, node: target.nodeId }, "repair failed; will retry");
        }
      }
    }
    // Repaired replicas report their new holdings in a heartbeat or two: checked after that.
    if (retry) return { changed: n, again: now() };
    return n > 0 ? { changed: n, again: now() + settleMs } : { changed: n };
  }

  /**
   * Brings every healthy replica of every key to the key's current epoch. Returns how many
   * replicas it changed. The first pass (or the first after `loadIndex`) loads the index and
   * examines every key version, yielding to the event loop as it goes.
   */
  async function repair(): Promise<number> {
    if (!index.loaded()) await loadIndex();
    markChangedSlots();
    const start = now();
    const replicas = new Map<number, NodeView[]>();
    const healthy = (slot: number) => {
      let r = replicas.get(slot);
      if (!r) {
        r = topology.healthyReplicas(slot);
        replicas.set(slot, r);
      }
      return r;
    };
    let changed = 0;
    let examined = 0;
    for (const [id, at] of [...due]) {
      if (at > start) continue;
      due.delete(id);
      const s = index.get(id);
      if (!s) continue;
      if (++examined % EXAMINED_PER_TURN === 0) await nextTurn();
      const v = verdict(id, s, healthy);
      if (v === "clean") continue;
      if (v === "unsure") {
        mark(id, now());
        continue;
      }
      const done = await withLock(keyVersionId(s.keyId, s.version), () =>
        repairOne(index.get(id) ?? s),
      );
      changed += done.changed;
      if (done.again !== undefined) mark(id, done.again);
    }
    return changed;
  }

  return {
    repair,
    loadIndex,
    /** Forgets the index (leadership lost); the next `repair` or `loadIndex` reads it again. */
    dropIndex: () => {
      index.drop();
      due.clear();
    },
    /** Every key version in the index (loaded by `loadIndex`). */
    indexed: () => index.values(),
  };
}
