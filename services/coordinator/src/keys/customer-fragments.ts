/**
 * The customer fragments a cluster serves (KF_CUSTOMER_SLOTS): each one a slot held by one
 * customer's (or one network segment's) gateways, named by an id that keys choose it by
 * (`customer_frg_id`, the Akeyless name). One segment's keys take its slot only, so another
 * segment's gateways, which hold no share of them, cannot use them.
 */
import { FailedPreconditionError, InvalidArgumentError } from "@keyfrag/rpc";

/** One customer fragment: its id and the slot its gateways hold. */
export interface CustomerFragment {
  readonly id: string;
  readonly slot: number;
}

/** An id of KF_CUSTOMER_SLOTS: starts with a letter, so it is never read as a slot number. */
const ID = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
/** What a request's customer_frg_id may be: an id, or a slot number. */
const REQUESTED = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Parses KF_CUSTOMER_SLOTS: comma-separated entries, each `id=slot` or a bare slot (its id is
 * then the slot's number), e.g. `acme=100,globex=101` or `100`. Throws an Error saying what is
 * wrong (config.ts names the variable).
 */
export function parseCustomerFragments(text: string): CustomerFragment[] {
  const fragments: CustomerFragment[] = [];
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const eq = entry.indexOf("=");
    const id = eq < 0 ? undefined : entry.slice(0, eq).trim();
    const slotText = (eq < 0 ? entry : entry.slice(eq + 1)).trim();
    if (id !== undefined && !ID.test(id))
      throw new Error(
        `customer fragment id "${id.slice(0, 64)}": 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter`,
      );
    const slot = /^\d{1,3}$/.test(slotText) ? Number(slotText) : Number.NaN;
    if (!(slot >= 1 && slot <= 255))
      throw new Error(`"${entry.slice(0, 80)}": a slot number 1-255, or id=slot`);
    if (fragments.some((f) => f.slot === slot)) throw new Error(`slot ${slot} is listed twice`);
    const named = id ?? String(slot);
    if (fragments.some((f) => f.id === named)) throw new Error(`id ${named} is listed twice`);
    fragments.push({ id: named, slot });
  }
  return fragments;
}

/** What a key creation asks for: customer_slot, customer_frg_id and the caller's own slot. */
export interface CustomerRequest {
  customerSlot?: boolean;
  customerFrgId?: string;
  gatewayCustomerSlot?: number;
}

/** The cluster's customer fragments: which one a new key takes, which one a key has. */
export function createCustomerFragments(list: readonly CustomerFragment[]) {
  const bySlot = new Map(list.map((f) => [f.slot, f]));
  const byId = new Map(list.map((f) => [f.id, f]));

  /** The customer fragment `id` names (an id or a slot number); INVALID_ARGUMENT naming it. */
  function named(id: string, clusterSlots: readonly number[]): CustomerFragment {
    if (!REQUESTED.test(id))
      throw new InvalidArgumentError(
        "customer_frg_id must be 1-64 characters of A-Z a-z 0-9 . _ - (an id of the coordinators' KF_CUSTOMER_SLOTS, or a customer slot's number)",
      );
    if (/^\d+$/.test(id)) {
      const slot = Number(id);
      const found = bySlot.get(slot);
      if (found) return found;
      throw new InvalidArgumentError(
        clusterSlots.includes(slot)
          ? `customer_frg_id ${id}: slot ${slot} is a cluster slot, not a customer slot`
          : `customer_frg_id ${id}: slot ${slot} is not a customer slot (the coordinators' KF_CUSTOMER_SLOTS)`,
      );
    }
    const found = byId.get(id);
    if (found) return found;
    throw new InvalidArgumentError(
      `customer_frg_id ${id} names no customer fragment (the coordinators' KF_CUSTOMER_SLOTS)`,
    );
  }

  return {
    /** Every customer slot, ascending. */
    slots: (): number[] => [...bySlot.keys()].sort((a, b) => a - b),

    /**
     * The customer fragment a new key takes, or undefined for a key without one. Named by
     * `customerFrgId`; else, for `customerSlot`, the cluster's only one. Never another slot than
     * the creating gateway's own (`gatewayCustomerSlot`, when said). `clusterSlots` only makes
     * the error for a cluster slot's number say so.
     */
    choose(req: CustomerRequest, clusterSlots: readonly number[]): CustomerFragment | undefined {
      const id = req.customerFrgId ?? "";
      if (id === "" && !req.customerSlot) return undefined;
      let chosen: CustomerFragment;
      if (id !== "") chosen = named(id, clusterSlots);
      else {
        const [only, second] = list;
        if (!only)
          throw new FailedPreconditionError(
            "no customer fragment is up: a customer-slot key needs a gateway running with KF_CUSTOMER_SLOT, a slot the coordinators' KF_CUSTOMER_SLOTS names",
          );
        // Several segments: choosing one for the caller could give a key to the wrong one.
        if (second)
          throw new InvalidArgumentError(
            "the cluster has several customer fragments: name the key's one with customer_frg_id",
          );
        chosen = only;
      }
      const own = req.gatewayCustomerSlot || undefined;
      if (own !== undefined && own !== chosen.slot)
        throw new FailedPreconditionError(
          `customer fragment ${chosen.id} (slot ${chosen.slot}) is not the creating gateway's (it holds customer slot ${own}): create the key through a gateway of customer fragment ${chosen.id}`,
        );
      return chosen;
    },

    /** The customer fragment among a key's slots, if any. */
    of(slots: readonly number[]): CustomerFragment | undefined {
      for (const s of slots) {
        const found = bySlot.get(s);
        if (found) return found;
      }
      return undefined;
    },
  };
}

export type CustomerFragments = ReturnType<typeof createCustomerFragments>;
