/** DFC keys through the gateway: create, encrypt/decrypt, sign/verify, public keys, refresh. */
import { createPublicKey } from "node:crypto";
import { type EncryptionContext, type EnvelopeAlgorithm, verifyEd25519 } from "@keyfrag/crypto";
import { createDeriveCoalescer, type DfcClient } from "@keyfrag/dfc-client";
import {
  ConflictError,
  FailedPreconditionError,
  isRetryable,
  KeyfragError,
  UnavailableError,
} from "@keyfrag/rpc";
import type { CoordinatorPool } from "../upstream/coordinators.js";
import { type Derive, envelopeInfo, openValue, sealValue } from "./envelope.js";
import { createFairLimiter } from "./fair-limiter.js";
import type { KeyCustomer } from "./key-items.js";
import type { KeyAlgorithm, KeyState } from "./key-types.js";
import { createKeyViews, type KeyViews } from "./key-views.js";

export { KEY_ALGORITHMS, type KeyAlgorithm, type KeyState, keyAlgorithm } from "./key-types.js";

/** The SPKI PEM of a raw 32-byte Ed25519 public key. */
export function ed25519Pem(raw: Uint8Array): string {
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") },
    format: "jwk",
  })
    .export({ type: "spki", format: "pem" })
    .toString();
}

export interface KeyServiceDeps {
  coordinators: Pick<CoordinatorPool, "anyOf" | "leader">;
  /** Built with `keySource` below as its key lookup. */
  dfc: () => DfcClient;
  /**
   * The key views used (keys/key-views.ts: kept while no coordinator answers, and on disk with
   * a store); default: in memory, looked up with `coordinators`.
   */
  views?: Pick<KeyViews, "get" | "expire">;
  /**
   * Signing operations in flight at once (default 8). Each costs the gateway CPU to
   * verify the fragment managers' proofs; beyond what the machine can do, more at once only
   * makes every one miss its deadline (measured: all failed at 128 concurrent without a limit).
   * The rest wait their turn, callers in turn (keys/fair-limiter.ts), and past `maxQueued` (or
   * `maxQueuedPerCaller` of one caller) are refused RESOURCE_EXHAUSTED.
   */
  maxConcurrent?: number;
  /**
   * Derivations (encrypt, decrypt, uncached reads) in flight at once (default 64), limited like
   * `maxConcurrent` but apart from signing: concurrent derivations under one key version are
   * coalesced into batches of at most `maxDeriveBatch` (default 32), one request per slot and
   * one proof per batch, so many in flight cost about what a few did one by one.
   */
  maxConcurrentDerives?: number;
  maxDeriveBatch?: number;
  maxQueued?: number;
  maxQueuedPerCaller?: number;
  /**
   * Refuses a key whose `dfc-key` item is deleted or missing (keys/key-items.ts); checked before
   * every use of the private key (encrypt, decrypt, sign). Says whether the item was created as
   * a customer-slot key, and of which customer fragment.
   */
  usable?: (name: string) => Promise<Partial<KeyCustomer> | undefined>;
  /**
   * This gateway's customer slot (KF_CUSTOMER_SLOT). A customer-slot key is used only when its
   * public data includes this slot and its threshold is every slot; unset, none is used.
   */
  customerSlot?: number;
  /**
   * Versions a verify without a version tries, newest first (default 5): each older one may
   * cost a coordinator lookup, so a caller cannot make one bad signature cost one per version
   * ever made. A signature by an older version verifies when its version is named.
   */
  verifyMaxVersions?: number;
}

/**
 * Refuses (FAILED_PRECONDITION) a customer-slot key that the cluster could use without the
 * customer: its public data must include `ownSlot`, this gateway's customer slot, and need
 * every slot (threshold = slots). The backend chooses a key's slots, so the customer's gateway
 * checks them itself rather than trusting the coordinator.
 */
export function checkCustomerShare(
  name: string,
  key: { readonly slots: readonly number[]; readonly threshold: number },
  ownSlot: number | undefined,
  recorded: Partial<KeyCustomer> = {},
): void {
  // Another segment's key: this gateway's customer node holds no share of it, and the slot's
  // own node serves only its own gateways; say which gateways can use it.
  const theirs = recorded.customerFragmentSlot;
  if (theirs !== undefined && theirs !== ownSlot) {
    const fragment = recorded.customerFrgId
      ? `${recorded.customerFrgId} (slot ${theirs})`
      : `slot ${theirs}`;
    throw new FailedPreconditionError(
      `key ${name} belongs to customer fragment ${fragment}; this gateway holds ${ownSlot === undefined ? "no customer fragment" : `customer slot ${ownSlot}`}: use the key through a gateway of customer slot ${theirs}`,
    );
  }
  if (ownSlot === undefined)
    throw new FailedPreconditionError(
      `key ${name} is a customer-slot key and this gateway holds no customer fragment (KF_CUSTOMER_SLOT): it does not use it`,
    );
  if (!key.slots.includes(ownSlot))
    throw new FailedPreconditionError(
      `key ${name} is a customer-slot key without this gateway's customer slot ${ownSlot} (its slots: ${key.slots.join(", ")}): another customer fragment's key, or one the cluster alone could use; refused`,
    );
  if (key.threshold !== key.slots.length)
    throw new FailedPreconditionError(
      `key ${name} has customer slot ${ownSlot} but threshold ${key.threshold} of ${key.slots.length} slots: the cluster alone could use it, so it is refused`,
    );
}

