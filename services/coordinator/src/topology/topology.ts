import {
  EMPTY_HELD_KEY_SET,
  HELD_KEY_SETS,
  type Heartbeat,
  type HeldKey as HeldKeyEntry,
  heldKeySetDigest,
  heldKeySetOf,
} from "@keyfrag/bus";
import { InvalidArgumentError } from "@keyfrag/rpc";

/** A fragment manager as the coordinator sees it, from its latest heartbeat. */
export interface NodeView {
  readonly nodeId: string;
  readonly region: string;
  readonly zone: string;
  readonly slot: number;
  readonly address: string;
  readonly identityPublicKey: Uint8Array;
  /** Its certificate (DER), which fragment managers verify before trusting the identity key. */
  readonly certificate: Uint8Array;
  /**
   * keyIdHex/vVersion → epochs held, as far as the coordinator has fetched them (see
   * `heldKnown`: a held-key set whose digest changed is stale until fetched again).
   */
  readonly keys: ReadonlyMap<string, HeldKey>;
  /** Key versions the node holds in all, as its latest heartbeat announces. */
  readonly keyCount: number;
  /** A gateway's customer fragment, not a cluster node. */
  readonly customer: boolean;
  /** When the node sent its latest heartbeat (its clock): an older one is a replay. */
  readonly sentAt: number;
  readonly lastSeen: number;
}

/** What a node holds of one key version: epochs and the digests of their public data. */
export interface HeldKey {
  readonly epoch: number;
  readonly digest: string;
  readonly pendingEpoch?: number;
  readonly pendingDigest?: string;
}

/** Placement of one slot: its replicas, primary first, and whether it meets the placement rule. */
export interface SlotPlacement {
  readonly slot: number;
  /** Every known replica, ordered primary first (region, zone, node id). */
  readonly replicas: readonly NodeView[];
  /** Problems with the rule "primary, another AZ in its region, another region". */
  readonly warnings: readonly string[];
}

/** `keyIdHex/vVersion`, the topology's name for one key version. */
export const keyVersionId = (keyIdHex: string, version: number) => `${keyIdHex}/v${version}`;

/**
 * What the coordinator knows a node holds, held-key set by held-key set: the digest the node's
 * latest heartbeat announced for each set, and the digest of what was fetched for it (from the
 * node's HeldKeys, checked against an announced digest). A set whose two differ is stale.
 */
interface NodeHoldings {
  readonly slot: number;
  readonly identityPublicKey: string;
  readonly keys: Map<string, HeldKey>;
  /** Per set: the key versions in `keys` that belong to it. */
  readonly members: Set<string>[];
  readonly announced: string[];
  readonly known: (string | undefined)[];
  count: number;
}

function newHoldings(hb: Heartbeat): NodeHoldings {
  return {
    slot: hb.slot,
    identityPublicKey: hb.identityPublicKey,
    keys: new Map(),
    members: Array.from({ length: HELD_KEY_SETS }, () => new Set<string>()),
    announced: new Array<string>(HELD_KEY_SETS).fill(EMPTY_HELD_KEY_SET),
    known: new Array<string | undefined>(HELD_KEY_SETS).fill(EMPTY_HELD_KEY_SET),
    count: 0,
  };
}

const sameHeld = (a: HeldKey | undefined, b: HeldKey) =>
  a !== undefined &&
  a.epoch === b.epoch &&
  a.digest === b.digest &&
  a.pendingEpoch === b.pendingEpoch &&
  a.pendingDigest === b.pendingDigest;

/**
 * Replaces what `h` holds in `set` with `entries`, now known to hash to `digest`; tells
 * `changed` each key version whose entry appeared, went or changed.
 */
function replaceSet(
  h: NodeHoldings,
  set: number,
  entries: readonly HeldKeyEntry[],
  digest: string,
  changed: (id: string) => void,
): void {
  const members = h.members[set] as Set<string>;
  const gone = new Set(members);
  members.clear();
  for (const k of entries) {
    const id = keyVersionId(k.keyId, k.version);
    const held: HeldKey = {
      epoch: k.epoch,
      digest: k.digest,
      pendingEpoch: k.pendingEpoch,
      pendingDigest: k.pendingDigest,
    };
    members.add(id);
    gone.delete(id);
    if (sameHeld(h.keys.get(id), held)) continue;
    h.keys.set(id, held);
    changed(id);
  }
  for (const id of gone) {
    h.keys.delete(id);
    changed(id);
  }
  h.known[set] = digest;
}

