import { createPublicKey } from "node:crypto";
import {
  ConflictError,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  quote,
} from "@keyfrag/rpc";
import { folderRange, validateItemPath, validateLabel } from "./item-path.js";
import type { ItemStore, NewVersion, Refusal } from "./item-store.js";
import {
  DFC_ALGORITHMS,
  type DfcAlgorithm,
  type DfcKeySpec,
  ITEM_TYPES,
  type Item,
  type ItemType,
  SEALED_ALGORITHMS,
  type SealedAlgorithm,
  type SealedKeySpec,
  type SecretsChange,
  type StoredVersion,
} from "./item-types.js";

/** Default and largest number of versions an item keeps. */
export const DEFAULT_MAX_VERSIONS = 10;
export const MAX_MAX_VERSIONS = 100;
/** Default KF_MAX_CIPHERTEXT_BYTES: 1 MiB. */
export const DEFAULT_MAX_CIPHERTEXT_BYTES = 1024 * 1024;
export const MAX_DESCRIPTION_CHARS = 1024;
export const MAX_TAGS = 50;
export const MAX_TAG_CHARS = 128;
/** Most names one GetVersions call may read. */
export const MAX_NAMES_PER_READ = 100;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
// A filtered listing stops after this many names and hands back a token, so one call never
// walks a huge folder; its page may then be short (or empty) with a next_page_token.
const LIST_SCAN_BUDGET = 10_000;
const MAX_SLOTS = 64;
const MAX_ROTATION_DAYS = 3650;
const MAX_PEM_CHARS = 16 * 1024;

export interface CreateItemInput {
  name: string;
  type: string;
  description?: string;
  tags?: readonly string[];
  keyName?: string;
  /** 0 or absent = the default (10). */
  maxVersions?: number;
  /** The first version (static secrets and sealed keys). */
  ciphertext?: Uint8Array;
  keyVersion?: number;
  dfcKey?: Partial<Omit<DfcKeySpec, "algorithm">> & { algorithm?: string };
  sealedKey?: { algorithm?: string; publicKeyPem?: string };
}

export interface PutVersionInput {
  name: string;
  ciphertext: Uint8Array;
  /** "" or absent keeps the item's key name. */
  keyName?: string;
  keyVersion: number;
  /** When true, the put succeeds only if the newest version is `expectedVersion`. */
  checkAndSet?: boolean;
  expectedVersion?: number;
  /**
   * When true, the put succeeds only if the item is of type `expectedType` with key
   * `expectedKeyName` ("" = none recorded): ConflictError otherwise (it changed since the caller
   * learnt them).
   */
  checkItem?: boolean;
  expectedType?: string;
  expectedKeyName?: string;
}

export interface ListItemsInput {
  path: string;
  type?: string;
  includeDeleted?: boolean;
  pageSize?: number;
  pageToken?: string;
}

export interface ReplaceCiphertextInput {
  name: string;
  version: number;
  expectedCiphertext: Uint8Array;
  ciphertext: Uint8Array;
  /** "" or absent keeps the version's key name. */
  keyName?: string;
  keyVersion: number;
}

/** Items in a folder tree; ciphertext in, ciphertext out, never a plaintext. */
export interface ItemService {
  createItem(input: CreateItemInput): Promise<Item>;
  putVersion(input: PutVersionInput): Promise<Item>;
  /** One version (0 = newest) of each named item, in the order asked. */
  getVersions(input: { names: readonly string[]; version?: number }): Promise<StoredVersion[]>;
  describeItem(name: string): Promise<Item>;
  listItems(input: ListItemsInput): Promise<{ items: Item[]; nextPageToken: string }>;
  deleteItem(name: string): Promise<Item>;
  /** Removes a deleted item for good; the item as it was. */
  purgeItem(name: string): Promise<Item>;
  /** Destroys one kept version of a static secret for good; the item as it is after. */
  destroyVersion(name: string, version: number): Promise<Item>;
  restoreItem(name: string): Promise<Item>;
  addKeyVersion(name: string, version: number): Promise<Item>;
  replaceCiphertext(input: ReplaceCiphertextInput): Promise<Item>;
}

