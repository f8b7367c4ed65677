/**
 * Where a key's fragments are and how they move, shared by creation, refresh and repair: which
 * replica of each slot takes part, what the topology says a replica holds, and same-slot
 * catch-up and abort.
 */
import { type KeyPublic, keyPublicDigest, keyPublicFromJson } from "@keyfrag/crypto";
import { type CertifiedParticipant, type KeyVersionRef, UnavailableError } from "@keyfrag/rpc";
import { keyVersionId, type NodeView, type Topology } from "../topology/topology.js";
import type { FragmentPort } from "./fragment-port.js";
import type { KeyRecord } from "./key-registry.js";

/** Minimal structured logger (pino-compatible). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Agreement, as @keyfrag/crypto defines it: the same keyPublicDigest. */
export const samePublic = (a: KeyPublic, b: KeyPublic) =>
  hex(keyPublicDigest(a)) === hex(keyPublicDigest(b));

export const refOf = (rec: KeyRecord): KeyVersionRef => ({
  keyId: new Uint8Array(Buffer.from(rec.keyId, "hex")),
  version: rec.version,
});

export const participantOf = (n: NodeView): CertifiedParticipant => ({
  certificate: n.certificate,
  slot: n.slot,
  identityPublicKey: n.identityPublicKey,
});

export interface PlacementDeps {
  topology: Topology;
  /** A client for one fragment manager. */
  fragments: (node: NodeView) => FragmentPort;
  log: Logger;
}

export type Placement = ReturnType<typeof createPlacement>;

/** Parsed public data kept for the key versions used most recently. */
const PARSED_PUBLIC = 10_000;

/** The placement of key fragments over the topology's replicas. */
export function createPlacement({ topology, fragments, log }: PlacementDeps) {
  // Parsing public data decodes curve points and derives every verifying share: the key
  // versions in use keep theirs. Least recently used first (a Map keeps insertion order), so
  // more key versions than it holds evict the coldest one at a time instead of emptying it.
  const parsed = new Map<string, { key: KeyPublic; digest: string }>();
  /** The record's public data, parsed, and its digest (hex). */
  function publicOf(rec: KeyRecord): { key: KeyPublic; digest: string } {
    const id = `${rec.keyId}/v${rec.version}/e${rec.public.epoch}`;
    let hit = parsed.get(id);
    if (hit) {
      parsed.delete(id);
    } else {
      const key = keyPublicFromJson(rec.public);
      hit = { key, digest: hex(keyPublicDigest(key)) };
      if (parsed.size >= PARSED_PUBLIC) parsed.delete(parsed.keys().next().value as string);
    }
    parsed.set(id, hit);
    return hit;
  }

  /** What the topology says `n` holds of `rec`'s version. */
  const heldBy = (n: NodeView, rec: KeyRecord) => n.keys.get(keyVersionId(rec.keyId, rec.version));
  /** Whether what the topology says `n` holds of `rec`'s key is current (its held-key set fetched). */
  const known = (n: NodeView, rec: KeyRecord) => topology.heldKnown(n, rec.keyId);

  /** One healthy replica per slot, preferring the primary and replicas known to hold the key's decided current epoch. */
  function pickLeaders(slots: readonly number[], rec?: KeyRecord): NodeView[] {
    const digest = rec && publicOf(rec).digest;
    return slots.map((slot) => {
      const healthy = topology.healthyReplicas(slot);
      const ready =
        rec === undefined
          ? healthy
          : healthy.filter((n) => {
              const h = heldBy(n, rec);
              return (
                known(n, rec) &&
                h !== undefined &&
                h.epoch === rec.public.epoch &&
                h.digest === digest &&
                h.pendingEpoch === undefined
              );
            });
      const chosen = ready[0] ?? healthy[0];
      if (!chosen) throw new UnavailableError(`slot ${slot} has no healthy replica`);
      return chosen;
    });
  }

  /** Same-slot catch-up: `target` pulls the fragment at `expected.epoch` from `source` directly. */
  async function copyFragment(
    source: NodeView,
    target: NodeView,
    ref: KeyVersionRef,
    expected: KeyPublic,
    pending: boolean,
  ) {
    await fragments(target).catchUp({
      ...ref,
      key: expected,
      pending,
      sourceAddress: source.address,
    });
  }

  /** Copies the fragment from `source` to every other healthy replica of its slot; returns those reached. */
  async function replicateSlot(
    source: NodeView,
    ref: KeyVersionRef,
    key: KeyPublic,
    pending: boolean,
  ): Promise<NodeView[]> {
    const targets = topology.healthyReplicas(source.slot).filter((t) => t.nodeId !== source.nodeId);
    const outcomes = await Promise.all(
      targets.map((target) =>
        copyFragment(source, target, ref, key, pending).then(
          () => target,
          (err: unknown) => {
            log.warn(
              { err, slot: source.slot, node: target.nodeId },
              "replica not reached; repair will catch it up",
            );
            return undefined;
          },
        ),
      ),
    );
    return outcomes.filter((t): t is NodeView => t !== undefined);
  }

  /**
   * Throws unless each leader's slot now has its new fragment on min(2, healthy) replicas (the
   * leader plus those `reached`): one disk lost before repair ran would otherwise lose it.
   */
  function requireSecondCopies(
    leaders: NodeView[],
    reached: NodeView[][],
    what: string,
    otherwise: string,
  ): void {
    for (const [i, leader] of leaders.entries()) {
      const got = 1 + (reached[i]?.length ?? 0);
      if (got < Math.min(2, topology.healthyReplicas(leader.slot).length)) {
        throw new UnavailableError(
          `slot ${leader.slot}: ${what} reached only ${got} replica(s); ${otherwise}`,
        );
      }
    }
  }

  /** Drops pending epoch `epoch` on `nodes` (best effort: repair drops what is missed). */
  async function abortOn(
    nodes: readonly NodeView[],
    ref: KeyVersionRef,
    epoch: number,
  ): Promise<void> {
    await Promise.all(
      nodes.map((n) =>
        fragments(n)
          .refreshAbort({ ...ref, epoch })
          .catch((err) =>
            log.warn(
              { err, node: n.nodeId },
              "abort not delivered; repair will drop the pending epoch",
            ),
          ),
      ),
    );
  }

  return {
    publicOf,
    heldBy,
    known,
    pickLeaders,
    copyFragment,
    replicateSlot,
    requireSecondCopies,
    abortOn,
  };
}
