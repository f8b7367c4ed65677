import { subjects } from "@keyfrag/bus";
import { KEY_ALGORITHMS } from "@keyfrag/rpc";

/** What an item is: a static secret, the metadata of a DFC key, or a sealed RSA/ECDSA key. */
export const ITEM_TYPES = ["static-secret", "dfc-key", "sealed-key"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Algorithms of keys held by the fragment cluster. */
export const DFC_ALGORITHMS = KEY_ALGORITHMS;
export type DfcAlgorithm = (typeof DFC_ALGORITHMS)[number];

/** Algorithms of private keys sealed under a DFC key. */
export const SEALED_ALGORITHMS = ["RSA2048", "RSA3072", "RSA4096", "ECDSA-P256"] as const;
export type SealedAlgorithm = (typeof SEALED_ALGORITHMS)[number];

/** One kept version of a static secret or sealed key (its ciphertext is read separately). */
export interface VersionInfo {
  version: number;
  createdAtMs: number;
  /** The DFC key (and its version) the ciphertext is under. */
  keyName: string;
  keyVersion: number;
  /** When the version was destroyed (its ciphertext removed for good); absent if it was not. */
  destroyedAtMs?: number;
}

/** Metadata of a key held by the fragment cluster; versions 1..currentVersion all decrypt. */
export interface DfcKeySpec {
  algorithm: DfcAlgorithm;
  slots: number;
  threshold: number;
  customerSlot: boolean;
  /**
   * With customerSlot: the customer fragment's id and slot (absent on keys recorded before
   * several customer fragments existed). Only a gateway of that slot uses the key.
   */
  customerFrgId?: string;
  customerFragmentSlot?: number;
  /** 0 = no automatic rotation. */
  rotationIntervalDays: number;
  currentVersion: number;
  lastRotatedAtMs: number;
}

/** A sealed private key's algorithm and public half (SPKI PEM, not secret). */
export interface SealedKeySpec {
  algorithm: SealedAlgorithm;
  publicKeyPem: string;
}

/** An item's metadata: everything but ciphertext. */
export interface Item {
  name: string;
  type: ItemType;
  description: string;
  tags: string[];
  createdAtMs: number;
  updatedAtMs: number;
  deleted: boolean;
  /** 0 when not deleted. */
  deletedAtMs: number;
  /** Static secrets and sealed keys: the DFC key the newest version is under ("" for dfc-key). */
  keyName: string;
  /** 0 for dfc-key items (they hold no versions). */
  maxVersions: number;
  /** Newest version (for a dfc-key item, its key's current version). */
  currentVersion: number;
  /** Kept versions, oldest first (empty for dfc-key items). */
  versions: VersionInfo[];
  dfcKey?: DfcKeySpec;
  sealedKey?: SealedKeySpec;
}

/** The ciphertext of one version of an item. */
export interface StoredVersion {
  name: string;
  type: ItemType;
  version: number;
  ciphertext: Uint8Array;
  keyName: string;
  keyVersion: number;
}

// The change announcements are shared with their subscribers (libs/bus).
export { type SecretsChange, SecretsChangeSchema } from "@keyfrag/bus";

/** The NATS subject item changes are published on: `<cluster>.secrets.changed`. */
export function secretsChangedSubject(cluster: string): string {
  return subjects(cluster).secretsChanged;
}
