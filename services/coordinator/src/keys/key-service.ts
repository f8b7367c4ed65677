/**
 * The coordinator's key service: creation and rotation (key-creation.ts), refresh and its
 * recovery (key-refresh.ts) and repair (key-repair.ts), over one placement (key-placement.ts)
 * and one set of per-key-version locks (key-locks.ts).
 */
import { NotFoundError } from "@keyfrag/rpc";
import type { NodeView, Topology } from "../topology/topology.js";
import { type CustomerFragment, createCustomerFragments } from "./customer-fragments.js";
import type { FragmentPort } from "./fragment-port.js";
import { checkKeyName, type FaultStep, type KeyContext } from "./key-context.js";
import { createKeyCreation } from "./key-creation.js";
import { createKeyLocks, createLimiter } from "./key-locks.js";
import { createPlacement, type Logger } from "./key-placement.js";
import { createKeyRefresh } from "./key-refresh.js";
import type { KeyRecord, KeyRegistry } from "./key-registry.js";
import { createKeyRepair } from "./key-repair.js";

export type { FaultStep } from "./key-context.js";
export type { Logger } from "./key-placement.js";

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
  /**
   * The customer fragments (KF_CUSTOMER_SLOTS, the same the topology was given): ids and
   * slots. Default: none, and customer-slot keys are refused.
   */
  customerFragments?: readonly CustomerFragment[];
}

/**
 * Creates keys and rotates them (a new version) by distributed key generation among slot
 * primaries, replicates fragments to every replica of each slot, refreshes each key version by
 * two-phase commit, and repairs replicas that fall behind. The coordinator relays protocol
 * messages; it never sees a fragment in clear.
 */
export function createKeyService(deps: KeyServiceDeps) {
  const { topology, registry, fragments, log } = deps;

  /** Version `version` of key `name` (0 or absent: the newest). */
  async function getKey(name: string, version?: number): Promise<KeyRecord> {
    checkKeyName(name);
    const rec = await registry.get(name, version || undefined);
    if (!rec) throw new NotFoundError(`key ${name}${version ? ` v${version}` : ""} not found`);
    return rec;
  }

  const ctx: KeyContext = {
    topology,
    registry,
    fragments,
    log,
    now: deps.now ?? Date.now,
    fault: deps.fault ?? (() => {}),
    settleMs: deps.settleMs ?? 0,
    withLock: createKeyLocks(),
    ceremony: createLimiter(deps.ceremonies ?? 16),
    placement: createPlacement({ topology, fragments, log }),
    customers: createCustomerFragments(deps.customerFragments ?? []),
    getKey,
  };
  const { createKey, rotateKey } = createKeyCreation(ctx);
  const { refreshKey, recover } = createKeyRefresh(ctx);
  const { repair, loadIndex, dropIndex, indexed } = createKeyRepair(ctx);

  return {
    createKey,
    rotateKey,
    getKey,
    refreshKey,
    recover,
    repair,
    /**
     * Loads the leader's index of key versions (a new leader's duty, after `indexNames`): what
     * repair examines, without reading the registry again. Returns how many key versions.
     */
    loadIndex,
    /** Forgets the index when leadership is lost (another leader writes from then on). */
    dropIndex,
    /** Every key version in the index (name, version, last refresh…), after `loadIndex`. */
    indexedKeys: indexed,
    /** Every version of every key (reads and validates them all). */
    listKeys: () => registry.list(),
    /** One page of keys by name (see KeyRegistry.page). */
    pageKeys: (offset: number, size: number) => registry.page(offset, size),
    /** Puts every recorded key into the name index pages are read from (a new leader's duty). */
    indexNames: () => registry.indexNames(),
    /** The customer fragment among a key's slots, if it has one. */
    customerFragmentOf: (slots: readonly number[]) => ctx.customers.of(slots),
  };
}

export type KeyService = ReturnType<typeof createKeyService>;
