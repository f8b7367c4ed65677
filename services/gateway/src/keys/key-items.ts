/**
 * Whether a DFC key may be used: only while its `dfc-key` item exists and is not deleted. The
 * fragment cluster keeps a deleted key's fragments (a soft delete is undone by RestoreItem), so
 * the item at the secrets service is what says a key is in use; without this check, deleting a
 * key item stopped nothing.
 */
import {
  call,
  FailedPreconditionError,
  isRetryable,
  KeyfragError,
  type SecretsClient,
} from "@keyfrag/rpc";
import { fromSecrets } from "../items/upstream-errors.js";

/**
 * What a key's item says of its customer fragment: whether it has one and, when recorded, its
 * slot and id (keys made before several customer fragments existed record neither).
 */
export interface KeyCustomer {
  customerSlot: boolean;
  customerFragmentSlot?: number;
  customerFrgId?: string;
}

export interface KeyItemsDeps {
  secrets: SecretsClient;
  /**
   * How long a key found usable is believed so without asking again (default 5 s, like the key
   * view). A deletion elsewhere is seen at once on a secrets change event, within this otherwise.
   */
  ttlMs?: number;
  /**
   * While the secrets service cannot be asked (UNAVAILABLE, a deadline), a key found usable this
   * recently is still used (default 0: never; the gateway passes KF_CACHE_MAX_STALE_MS, the
   * bound of serving cached secret values then). A key named by a change event or the change
   * log since, or every key after a NATS reconnect, is asked about again and refused meanwhile.
   */
  maxStaleMs?: number;
  /** Told when a key is used on an earlier answer because the secrets service did not answer. */
  onStale?: (name: string, err: unknown) => void;
  /** Most key names remembered (default 10 000); the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

/** Creates the check; `forget` drops what is known about a key (its item changed). */
export function createKeyItems(deps: KeyItemsDeps) {
  const ttlMs = deps.ttlMs ?? 5_000;
  const maxStaleMs = deps.maxStaleMs ?? 0;
  const maxEntries = deps.maxEntries ?? 10_000;
  const now = deps.now ?? Date.now;
  /**
   * Key name → when it was last found usable, and whether its item says it has a customer slot.
   * Only usable keys are remembered.
   */
  const usable = new Map<string, { at: number; customer: KeyCustomer }>();
  /** Names checked as keys; a deletion of one of them concerns values decrypted with it. */
  const known = new Set<string>();

  const remember = (name: string, customer: KeyCustomer) => {
    usable.delete(name);
    usable.set(name, { at: now(), customer });
    known.delete(name);
    known.add(name);
    for (const map of [usable, known] as const) {
      while (map.size > maxEntries) {
        const oldest = map.keys().next();
        if (oldest.done) break;
        map.delete(oldest.value);
      }
    }
  };

  return {
    /**
     * Resolves if key `name` may be used; FAILED_PRECONDITION if its item is deleted, missing or
     * not a DFC key. Errors reaching the secrets service are passed on (the key is not used).
     * `customerSlot`: the item was created as a customer-slot key (the gateway then checks the
     * key has its own customer slot, n-of-n, before using it), of `customerFragmentSlot`.
     */
    async check(name: string): Promise<KeyCustomer> {
      const hit = usable.get(name);
      if (hit !== undefined && now() - hit.at < ttlMs) return hit.customer;
      let type: string;
      let customer: KeyCustomer;
      try {
        const item = await fromSecrets(call(deps.secrets, "DescribeItem", { name }));
        type = item.type;
        const dfc = item.dfc_key;
        customer = { customerSlot: dfc?.customer_slot === true };
        if (customer.customerSlot && dfc?.customer_fragment_slot)
          customer.customerFragmentSlot = dfc.customer_fragment_slot;
        if (customer.customerSlot && dfc?.customer_frg_id)
          customer.customerFrgId = dfc.customer_frg_id;
      } catch (err) {
        // The secrets service is not the control plane, but a key's use should not stop with
        // it any more than with the coordinators: a key nobody said changed stays usable for
        // a bounded time (no deletion can be made through a secrets service nobody reaches).
        if (hit !== undefined && isRetryable(err) && now() - hit.at < maxStaleMs) {
          deps.onStale?.(name, err);
          return hit.customer;
        }
        if (!(err instanceof KeyfragError && err.code === "not-found")) throw err;
        usable.delete(name);
        throw new FailedPreconditionError(
          `key ${name} has no DFC key item (deleted or never created): it cannot be used; RestoreItem brings back a deleted key`,
        );
      }
      if (type !== "dfc-key") {
        usable.delete(name);
        throw new FailedPreconditionError(`${name} is a ${type}, not a DFC key`);
      }
      remember(name, customer);
      return customer;
    },

    /** Asks again at the next use of `name` (its item was changed, deleted or restored). */
    forget(name: string): void {
      usable.delete(name);
    },

    /** Forgets every key (after a NATS reconnect: change events may have been missed). */
    clear(): void {
      usable.clear();
    },

    /** Whether `name` was ever checked here as a key (so values may have been decrypted with it). */
    knows(name: string): boolean {
      return known.has(name);
    },
  };
}

export type KeyItems = ReturnType<typeof createKeyItems>;
