/**
 * Key creation and rotation: a new version by distributed key generation among one replica of
 * each slot, replicated to a second replica of each slot before it is recorded.
 */
import { randomUUID } from "node:crypto";
import { type KeyPublic, keyIdFromName, keyPublicToJson, type Suite } from "@keyfrag/crypto";
import {
  ConflictError,
  FailedPreconditionError,
  InvalidArgumentError,
  type KeyVersionRef,
} from "@keyfrag/rpc";
import { keyVersionId, type NodeView } from "../topology/topology.js";
import { checkKeyName, type KeyContext } from "./key-context.js";
import { hex, participantOf, samePublic } from "./key-placement.js";
import type { KeyAlgorithm, KeyRecord } from "./key-registry.js";

const SUITE_OF: Record<KeyAlgorithm, Suite> = {
  AES256GCM: "ristretto255",
  AES128GCM: "ristretto255",
  ED25519: "ed25519",
};

/** Creates keys (version 1) and rotates them (version newest + 1). */
export function createKeyCreation(ctx: KeyContext) {
  const { topology, registry, fragments, log, now, withLock, ceremony, placement, getKey } = ctx;
  const { customers } = ctx;
  /** Serialises the making of versions of one key (creation, rotations): one version at a time. */
  const withVersionsLock = <T>(keyId: string, fn: () => Promise<T>) =>
    withLock(`${keyId}/versions`, fn);

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
      const leaders = placement.pickLeaders(slots);
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
            leaders.map((leader) => placement.replicateSlot(leader, ref, made, false)),
          );
          placement.requireSecondCopies(leaders, reached, "the new version", "not recorded");
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
    /** Take a customer fragment: the one `customerFrgId` names, else the cluster's only one. */
    customerSlot?: boolean;
    customerFrgId?: string;
    /** The creating gateway's customer slot: another one is refused (customer-fragments.ts). */
    gatewayCustomerSlot?: number;
  }): Promise<KeyRecord> {
    checkKeyName(req.name);
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
      const customer = customerSlot(req);
      if (customer !== undefined) slots.push(customer);
      const threshold = req.threshold || slots.length;
      if (customer !== undefined && threshold <= n) {
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

  /**
   * The customer slot a new key takes (undefined: none): the customer fragment it names, or the
   * cluster's only one, whose gateway must be up: it takes part in the DKG.
   */
  function customerSlot(req: Parameters<typeof createKey>[0]): number | undefined {
    const chosen = customers.choose(req, topology.slots());
    if (chosen === undefined) return undefined;
    if (!topology.customerSlots().includes(chosen.slot))
      throw new FailedPreconditionError(
        `no customer fragment is up for ${chosen.id} (slot ${chosen.slot}): a key of it needs a gateway of that slot running (KF_CUSTOMER_SLOT=${chosen.slot})`,
      );
    return chosen.slot;
  }

  /**
   * Rotation: makes version (newest + 1) of key `name` by a fresh DKG, with the newest
   * version's algorithm, slots and threshold. Older versions are left as they are.
   */
  async function rotateKey(name: string): Promise<KeyRecord> {
    checkKeyName(name);
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

  return { createKey, rotateKey };
}