export interface ItemServiceDeps {
  store: ItemStore;
  /**
   * Tells gateway caches an item changed; called (and awaited) after the change is stored,
   * before the caller is answered.
   */
  publish: (change: SecretsChange) => void | Promise<void>;
  maxCiphertextBytes?: number;
  now?: () => number;
}

/** An ItemService over a store, publishing every change. */
export function createItemService(deps: ItemServiceDeps): ItemService {
  const { store, publish } = deps;
  const now = deps.now ?? Date.now;
  const maxCiphertext = deps.maxCiphertextBytes ?? DEFAULT_MAX_CIPHERTEXT_BYTES;

  const ciphertextOf = (value: Uint8Array | undefined, field: string): Uint8Array => {
    if (!value || value.length === 0) throw new InvalidArgumentError(`${field} is required`);
    if (value.length > maxCiphertext) {
      throw new InvalidArgumentError(
        `${field} is ${value.length} bytes, more than the limit of ${maxCiphertext}`,
      );
    }
    return value;
  };

  /** The item as stored, deleted ones only when `deletedToo`. */
  async function read(name: string, deletedToo = false): Promise<Item> {
    const [item] = await store.items([name]);
    if (!item || (item.deleted && !deletedToo)) throw missing(name);
    return item;
  }

  return {
    async createItem(input) {
      const name = validateItemPath(input.name, "name");
      const type = itemType(input.type, "type");
      const t = now();
      const item: Item = {
        name,
        type,
        description: description(input.description),
        tags: tags(input.tags),
        createdAtMs: t,
        updatedAtMs: t,
        deleted: false,
        deletedAtMs: 0,
        keyName: "",
        maxVersions: 0,
        currentVersion: 0,
        versions: [],
      };
      if (type !== "sealed-key" && input.sealedKey) {
        throw new InvalidArgumentError(`sealed_key is only for sealed-key items, not ${type}`);
      }
      if (type !== "dfc-key" && input.dfcKey) {
        throw new InvalidArgumentError(`dfc_key is only for dfc-key items, not ${type}`);
      }
      let first: NewVersion | undefined;
      if (type === "dfc-key") {
        // A DFC key's versions live in the fragment cluster; this item only describes them.
        if (input.ciphertext?.length) refuseForDfcKey("ciphertext");
        if (input.keyName) refuseForDfcKey("key_name");
        if (input.keyVersion) refuseForDfcKey("key_version");
        if (input.maxVersions) refuseForDfcKey("max_versions");
        item.dfcKey = dfcKeySpec(input.dfcKey, t);
        item.currentVersion = item.dfcKey.currentVersion;
      } else {
        if (type === "sealed-key") item.sealedKey = sealedKeySpec(input.sealedKey);
        item.keyName = validateItemPath(input.keyName ?? "", "key_name");
        item.maxVersions = maxVersions(input.maxVersions);
        first = {
          ciphertext: ciphertextOf(input.ciphertext, "ciphertext"),
          keyName: item.keyName,
          keyVersion: positive(input.keyVersion, "key_version"),
          nowMs: t,
        };
        item.currentVersion = 1;
      }
      const stored = await store.create(item, first);
      if (!stored) {
        // Say which: a live item takes a new version, a deleted one is restored.
        const [existing] = await store.items([name]);
        throw new ConflictError(
          existing?.deleted
            ? `item ${JSON.stringify(name)} exists and is deleted: restore it, or choose another name`
            : `item ${JSON.stringify(name)} already exists${existing ? ` (a ${existing.type})` : ""}: update it to add a version, or choose another name`,
        );
      }
      await publish({ name, kind: "created", version: item.currentVersion });
      return stored;
    },

    async putVersion(input) {
      const name = validateItemPath(input.name, "name");
      const version: NewVersion = {
        ciphertext: ciphertextOf(input.ciphertext, "ciphertext"),
        keyName: input.keyName ? validateItemPath(input.keyName, "key_name") : "",
        keyVersion: positive(input.keyVersion, "key_version"),
        nowMs: now(),
      };
      const expected = input.checkAndSet
        ? nonNegative(input.expectedVersion, "expected_version")
        : undefined;
      const item = input.checkItem
        ? { type: input.expectedType ?? "", keyName: input.expectedKeyName ?? "" }
        : undefined;
      const result = await store.putVersion(name, version, expected, item);
      if ("refused" in result) {
        if (result.refused === "stale") {
          throw new FailedPreconditionError(
            `check-and-set failed: the newest version of ${JSON.stringify(name)} is ${result.current}, not ${expected}`,
          );
        }
        if (result.refused === "item-changed") {
          throw new ConflictError(
            `item ${JSON.stringify(name)} changed: it is now a ${result.type} under key ${JSON.stringify(result.keyName)}; read it again`,
          );
        }
        throw refusalError(name, result);
      }
      await publish({ name, kind: "version", version: result.version });
      return result.item;
    },

    async getVersions(input) {
      if (input.names.length === 0) throw new InvalidArgumentError("names is required");
      if (input.names.length > MAX_NAMES_PER_READ) {
        throw new InvalidArgumentError(
          `names holds ${input.names.length} names, more than ${MAX_NAMES_PER_READ}`,
        );
      }
      const names = input.names.map((n, i) => validateItemPath(n, `names[${i}]`));
      const version = nonNegative(input.version ?? 0, "version");
      const results = await store.readVersions(names, version);
      return results.map((r, i) => {
        const name = names[i] as string;
        if ("refused" in r) {
          if (r.refused === "no-version") {
            throw new NotFoundError(
              version > r.current
                ? `version ${version} of ${JSON.stringify(name)} does not exist (newest: ${r.current})`
                : `version ${version} of ${JSON.stringify(name)} is no longer kept (kept: ${r.oldest}..${r.current})`,
            );
          }
          if (r.refused === "destroyed") {
            throw new NotFoundError(
              `version ${r.version} of ${JSON.stringify(name)} was destroyed: its value is gone for good`,
            );
          }
          throw refusalError(name, r);
        }
        return {
          name,
          type: r.type,
          version: r.version,
          ciphertext: r.ciphertext,
          keyName: r.info.keyName,
          keyVersion: r.info.keyVersion,
        };
      });
    },

    async describeItem(name) {
      return read(validateItemPath(name, "name"));
    },

    async listItems(input) {
      const folder = validateItemPath(input.path, "path", true);
      const type = input.type ? itemType(input.type, "type") : undefined;
      const pageSize = input.pageSize || DEFAULT_PAGE_SIZE;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new InvalidArgumentError(`page_size must be between 1 and ${MAX_PAGE_SIZE}`);
      }
      const range = folderRange(folder);
      let after = input.pageToken ? decodePageToken(input.pageToken, folder) : "";
      // One more than a page per batch: when all match, the extra name tells whether there is more.
      const batch = pageSize + 1;
      const items: Item[] = [];
      let scanned = 0;
      for (;;) {
        const names = await store.names(range, after, batch);
        const found = await store.items(names);
        for (let i = 0; i < names.length; i++) {
          const item = found[i];
          after = names[i] as string;
          if (!item || (item.deleted && !input.includeDeleted) || (type && item.type !== type)) {
            continue;
          }
          items.push(item);
          if (items.length === pageSize) {
            const more = i < names.length - 1 || (await store.names(range, after, 1)).length > 0;
            return { items, nextPageToken: more ? encodePageToken(after) : "" };
          }
        }
        scanned += names.length;
        if (names.length < batch) return { items, nextPageToken: "" };
        if (scanned >= LIST_SCAN_BUDGET) return { items, nextPageToken: encodePageToken(after) };
      }
    },

    async deleteItem(input) {
      const name = validateItemPath(input, "name");
      const result = await store.setDeleted(name, true, now());
      // Deleting twice finds nothing: a deleted item is invisible until restored.
      if (result !== "ok") throw missing(name);
      const item = await read(name, true);
      await publish({ name, kind: "deleted", version: item.currentVersion });
      return item;
    },

    async purgeItem(input) {
      const name = validateItemPath(input, "name");
      const before = await read(name, true);
      const result = await store.purge(name);
      if (result === "not-deleted") {
        throw new FailedPreconditionError(
          `item ${JSON.stringify(name)} is not deleted: delete it first (a purge cannot be undone)`,
        );
      }
      if (result !== "ok") {
        if (result.refused === "wrong-type") {
          throw new FailedPreconditionError(
            `item ${JSON.stringify(name)} is a DFC key: its item is kept (restore or leave it deleted)`,
          );
        }
        throw missing(name);
      }
      // For caches it is gone, as a deleted item is.
      await publish({ name, kind: "deleted", version: before.currentVersion });
      return before;
    },

    async destroyVersion(input, version) {
      const name = validateItemPath(input, "name");
      const v = positive(version, "version");
      const result = await store.destroyVersion(name, v, now());
      if ("refused" in result) {
        if (result.refused === "no-version") {
          throw new NotFoundError(
            v > result.current
              ? `version ${v} of ${JSON.stringify(name)} does not exist (newest: ${result.current})`
              : `version ${v} of ${JSON.stringify(name)} is no longer kept (kept: ${result.oldest}..${result.current})`,
          );
        }
        if (result.refused === "wrong-type") {
          throw new FailedPreconditionError(
            `item ${JSON.stringify(name)} is a ${result.type}: only a static secret's versions are destroyed one by one`,
          );
        }
        throw refusalError(name, result);
      }
      // Caches drop the item: the destroyed version's value must not be served from them.
      await publish({ name, kind: "replaced", version: v });
      return result;
    },

    async restoreItem(input) {
      const name = validateItemPath(input, "name");
      const result = await store.setDeleted(name, false, now());
      if (result === "unchanged") {
        throw new FailedPreconditionError(`item ${JSON.stringify(name)} is not deleted`);
      }
      if (result !== "ok") throw missing(name);
      const item = await read(name);
      await publish({ name, kind: "restored", version: item.currentVersion });
      return item;
    },

    async addKeyVersion(input, version) {
      const name = validateItemPath(input, "name");
      const next = positive(version, "version");
      const result = await store.addKeyVersion(name, next, now());
      if (result !== "ok") {
        if (result.refused === "stale") {
          throw new FailedPreconditionError(
            `version must be current_version + 1: ${JSON.stringify(name)} is at version ${result.current}`,
          );
        }
        throw refusalError(name, result);
      }
      await publish({ name, kind: "version", version: next });
      return read(name);
    },

    async replaceCiphertext(input) {
      const name = validateItemPath(input.name, "name");
      const version = positive(input.version, "version");
      const expected = ciphertextOf(input.expectedCiphertext, "expected_ciphertext");
      const next = {
        ciphertext: ciphertextOf(input.ciphertext, "ciphertext"),
        keyName: input.keyName ? validateItemPath(input.keyName, "key_name") : "",
        keyVersion: positive(input.keyVersion, "key_version"),
      };
      const result = await store.replaceCiphertext(name, version, expected, next);
      if (result !== "ok") {
        if (result.refused === "conflict") {
          throw new ConflictError(
            `version ${version} of ${JSON.stringify(name)} no longer holds the expected ciphertext`,
          );
        }
        if (result.refused === "no-version") {
          throw new NotFoundError(
            `version ${version} of ${JSON.stringify(name)} is not kept (kept: ${result.oldest}..${result.current})`,
          );
        }
        throw refusalError(name, result);
      }
      await publish({ name, kind: "replaced", version });
      return read(name);
    },
  };
}

