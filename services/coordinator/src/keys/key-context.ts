/** What creation, refresh and repair of keys share: the coordinator's view and its serialisation. */
import { InvalidArgumentError } from "@keyfrag/rpc";
import type { NodeView, Topology } from "../topology/topology.js";
import type { CustomerFragments } from "./customer-fragments.js";
import type { FragmentPort } from "./fragment-port.js";
import type { Logger, Placement } from "./key-placement.js";
import type { KeyRecord, KeyRegistry } from "./key-registry.js";

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

export interface KeyContext {
  topology: Topology;
  registry: KeyRegistry;
  fragments: (node: NodeView) => FragmentPort;
  log: Logger;
  now: () => number;
  fault: (step: FaultStep) => void;
  /** How long after a key changed repair leaves it alone (see KeyServiceDeps.settleMs). */
  settleMs: number;
  /** Runs `fn` with the lock `id` held, so refresh, repair and recovery never interleave. */
  withLock: <T>(id: string, fn: () => Promise<T>) => Promise<T>;
  /** Runs a ceremony (DKG of a version, refresh) within the limit of those at once. */
  ceremony: <T>(fn: () => Promise<T>) => Promise<T>;
  placement: Placement;
  /** The customer fragments (KF_CUSTOMER_SLOTS): which one a customer-slot key takes. */
  customers: CustomerFragments;
  /** Version `version` of key `name` (0 or absent: the newest); NotFoundError if none. */
  getKey: (name: string, version?: number) => Promise<KeyRecord>;
}

const NAME = /^[A-Za-z0-9/_.:@-]{1,256}$/;

/** Throws InvalidArgumentError unless `name` is a key name. */
export function checkKeyName(name: string): void {
  if (typeof name !== "string" || !NAME.test(name))
    throw new InvalidArgumentError("key name must be 1-256 characters of A-Z a-z 0-9 / _ . : @ -");
}
