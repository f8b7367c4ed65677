/**
 * Refresh of a key version by two-phase commit (a durable decision in Redis between prepare and
 * commit), and recovery of the refreshes a crashed leader left behind.
 */
import { randomUUID } from "node:crypto";
import {
  type KeyPublic,
  keyPublicDigest,
  keyPublicFromJson,
  keyPublicToJson,
} from "@keyfrag/crypto";
import { FailedPreconditionError } from "@keyfrag/rpc";
import { keyVersionId, type NodeView } from "../topology/topology.js";
import type { KeyContext } from "./key-context.js";
import { hex, participantOf, refOf, samePublic } from "./key-placement.js";
import type { RefreshRecord } from "./key-registry.js";

/** Refreshes key versions and recovers interrupted refreshes. */
export function createKeyRefresh(ctx: KeyContext) {
  const { topology, registry, fragments, log, now, fault, withLock, ceremony, placement, getKey } =
    ctx;
  const { abortOn, heldBy, known } = placement;

  async function refreshKey(
    name: string,
    version?: number,
  ): Promise<{ epoch: number; durationMs: number }> {
    const found = await getKey(name, version);
    // Bounded with the other ceremonies only once this key's lock is held.
    return withLock(keyVersionId(found.keyId, found.version), () =>
      ceremony(async () => {
        // A refresh a crashed leader left behind is finished (or undone) first.
        await recoverOne(found.keyId, found.version);
        const rec = await getKey(name, found.version);
        const started = now();
        const ref = refOf(rec);
        const key = keyPublicFromJson(rec.public);
        const from = key.epoch;
        const leaders = placement.pickLeaders(key.slots, rec);
        const participants = leaders.map(participantOf);
        const record: RefreshRecord = {
          name,
          keyId: rec.keyId,
          version: rec.version,
          sessionId: randomUUID(),
          fromEpoch: from,
          state: "preparing",
          startedAt: started,
        };
        await registry.beginRefresh(record);
        fault("refresh:after-begin");
        const prepared: NodeView[] = [...leaders];
        let next: KeyPublic;
        try {
          const dealings = await Promise.all(
            leaders.map((l) =>
              fragments(l).refreshDeal({
                ...ref,
                sessionId: record.sessionId,
                epoch: from,
                participants,
              }),
            ),
          );
          const results = await Promise.all(
            leaders.map((l) =>
              fragments(l).refreshPrepare({ ...ref, sessionId: record.sessionId, dealings }),
            ),
          );
          const [first] = results;
          if (!first || !results.every((r) => samePublic(r, first)))
            throw new FailedPreconditionError("slots disagree on the refreshed public data");
          if (hex(first.groupPublicKey) !== hex(key.groupPublicKey) || first.epoch !== from + 1) {
            throw new FailedPreconditionError(
              "refresh would change the group key or skip an epoch",
            );
          }
          next = first;
          fault("refresh:after-prepare-leaders");
          // Never let a slot's new fragment live on one node alone when others are up: losing
          // that node before the rest caught up would cost the slot at the new epoch.
          const reached = await Promise.all(
            leaders.map((leader) => placement.replicateSlot(leader, ref, next, true)),
          );
          prepared.push(...reached.flat());
          placement.requireSecondCopies(leaders, reached, "the next epoch", "refresh aborted");
          fault("refresh:after-prepare");
        } catch (err) {
          await abortOn(prepared, ref, from + 1);
          await registry.endRefresh(rec.keyId, rec.version);
          throw err;
        }
        // The decision: from here on the refresh completes, even across crashes.
        await registry.commitRefresh(record, {
          ...rec,
          public: keyPublicToJson(next),
          lastRefreshAt: now(),
        });
        fault("refresh:after-commit-record");
        const commit = (node: NodeView) =>
          fragments(node)
            .refreshCommit({ ...ref, epoch: next.epoch, digest: keyPublicDigest(next) })
            .catch((err: unknown) =>
              log.warn({ err, node: node.nodeId }, "commit not delivered; repair will finish it"),
            );
        // One node first (the fault hook's point), then all the others at once.
        const [firstNode, ...others] = prepared;
        if (firstNode) await commit(firstNode);
        fault("refresh:after-first-commit");
        await Promise.all(others.map(commit));
        await registry.endRefresh(rec.keyId, rec.version);
        const durationMs = now() - started;
        log.info(
          { key: name, version: rec.version, epoch: next.epoch, ms: durationMs },
          "key refreshed",
        );
        return { epoch: next.epoch, durationMs };
      }),
    );
  }

  /**
   * Finishes what a crashed leader left of one refresh (call with the key's lock held): a
   * `preparing` refresh is aborted everywhere; a `committed` one is committed everywhere it
   * was prepared (replicas that missed it are caught up by repair).
   */
  async function recoverOne(keyId: string, version: number): Promise<void> {
    const r = await registry.getRefresh(keyId, version);
    if (!r) return;
    const rec = await registry.get(r.name, r.version);
    if (!rec) return;
    const ref = refOf(rec);
    const key = keyPublicFromJson(rec.public);
    const nodes = key.slots.flatMap((s) => topology.healthyReplicas(s));
    if (r.state === "preparing") {
      await abortOn(nodes, ref, r.fromEpoch + 1);
      log.info({ key: r.name, epoch: r.fromEpoch }, "recovered an undecided refresh: aborted");
    } else {
      const digest = keyPublicDigest(key);
      for (const n of nodes) {
        const held = heldBy(n, rec);
        // Not known yet (its held-key set is being fetched): repair commits it later.
        if (!known(n, rec)) continue;
        if (held?.pendingEpoch !== key.epoch || held.pendingDigest !== hex(digest)) continue;
        await fragments(n)
          .refreshCommit({ ...ref, epoch: key.epoch, digest })
          .catch((err) => log.warn({ err, node: n.nodeId }, "commit during recovery failed"));
      }
      log.info({ key: r.name, epoch: key.epoch }, "recovered a decided refresh: committed");
    }
    await registry.endRefresh(r.keyId, r.version);
  }

  /** Recovers every refresh a crashed leader left behind. */
  async function recover(): Promise<void> {
    for (const r of await registry.listRefreshes()) {
      await withLock(keyVersionId(r.keyId, r.version), () => recoverOne(r.keyId, r.version));
    }
  }

  return { refreshKey, recover };
}