function missing(name: string): NotFoundError {
  return new NotFoundError(`item ${JSON.stringify(name)} does not exist`);
}

function refusalError(name: string, refusal: Refusal): Error {
  if (refusal.refused === "wrong-type") {
    return new FailedPreconditionError(
      refusal.type === "dfc-key"
        ? `item ${JSON.stringify(name)} is a dfc-key item: it holds no ciphertext versions`
        : `item ${JSON.stringify(name)} is a ${refusal.type}, not a dfc-key`,
    );
  }
  return missing(name);
}

function refuseForDfcKey(field: string): never {
  throw new InvalidArgumentError(
    `${field} must be empty for a dfc-key item (it holds no versions)`,
  );
}

function itemType(value: string, field: string): ItemType {
  if (!(ITEM_TYPES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${field} must be one of ${ITEM_TYPES.join(", ")} (got ${quote(value)})`,
    );
  }
  return value as ItemType;
}

function description(value = ""): string {
  if ([...value].length > MAX_DESCRIPTION_CHARS) {
    throw new InvalidArgumentError(
      `description is longer than ${MAX_DESCRIPTION_CHARS} characters`,
    );
  }
  return value;
}

/** Checked tags, duplicates dropped (first occurrence kept). */
function tags(values: readonly string[] = []): string[] {
  if (values.length > MAX_TAGS) {
    throw new InvalidArgumentError(`tags holds ${values.length} tags, more than ${MAX_TAGS}`);
  }
  return [...new Set(values.map((t, i) => validateLabel(t, `tags[${i}]`, MAX_TAG_CHARS)))];
}

function maxVersions(value = 0): number {
  const n = value || DEFAULT_MAX_VERSIONS;
  if (!Number.isInteger(n) || n < 1 || n > MAX_MAX_VERSIONS) {
    throw new InvalidArgumentError(`max_versions must be between 1 and ${MAX_MAX_VERSIONS}`);
  }
  return n;
}

function positive(value: number | undefined, field: string): number {
  if (value === undefined || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`${field} must be a positive integer`);
  }
  return value;
}

function nonNegative(value: number | undefined, field: string): number {
  if (value === undefined || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${field} must be a non-negative integer`);
  }
  return value;
}