/** Creates the key service. */
export function createKeyService(deps: KeyServiceDeps) {
  const views =
    deps.views ??
    createKeyViews({
      getKey: (name, version) => deps.coordinators.anyOf("GetKey", { name, version }),
    });
  const verifyMaxVersions = deps.verifyMaxVersions ?? 5;
  const operations = createFairLimiter({
    limit: deps.maxConcurrent ?? 8,
    maxQueued: deps.maxQueued ?? 1_000,
    ...(deps.maxQueuedPerCaller ? { perCallerQueued: deps.maxQueuedPerCaller } : {}),
    what: "key operations",
  });
  const derivations = createFairLimiter({
    limit: deps.maxConcurrentDerives ?? 64,
    maxQueued: deps.maxQueued ?? 1_000,
    ...(deps.maxQueuedPerCaller ? { perCallerQueued: deps.maxQueuedPerCaller } : {}),
    what: "key operations",
  });
  const coalescer = createDeriveCoalescer({
    derive: (name, inputs, use) => deps.dfc().derive(name, inputs, use),
    ...(deps.maxDeriveBatch ? { maxBatch: deps.maxDeriveBatch } : {}),
  });
  /** Names whose item says customer-slot key (from `usable`), with its customer fragment. */
  const customerKeys = new Map<string, Partial<KeyCustomer>>();

  async function usable(name: string): Promise<void> {
    const found = await deps.usable?.(name);
    if (found?.customerSlot === true) customerKeys.set(name, found);
    else customerKeys.delete(name);
  }

  /**
   * A key with the customer slot (by its item, or because its slots include this gateway's
   * customer slot) is used only as an n-of-n key that includes this gateway's customer slot.
   */
  function guarded(state: KeyState): KeyState {
    const own = deps.customerSlot;
    const { key } = state.view;
    const recorded = customerKeys.get(state.name);
    if (recorded !== undefined || (own !== undefined && key.slots.includes(own)))
      checkCustomerShare(state.name, key, own, recorded);
    return state;
  }

  /**
   * The key's view at `version` (0 = newest): the one this gateway knows while it is fresh or no
   * coordinator answers (keys/key-views.ts), else a coordinator's.
   */
  async function lookup(name: string, fresh = false, version = 0): Promise<KeyState> {
    return guarded(await views.get(name, version, fresh));
  }

  /** A change made here (create, rotate, refresh): the next use of `name` asks a coordinator. */
  const forget = (name: string) => views.expire(name);

  const derive: Derive = async (keyName, input, version) =>
    (await derivations.run(() => coalescer.derive(keyName, input, version))).output;

  async function symmetric(
    name: string,
    fresh = false,
  ): Promise<KeyState & { algorithm: EnvelopeAlgorithm }> {
    await usable(name);
    const state = await lookup(name, fresh);
    if (state.algorithm === "ED25519") {
      throw new FailedPreconditionError(`key ${name} is an ED25519 signing key; it cannot encrypt`);
    }
    return state as KeyState & { algorithm: EnvelopeAlgorithm };
  }

  async function signing(name: string, version: number): Promise<KeyState> {
    const state = await lookup(name, false, version);
    if (state.algorithm !== "ED25519") {
      throw new FailedPreconditionError(
        `key ${name} is an ${state.algorithm} encryption key; it cannot sign`,
      );
    }
    return state;
  }

  return {
    /** The dfc-client's key lookup. */
    keySource: async (name: string, fresh: boolean, version = 0) =>
      (await lookup(name, fresh, version)).view,
    lookup,

    /** Creates a key through the leader coordinator; ConflictError when the name is taken. */
    async create(req: {
      name: string;
      algorithm: KeyAlgorithm;
      slots: number;
      threshold: number;
      /** Adds the customer slot (a gateway's fragment) to the key's slots. */
      customerSlot?: boolean;
      /** Which customer fragment (implies customerSlot): an id or slot number; this gateway's. */
      customerFrgId?: string;
    }) {
      const customer = req.customerSlot === true || Boolean(req.customerFrgId);
      // Only the customer's gateway (holding the customer fragment) makes customer-slot keys.
      if (customer && deps.customerSlot === undefined)
        throw new FailedPreconditionError(
          `key ${req.name}: a customer-slot key needs a gateway holding the customer fragment (KF_CUSTOMER_SLOT); this one holds none`,
        );
      const info = await deps.coordinators.leader("CreateKey", {
        name: req.name,
        algorithm: req.algorithm,
        slots: req.slots,
        threshold: req.threshold,
        customer_slot: customer,
        customer_frg_id: req.customerFrgId ?? "",
        // The coordinators refuse another segment's fragment before any DKG.
        gateway_customer_slot: customer ? (deps.customerSlot ?? 0) : 0,
      });
      forget(req.name);
      if (customer)
        checkCustomerShare(
          req.name,
          { slots: info.public_data?.slots ?? [], threshold: info.public_data?.threshold ?? 0 },
          deps.customerSlot,
          {
            ...(info.customer_fragment_slot
              ? { customerFragmentSlot: info.customer_fragment_slot }
              : {}),
            ...(info.customer_frg_id ? { customerFrgId: info.customer_frg_id } : {}),
          },
        );
      return info;
    },

    /** This gateway's customer slot (KF_CUSTOMER_SLOT), if it holds one. */
    customerSlot: deps.customerSlot,

    /** See checkCustomerShare: for a customer-slot key adopted rather than created. */
    checkCustomerShare: (name: string, key: KeyState["view"]["key"]) =>
      checkCustomerShare(name, key, deps.customerSlot),

    /** Creates a key unless one of that name exists. */
    async ensure(name: string, algorithm: KeyAlgorithm): Promise<void> {
      try {
        await this.create({ name, algorithm, slots: 0, threshold: 0 });
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    },

    /** Encrypts under the newest version of AES key `name`. */
    async encrypt(name: string, plaintext: Uint8Array, context: EncryptionContext) {
      const key = await symmetric(name);
      const ciphertext = await sealValue(
        derive,
        { name, algorithm: key.algorithm, version: key.view.version },
        plaintext,
        context,
      );
      return { ciphertext, keyVersion: key.view.version };
    },

    async decrypt(name: string, ciphertext: Uint8Array, context: EncryptionContext) {
      let key = await symmetric(name);
      // A ciphertext under a version newer than our cached view: another gateway rotated the
      // key since; look again before calling the version missing.
      if (envelopeInfo(ciphertext, name).keyVersion > key.view.version) {
        key = await symmetric(name, true);
      }
      return openValue(derive, name, ciphertext, context, key.view.version);
    },

    /** A standard 64-byte Ed25519 signature, made by FROST across the slots. */
    async sign(name: string, data: Uint8Array, version: number) {
      await usable(name);
      const key = await signing(name, version);
      const { signature, view } = await operations.run(() =>
        deps.dfc().sign(name, data, { version: key.view.version }),
      );
      return { signature, keyVersion: view.version || key.view.version };
    },

    /**
     * Whether `signature` is `name`'s over `data`: under `version`, or (0) under the newest
     * version or one of the `verifyMaxVersions - 1` before it, newest first. A signature is a
     * plain 64-byte Ed25519 one (SSH and JWT verifiers read it as such), so it cannot name its
     * version; one made shortly before a rotation still verifies. While no coordinator answers,
     * an older version this gateway never used cannot be checked: a signature no checked version
     * vouches for is then UNAVAILABLE (never a wrong "invalid"); name the version, or try again.
     */
    async verify(name: string, data: Uint8Array, signature: Uint8Array, version: number) {
      const key = await signing(name, version);
      if (signature.length !== 64) return false;
      if (verifyEd25519(signature, data, key.view.key.groupPublicKey)) return true;
      if (version !== 0) return false;
      const oldest = Math.max(1, key.view.version - (verifyMaxVersions - 1));
      let unchecked: KeyfragError | undefined;
      for (let older = key.view.version - 1; older >= oldest; older--) {
        const kept = await signing(name, older).catch((err: unknown) => {
          if (err instanceof KeyfragError && err.code === "not-found") return undefined; // gone
          if (err instanceof KeyfragError && isRetryable(err)) {
            unchecked ??= err; // not to be looked up now: go on, but "invalid" cannot be said (its detail, which may name internal addresses, stays out of the answer)
            return undefined;
          }
          throw err;
        });
        if (kept && verifyEd25519(signature, data, kept.view.key.groupPublicKey)) return true;
      }
      if (unchecked) {
        throw new UnavailableError(
          `control plane unavailable: cannot say whether the signature is ${name}'s, an older version of the key could not be looked up; give its version, or try again`,
        );
      }
      return false;
    },

    async publicKey(name: string, version: number) {
      const key = await signing(name, version);
      const raw = key.view.key.groupPublicKey;
      return { algorithm: key.algorithm, version: key.view.version, raw, pem: ed25519Pem(raw) };
    },

    async refresh(name: string, version: number) {
      const res = await deps.coordinators.leader("RefreshKey", { name, version });
      forget(name);
      return res;
    },

    /** A new version of `name` (fresh fragments, new public key); older ones keep working. */
    async rotate(name: string) {
      const info = await deps.coordinators.leader("RotateKey", { name });
      forget(name);
      return info;
    },
  };
}

export type KeyService = ReturnType<typeof createKeyService>;
