import type { Heartbeat } from "@keyfrag/bus";
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
  /** keyIdHex/vVersion → epochs held. */
  readonly keys: ReadonlyMap<string, HeldKey>;
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
  const configuredCustomerSlots = new Set(options.customerSlots ?? []);
  const startedAt = now();

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
      nodes.set(hb.nodeId, {
        nodeId: hb.nodeId,
        region: hb.region,
        zone: hb.zone,
        slot: hb.slot,
        address: hb.address,
        identityPublicKey: new Uint8Array(Buffer.from(hb.identityPublicKey, "hex")),
        certificate: new Uint8Array(Buffer.from(hb.certificate, "base64")),
        keys: new Map(
          hb.keys.map((k) => [
            keyVersionId(k.keyId, k.version),
            {
              epoch: k.epoch,
              digest: k.digest,
              pendingEpoch: k.pendingEpoch,
              pendingDigest: k.pendingDigest,
            },
          ]),
        ),
        customer,
        sentAt: hb.sentAt,
        lastSeen: now(),
      });
    },
    healthy,
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