/** A customer fragment's id, as the coordinators' KF_CUSTOMER_SLOTS allows (or a slot number). */
const CUSTOMER_FRG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function dfcKeySpec(spec: CreateItemInput["dfcKey"], nowMs: number): DfcKeySpec {
  if (!spec) throw new InvalidArgumentError("dfc_key is required for a dfc-key item");
  const algorithm = spec.algorithm ?? "";
  if (!(DFC_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new InvalidArgumentError(`dfc_key.algorithm must be one of ${DFC_ALGORITHMS.join(", ")}`);
  }
  const slots = spec.slots ?? 0;
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) {
    throw new InvalidArgumentError(`dfc_key.slots must be between 1 and ${MAX_SLOTS}`);
  }
  // 0 = every slot needed (n-of-n), the default split.
  const threshold = spec.threshold || slots;
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > slots) {
    throw new InvalidArgumentError(`dfc_key.threshold must be between 1 and slots (${slots})`);
  }
  const rotationIntervalDays = spec.rotationIntervalDays ?? 0;
  if (
    !Number.isInteger(rotationIntervalDays) ||
    rotationIntervalDays < 0 ||
    rotationIntervalDays > MAX_ROTATION_DAYS
  ) {
    throw new InvalidArgumentError(
      `dfc_key.rotation_interval_days must be between 0 and ${MAX_ROTATION_DAYS}`,
    );
  }
  const currentVersion = spec.currentVersion || 1;
  if (!Number.isSafeInteger(currentVersion) || currentVersion < 1) {
    throw new InvalidArgumentError("dfc_key.current_version must be a positive integer");
  }
  const lastRotatedAtMs = spec.lastRotatedAtMs || nowMs;
  if (!Number.isSafeInteger(lastRotatedAtMs) || lastRotatedAtMs < 0) {
    throw new InvalidArgumentError("dfc_key.last_rotated_at_ms must be a time in milliseconds");
  }
  const customerSlot = spec.customerSlot ?? false;
  const customerFrgId = spec.customerFrgId ?? "";
  if (customerFrgId !== "" && !CUSTOMER_FRG_ID.test(customerFrgId)) {
    throw new InvalidArgumentError(
      "dfc_key.customer_frg_id must be 1-64 characters of A-Z a-z 0-9 . _ -",
    );
  }
  const customerFragmentSlot = spec.customerFragmentSlot ?? 0;
  if (
    !Number.isInteger(customerFragmentSlot) ||
    customerFragmentSlot < 0 ||
    customerFragmentSlot > 255
  ) {
    throw new InvalidArgumentError(
      "dfc_key.customer_fragment_slot must be a slot number 1-255 (0: none)",
    );
  }
  if (!customerSlot && (customerFrgId !== "" || customerFragmentSlot !== 0)) {
    throw new InvalidArgumentError(
      "dfc_key.customer_frg_id and customer_fragment_slot go only with customer_slot",
    );
  }
  return {
    algorithm: algorithm as DfcAlgorithm,
    slots,
    threshold,
    customerSlot,
    ...(customerFrgId !== "" ? { customerFrgId } : {}),
    ...(customerFragmentSlot !== 0 ? { customerFragmentSlot } : {}),
    rotationIntervalDays,
    currentVersion,
    lastRotatedAtMs,
  };
}

