import { randomUUID } from "node:crypto";
import {
  type KeyPublic,
  keyIdFromName,
  keyPublicDigest,
  keyPublicFromJson,
  keyPublicToJson,
  type Suite,
} from "@keyfrag/crypto";
import {
  type CertifiedParticipant,
  ConflictError,
  FailedPreconditionError,
  InvalidArgumentError,
  type KeyVersionRef,
  NotFoundError,
  UnavailableError,
} from "@keyfrag/rpc";
import { keyVersionId, type NodeView, type Topology } from "../topology/topology.js";
import type { FragmentPort } from "./fragment-port.js";
import type { KeyAlgorithm, KeyRecord, KeyRegistry, RefreshRecord } from "./key-registry.js";

/** Minimal structured logger (pino-compatible). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Named points of the refresh protocol where a fault-injection hook may crash the process,
 * to prove that recovery converges from each of them.
 */
export type FaultStep =
  | "refresh:after-begin"
  | "refresh:after-prepare-leaders"
  | "refresh:after-prepare"
  | "refresh:after-commit-record"
  | "refresh:after-first-commit";

export interface KeyServiceDeps {
  topology: Topology;
  registry: KeyRegistry;
  /** A client for one fragment manager. */
  fragments: (node: NodeView) => FragmentPort;
  log: Logger;
  now?: () => number;
  fault?: (step: FaultStep) => void;
  /**
   * How long after a key changed (created, refreshed) repair leaves it alone: heartbeats need
   * that long to report the change, and acting on older ones only repeats finished work.
   */
  settleMs?: number;
  /**
   * Most key ceremonies (DKG of a new version, refresh) run at once; more wait their turn
   * (default 16). Each one is a few round trips and durable writes on every replica of its
   * key, so many keys go faster side by side, up to what the fragment managers' disks and
   * cores absorb.
   */
  ceremonies?: number;
}

const SUITE_OF: Record<KeyAlgorithm, Suite> = {
  AES256GCM: "ristretto255",
  AES128GCM: "ristretto255",
  ED25519: "ed25519",
};
const NAME = /^[A-Za-z0-9/_.:@-]{1,256}$/;
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
/** Agreement, as @keyfrag/crypto defines it: the same keyPublicDigest. */
const samePublic = (a: KeyPublic, b: KeyPublic) =>
  hex(keyPublicDigest(a)) === hex(keyPublicDigest(b));

/**
 * Creates keys and rotates them (a new version) by distributed key generation among slot
 * primaries, replicates fragments to every replica of each slot, refreshes each key version by
 * two-phase commit, and repairs replicas that fall behind. The coordinator relays protocol
 * messages; it never sees a fragment in clear.
 */