/**
 * The live topology, built from heartbeats. A node is healthy while its last heartbeat is
 * younger than `staleAfterMs`. `customerSlots` (KF_CUSTOMER_SLOTS) are the slot numbers the
 * cluster CA certifies only for gateways' customer fragments: a node is a customer fragment
 * because its certificate's slot is one of them, never because its heartbeat says so.
 */
export function createTopology(options: {
  staleAfterMs: number;
  now?: () => number;
  customerSlots?: Iterable<number>;
}) {
  const now = options.now ?? Date.now;
  const nodes = new Map<string, NodeView>();
  const holdings = new Map<string, NodeHoldings>();
  const configuredCustomerSlots = new Set(options.customerSlots ?? []);
  const startedAt = now();
  const heldListeners: ((id: string) => void)[] = [];
  const heldChanged = (id: string) => {
    for (const listener of heldListeners) listener(id);
  };

  const order = (a: NodeView, b: NodeView) =>
    a.region.localeCompare(b.region) ||
    a.zone.localeCompare(b.zone) ||
    a.nodeId.localeCompare(b.nodeId);

  function healthy(node: NodeView): boolean {
    return now() - node.lastSeen < options.staleAfterMs;
  }

  // A slot is a customer slot only when configured so (a heartbeat's `customer` flag is the
  // node's own claim: any fragment-manager certificate could sign it). observe() refuses a
  // heartbeat whose flag disagrees with the configuration, so no slot is ever both.
  const customerNodes = () => [...nodes.values()].filter((n) => n.customer);

  function placement(slot: number): SlotPlacement {
    const replicas = [...nodes.values()].filter((n) => n.slot === slot).sort(order);
    const warnings: string[] = [];
    const [primary] = replicas;
    if (!primary) {
      warnings.push(`slot ${slot} has no replica`);
    } else {
      const sameRegionOtherZone = replicas.some(
        (r) => r.region === primary.region && r.zone !== primary.zone,
      );
      const otherRegion = replicas.some((r) => r.region !== primary.region);
      if (!sameRegionOtherZone)
        warnings.push(`slot ${slot} has no replica in another zone of ${primary.region}`);
      if (!otherRegion) warnings.push(`slot ${slot} has no replica outside ${primary.region}`);
    }
    return { slot, replicas, warnings };
  }

  return {
    /**
     * Records a heartbeat (a node that changes slot is simply re-recorded). One not newer than
     * the node's latest is ignored: a replayed heartbeat can neither bring back an old address
     * or epochs nor keep a node that went quiet looking healthy.
     */
    observe(hb: Heartbeat): void {
      const customer = configuredCustomerSlots.has(hb.slot);
      if ((hb.customer === true) !== customer) {
        throw new InvalidArgumentError(
          customer
            ? `heartbeat of ${hb.nodeId}: slot ${hb.slot} is a customer slot (KF_CUSTOMER_SLOTS), but the node is not a customer fragment`
            : `heartbeat of ${hb.nodeId}: claims customer slot ${hb.slot}, which is not one of the coordinator's KF_CUSTOMER_SLOTS`,
        );
      }
      const known = nodes.get(hb.nodeId);
      if (known && hb.sentAt <= known.sentAt) return;
      let h = holdings.get(hb.nodeId);
      // Another slot or identity key is another node under the same name: nothing carries over.
      if (!h || h.slot !== hb.slot || h.identityPublicKey !== hb.identityPublicKey) {
        h = newHoldings(hb);
        holdings.set(hb.nodeId, h);
      }
      if (hb.keySets === undefined && hb.keys !== undefined) {
        // A node of an older version lists every key version: taken as it is.
        const bySet = Array.from({ length: HELD_KEY_SETS }, () => [] as HeldKeyEntry[]);
        for (const k of hb.keys) bySet[heldKeySetOf(k.keyId)]?.push(k);
        for (const [set, entries] of bySet.entries()) {
          const digest = heldKeySetDigest(entries);
          h.announced[set] = digest;
          if (h.known[set] !== digest) replaceSet(h, set, entries, digest, heldChanged);
        }
        h.count = hb.keys.length;
      } else {
        h.announced.fill(EMPTY_HELD_KEY_SET);
        h.count = 0;
        for (const s of hb.keySets ?? []) {
          h.announced[s.set] = s.digest;
          h.count += s.count;
        }
        // A set that now holds nothing needs no fetch.
        for (let set = 0; set < HELD_KEY_SETS; set++) {
          if (h.announced[set] === EMPTY_HELD_KEY_SET && h.known[set] !== EMPTY_HELD_KEY_SET)
            replaceSet(h, set, [], EMPTY_HELD_KEY_SET, heldChanged);
        }
      }
      nodes.set(hb.nodeId, {
        nodeId: hb.nodeId,
        region: hb.region,
        zone: hb.zone,
        slot: hb.slot,
        address: hb.address,
        identityPublicKey: new Uint8Array(Buffer.from(hb.identityPublicKey, "hex")),
        certificate: new Uint8Array(Buffer.from(hb.certificate, "base64")),
        keys: h.keys,
        keyCount: h.count,
        customer,
        sentAt: hb.sentAt,
        lastSeen: now(),
      });
    },
    healthy,
    /**
     * Calls `listener` with the key version (`keyVersionId`) whenever what a node is known to
     * hold of it appears, goes or changes: repair re-examines only those keys.
     */
    onHeldChange(listener: (id: string) => void): void {
      heldListeners.push(listener);
    },
    /** The node's latest view, if it has sent a heartbeat. */
    node: (nodeId: string): NodeView | undefined => nodes.get(nodeId),
    /** Held-key sets whose announced digest differs from what was fetched for them. */
    staleSets(nodeId: string): number[] {
      const h = holdings.get(nodeId);
      if (!h) return [];
      const stale: number[] = [];
      for (let set = 0; set < HELD_KEY_SETS; set++)
        if (h.known[set] !== h.announced[set]) stale.push(set);
      return stale;
    },
    /**
     * Takes what a node answered for one held-key set, only if it hashes to the digest the
     * node's latest (signed) heartbeat announced: an answer that does not is ignored (the node
     * changed meanwhile, or the answer is not the node's), and the set stays stale.
     */
    applyHeldSet(nodeId: string, set: number, entries: readonly HeldKeyEntry[]): boolean {
      const h = holdings.get(nodeId);
      if (!h || !Number.isInteger(set) || set < 0 || set >= HELD_KEY_SETS) return false;
      if (entries.some((k) => heldKeySetOf(k.keyId) !== set)) return false;
      const digest = heldKeySetDigest(entries);
      if (digest !== h.announced[set]) return false;
      if (h.known[set] !== digest) replaceSet(h, set, entries, digest, heldChanged);
      return true;
    },
    /** Whether what `node.keys` says of key `keyIdHex` is up to date with its latest heartbeat. */
    heldKnown(node: NodeView, keyIdHex: string): boolean {
      const h = holdings.get(node.nodeId);
      const set = heldKeySetOf(keyIdHex);
      return h !== undefined && h.known[set] === h.announced[set];
    },
    /**
     * Whether one staleness period has passed since this topology started listening: by then
     * every live node has sent a heartbeat, so a slot without replicas really has none.
     */
    settled(): boolean {
      return now() - startedAt >= options.staleAfterMs;
    },
    /** Resolves once `settled()` holds (at most one staleness period after start). */
    async whenSettled(pollMs = 100): Promise<void> {
      while (now() - startedAt < options.staleAfterMs) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    nodes(): NodeView[] {
      return [...nodes.values()].sort((a, b) => a.slot - b.slot || order(a, b));
    },
    /** Every cluster slot some node serves, ascending: customer slots are not among them. */
    slots(): number[] {
      const customer = new Set(customerNodes().map((n) => n.slot));
      return [...new Set([...nodes.values()].map((n) => n.slot))]
        .filter((s) => !customer.has(s))
        .sort((a, b) => a - b);
    },
    /** Customer slots (held by gateways) with a healthy node, ascending. */
    customerSlots(): number[] {
      return [
        ...new Set(
          customerNodes()
            .filter(healthy)
            .map((n) => n.slot),
        ),
      ].sort((a, b) => a - b);
    },
    placement,
    /** Healthy replicas of a slot, primary first. */
    healthyReplicas(slot: number): NodeView[] {
      return placement(slot).replicas.filter(healthy);
    },
  };
}

export type Topology = ReturnType<typeof createTopology>;