const SPKI_PEM = /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----$/;

/** The sealed key's spec, its PEM checked to be a public key of the stated algorithm. */
function sealedKeySpec(spec: CreateItemInput["sealedKey"]): SealedKeySpec {
  if (!spec) throw new InvalidArgumentError("sealed_key is required for a sealed-key item");
  const algorithm = spec.algorithm ?? "";
  if (!(SEALED_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new InvalidArgumentError(
      `sealed_key.algorithm must be one of ${SEALED_ALGORITHMS.join(", ")}`,
    );
  }
  const pem = (spec.publicKeyPem ?? "").trim();
  // Only an SPKI public key: node would happily derive a public key from a private PEM, and a
  // private key must never be stored here in the clear. The PEM itself is never echoed back.
  if (pem.length > MAX_PEM_CHARS || !SPKI_PEM.test(pem)) {
    throw new InvalidArgumentError(
      "sealed_key.public_key_pem must be a public key in SPKI PEM (BEGIN PUBLIC KEY)",
    );
  }
  let details: { type: string | undefined; bits?: number; curve?: string };
  try {
    const key = createPublicKey({ key: pem, format: "pem" });
    details = {
      type: key.asymmetricKeyType,
      ...(key.asymmetricKeyDetails?.modulusLength !== undefined
        ? { bits: key.asymmetricKeyDetails.modulusLength }
        : {}),
      ...(key.asymmetricKeyDetails?.namedCurve !== undefined
        ? { curve: key.asymmetricKeyDetails.namedCurve }
        : {}),
    };
  } catch {
    throw new InvalidArgumentError("sealed_key.public_key_pem is not a readable public key");
  }
  if (!publicKeyFits(algorithm as SealedAlgorithm, details)) {
    throw new InvalidArgumentError(`sealed_key.public_key_pem is not an ${algorithm} public key`);
  }
  return { algorithm: algorithm as SealedAlgorithm, publicKeyPem: `${pem}\n` };
}

function publicKeyFits(
  algorithm: SealedAlgorithm,
  key: { type: string | undefined; bits?: number; curve?: string },
): boolean {
  if (algorithm === "ECDSA-P256") return key.type === "ec" && key.curve === "prime256v1";
  return key.type === "rsa" && key.bits === Number(algorithm.slice(3));
}

/** Page tokens are the last name returned, base64url: opaque to callers, checked on return. */
function encodePageToken(lastName: string): string {
  return Buffer.from(lastName, "utf8").toString("base64url");
}

function decodePageToken(token: string, folder: string): string {
  const name = Buffer.from(token, "base64url").toString("utf8");
  const inside = folder === "/" || name.startsWith(`${folder}/`);
  if (encodePageToken(name) !== token || !inside) {
    throw new InvalidArgumentError("page_token is not a token of this listing");
  }
  return validateItemPath(name, "page_token");
}