export function createKeyService(deps: KeyServiceDeps) {
  const { topology, registry, fragments, log } = deps;
  const now = deps.now ?? Date.now;
  const fault = deps.fault ?? (() => {});
  const locks = new Map<string, Promise<unknown>>();
  const settleMs = deps.settleMs ?? 0;
  const ceremony = createLimiter(deps.ceremonies ?? 16);
  // Parsing public data decodes curve points; repair would redo it for every key on every pass.
  const parsed = new Map<string, { key: KeyPublic; digest: string }>();
  function publicOf(rec: KeyRecord): { key: KeyPublic; digest: string } {
    const id = `${rec.keyId}/v${rec.version}/e${rec.public.epoch}`;
    let hit = parsed.get(id);
    if (!hit) {
      const key = keyPublicFromJson(rec.public);
      hit = { key, digest: hex(keyPublicDigest(key)) };
      if (parsed.size > 10_000) parsed.clear();
      parsed.set(id, hit);
    }
    return hit;
  }

  /** Runs `fn` with the key version's lock held, so refresh, repair and recovery never interleave. */
  function withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = locks.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    locks.set(id, settled);
    void settled.then(() => {
      if (locks.get(id) === settled) locks.delete(id);
    });
    return next;
  }

  const refOf = (rec: KeyRecord): KeyVersionRef => ({
    keyId: new Uint8Array(Buffer.from(rec.keyId, "hex")),
    version: rec.version,
  });
  const participantOf = (n: NodeView): CertifiedParticipant => ({
    certificate: n.certificate,
    slot: n.slot,
    identityPublicKey: n.identityPublicKey,
  });
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

  /** Runs the DKG among `leaders` (one per slot) and checks that all agree on the result. */
  async function generate(
    leaders: NodeView[],
    ref: KeyVersionRef,
    sessionId: string,
    suite: Suite,
    threshold: number,
  ): Promise<KeyPublic> {
    const participants = leaders.map(participantOf);
    const round1 = await Promise.all(
      leaders.map((l) =>
        fragments(l).dkgRound1({ ...ref, sessionId, suite, threshold, participants }),
      ),
    );
    const packages = (
      await Promise.all(leaders.map((l) => fragments(l).dkgRound2({ sessionId, round1 })))
    ).flat();
    const results = await Promise.all(
      leaders.map((l) =>
        fragments(l).dkgFinish({ sessionId, packages: packages.filter((p) => p.to === l.slot) }),
      ),
    );
    const [key] = results;
    if (!key || !results.every((r) => samePublic(r, key))) {
      throw new FailedPreconditionError("DKG participants disagree on the key's public data");
    }
    return key;
  }

  const checkName = (name: string) => {
    if (typeof name !== "string" || !NAME.test(name))
      throw new InvalidArgumentError(
        "key name must be 1-256 characters of A-Z a-z 0-9 / _ . : @ -",
      );
  };
  /** Serialises the making of versions of one key (creation, rotations): one version at a time. */
  const withVersionsLock = <T>(keyId: string, fn: () => Promise<T>) =>
    withLock(`${keyId}/versions`, fn);

  /**
   * Makes version `version` of a key by a fresh DKG among the primaries of `slots`, replicates
   * it (each slot on at least two replicas when two are up) and only then records it (the
   * newest version from then on). Call with the key's versions lock held. A failure records
   * nothing and discards what participants and replicas already stored.
   */
  async function makeVersion(spec: {
    name: string;
    keyId: string;
    version: number;
    algorithm: KeyAlgorithm;
    slots: readonly number[];
    threshold: number;
  }): Promise<KeyRecord> {
    const { name, keyId, version, slots, threshold } = spec;
    // Repair and refresh of the new version wait until it is recorded and replicated.
    return withLock(keyVersionId(keyId, version), async () => {
      const leaders = pickLeaders(slots);
      const ref = { keyId: new Uint8Array(Buffer.from(keyId, "hex")), version };
      const started = now();
      let record: KeyRecord;
      let key: KeyPublic;
      try {
        key = await ceremony(async () => {
          const made = await generate(
            leaders,
            ref,
            randomUUID(),
            SUITE_OF[spec.algorithm],
            threshold,
          );
          // A version is recorded (and so used, and rewrapped onto) only once each slot's new
          // fragment is on a second replica wherever one is up, as refresh requires of a new
          // epoch: a single disk lost before repair ran would otherwise lose what it encrypted.
          // All slots and replicas at once.
          const reached = await Promise.all(
            leaders.map((leader) => replicateSlot(leader, ref, made, false)),
          );
          for (const [i, leader] of leaders.entries()) {
            const got = 1 + (reached[i]?.length ?? 0);
            if (got < Math.min(2, topology.healthyReplicas(leader.slot).length)) {
              throw new UnavailableError(
                `slot ${leader.slot}: the new version reached only ${got} replica(s); not recorded`,
              );
            }
          }
          return made;
        });
        record = {
          name,
          keyId,
          version,
          algorithm: spec.algorithm,
          public: keyPublicToJson(key),
          createdAt: started,
          lastRefreshAt: started,
        };
        await registry.create(record);
      } catch (err) {
        // A write whose answer was lost may still have landed: discard only when the registry
        // positively says the version is not recorded (orphans are harmless, a lost key is not).
        const recorded = await registry.get(name, version).then(
          (r) => r !== undefined,
          () => true,
        );
        if (!recorded) {
          // Nothing was recorded: drop what participants already stored, so the version stays free.
          await Promise.all(
            slots
              .flatMap((s) => topology.healthyReplicas(s))
              .map((n) =>
                fragments(n)
                  .discardKey(ref)
                  .catch((e) =>
                    log.warn(
                      { err: e, node: n.nodeId },
                      "could not discard a failed generation's fragment",
                    ),
                  ),
              ),
          );
        }
        throw err;
      }
      log.info(
        { key: name, version, slots, threshold, ms: now() - started },
        "key version created",
      );
      return record;
    });
  }

  async function createKey(req: {
    name: string;
    algorithm: KeyAlgorithm;
    slots?: number;
    threshold?: number;
    customerSlot?: boolean;
  }): Promise<KeyRecord> {
    checkName(req.name);
    if (!SUITE_OF[req.algorithm])
      throw new InvalidArgumentError(`unknown algorithm ${String(req.algorithm)}`);
    const keyId = hex(keyIdFromName(req.name));
    return withVersionsLock(keyId, async () => {
      if (await registry.get(req.name)) throw new ConflictError(`key ${req.name} already exists`);
      const all = topology.slots();
      const n = req.slots || all.length;
      if (n < 2 || n > all.length)
        throw new FailedPreconditionError(`asked for ${n} slots; the cluster has ${all.length}`);
      const slots = all.slice(0, n);
      if (req.customerSlot) slots.push(customerSlot());
      const threshold = req.threshold || slots.length;
      if (req.customerSlot && threshold <= n) {
        // Any n cluster slots could then decrypt without the customer's gateway.
        throw new InvalidArgumentError(
          `threshold ${threshold} would let the ${n} cluster slots decrypt without the customer slot; use ${slots.length} (or leave it 0)`,
        );
      }
      if (threshold > slots.length)
        throw new InvalidArgumentError(
          `threshold ${threshold} is more than the key's ${slots.length} slots`,
        );
      return makeVersion({
        name: req.name,
        keyId,
        version: 1,
        algorithm: req.algorithm,
        slots,
        threshold,
      });
    });
  }

  /** The customer slot a customer-slot key takes: exactly one healthy gateway must hold one. */
  function customerSlot(): number {
    const customer = topology.customerSlots();
    const [slot] = customer;
    if (slot === undefined)
      throw new FailedPreconditionError(
        "no customer fragment is up: a customer-slot key needs a gateway running with KF_CUSTOMER_SLOT, a slot the coordinators' KF_CUSTOMER_SLOTS names",
      );
    if (customer.length > 1)
      throw new FailedPreconditionError(
        `more than one customer slot is up (${customer.join(", ")}); a key takes exactly one`,
      );
    return slot;
  }

  /**
   * Rotation: makes version (newest + 1) of key `name` by a fresh DKG, with the newest
   * version's algorithm, slots and threshold. Older versions are left as they are.
   */
  async function rotateKey(name: string): Promise<KeyRecord> {
    checkName(name);
    const keyId = hex(keyIdFromName(name));
    return withVersionsLock(keyId, async () => {
      const newest = await getKey(name);
      const { slots, threshold } = newest.public;
      const known = new Set([...topology.slots(), ...topology.customerSlots()]);
      const missing = slots.filter((s) => !known.has(s));
      if (missing.length > 0) {
        throw new FailedPreconditionError(
          `key ${name} uses slot(s) ${missing.join(", ")}, which neither the cluster nor an up customer fragment (gateway) serves`,
        );
      }
      return makeVersion({
        name,
        keyId,
        version: newest.version + 1,
        algorithm: newest.algorithm,
        slots,
        threshold,
      });
    });
  }

  /** Version `version` of key `name` (0 or absent: the newest). */
  async function getKey(name: string, version?: number): Promise<KeyRecord> {
    checkName(name);
    const rec = await registry.get(name, version || undefined);
    if (!rec) throw new NotFoundError(`key ${name}${version ? ` v${version}` : ""} not found`);
    return rec;
  }

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
        const leaders = pickLeaders(key.slots, rec);
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
            leaders.map((leader) => replicateSlot(leader, ref, next, true)),
          );
          prepared.push(...reached.flat());
          for (const [i, leader] of leaders.entries()) {
            const got = 1 + (reached[i]?.length ?? 0);
            if (got < Math.min(2, topology.healthyReplicas(leader.slot).length)) {
              throw new UnavailableError(
                `slot ${leader.slot}: the next epoch reached only ${got} replica(s); refresh aborted`,
              );
            }
          }
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

  return {
    createKey,
    rotateKey,
    getKey,
    refreshKey,
    recover,
    repair,
    /** Every version of every key (reads them all: take-over only). */
    listKeys: () => registry.list(),
    /** One page of keys by name (see KeyRegistry.page). */
    pageKeys: (offset: number, size: number) => registry.page(offset, size),
    /** Puts every recorded key into the name index pages are read from (a new leader's duty). */
    indexNames: () => registry.indexNames(),
  };
}

export type KeyService = ReturnType<typeof createKeyService>;

/** Runs at most `max` of the functions given to it at once; the rest wait in order. */
function createLimiter(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new Error(`ceremonies must be ≥ 1, not ${max}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
