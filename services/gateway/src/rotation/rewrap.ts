/**
 * Rewrap: moves every stored version encrypted under an older version of a DFC key to a newer
 * one, so an old key version can eventually be retired. Each version is swapped with a
 * compare-and-set on its exact old bytes, so a concurrent write always wins over the rewrap and
 * a re-run finds nothing left to do.
 */

import {
  type EncryptionContext,
  type EnvelopeAlgorithm,
  MalformedCiphertextError,
  parseEnvelope,
} from "@keyfrag/crypto";
import type { DfcClient } from "@keyfrag/dfc-client";
import {
  ConflictError,
  call,
  FailedPreconditionError,
  InvalidArgumentError,
  type Item__Output,
  NotFoundError,
  type SecretsClient,
} from "@keyfrag/rpc";
import { type Derive, itemContext, openValue, sealValue } from "../keys/envelope.js";
import type { KeyService } from "../keys/key-service.js";

/** The item types whose versions hold ciphertext under a DFC key. */
/**
 * Whether a rotated key has anything to rewrap: a signing key (ED25519) encrypts nothing, so
 * its rotation queues no rewrap (which would only fail, and audit an error).
 */
export function encryptsUnder(item: { dfc_key?: { algorithm: string } | null }): boolean {
  return item.dfc_key?.algorithm !== "ED25519";
}

export const REWRAPPED_TYPES = ["static-secret", "sealed-key"] as const;
export type RewrappedType = (typeof REWRAPPED_TYPES)[number];

const PAGE_SIZE = 100;
const CALL_DEADLINE_MS = 15_000;

/** What a rewrap did, in counts only (never names of values, never values). */
export interface RewrapCounts {
  /** Items of the scanned types looked at. */
  items: number;
  /** Versions moved to the target key version. */
  rewrapped: number;
  /** Versions already under the target version (or newer) when read. */
  current: number;
  /** Versions changed, pruned or deleted by a concurrent write: left to that write. */
  raced: number;
  /** Versions that do not decrypt (corrupt, or not made by this key): left as they are. */
  unreadable: number;
}

/** Where a rewrap stands: saved after every page so a retried job resumes there. */
export interface RewrapCursor {
  /** Index into {@link REWRAPPED_TYPES}. */
  typeIndex: number;
  pageToken: string;
  counts: RewrapCounts;
}

export const emptyCounts = (): RewrapCounts => ({
  items: 0,
  rewrapped: 0,
  current: 0,
  raced: 0,
  unreadable: 0,
});

export interface RewrapDeps {
  secrets: SecretsClient;
  /** To learn the key's algorithm at the target version (and that the version exists). */
  keys: Pick<KeyService, "lookup">;
  /** One OPRF output of a given key version (see {@link dfcDerive}). */
  derive: Derive;
  /** The encryption context of an item's ciphertext (default: `itemContext(name)`). */
  contextOf?: (item: {
    name: string;
    type: string;
  }) => EncryptionContext | Promise<EncryptionContext>;
}

/** A {@link Derive} over the gateway's dfc-client, asking for the version named. */
export function dfcDerive(dfc: Pick<DfcClient, "derive">): Derive {
  return async (keyName, input, version) => {
    const { outputs } = await dfc.derive(keyName, [input], { version });
    const [output] = outputs;
    if (!output) throw new FailedPreconditionError("the fragment cluster derived nothing");
    return output;
  };
}

/**
 * Rewraps every live static secret and sealed key version under `keyName` older than
 * `toVersion`, starting at `resume` when given; `onPage` is called with the cursor after each
 * finished page (to persist it). Throws on errors worth retrying (services unavailable).
 */
export async function rewrapKey(
  deps: RewrapDeps,
  job: { keyName: string; toVersion: number },
  options: { resume?: RewrapCursor; onPage?: (cursor: RewrapCursor) => Promise<void> } = {},
): Promise<RewrapCounts> {
  const { keyName, toVersion } = job;
  if (!Number.isSafeInteger(toVersion) || toVersion < 1) {
    throw new InvalidArgumentError("toVersion must be a positive integer");
  }
  const key = await deps.keys.lookup(keyName, true, toVersion);
  if (key.algorithm === "ED25519") {
    throw new FailedPreconditionError(
      `key ${keyName} is a signing key; nothing is encrypted under it`,
    );
  }
  const algorithm: EnvelopeAlgorithm = key.algorithm;
  const contextOf = deps.contextOf ?? ((item) => itemContext(item.name));
  const counts = { ...(options.resume?.counts ?? emptyCounts()) };

  /** Moves one stored version; returns which count it adds to. */
  async function rewrapVersion(item: Item__Output, version: number): Promise<keyof RewrapCounts> {
    let stored: { ciphertext: Buffer; key_name: string; key_version: number } | undefined;
    try {
      const res = await call(
        deps.secrets,
        "GetVersions",
        { names: [item.name], version },
        { deadlineMs: CALL_DEADLINE_MS },
      );
      stored = res.versions[0];
    } catch (err) {
      // Pruned by newer versions or deleted since the page was listed.
      if (err instanceof NotFoundError) return "raced";
      throw err;
    }
    if (!stored) return "raced";
    if (stored.key_name !== keyName) return "raced";
    const old = new Uint8Array(stored.ciphertext);
    let parsed: ReturnType<typeof parseEnvelope>;
    try {
      parsed = parseEnvelope(old);
    } catch (err) {
      if (err instanceof MalformedCiphertextError) return "unreadable";
      throw err;
    }
    if (parsed.keyVersion >= toVersion) return "current";

    const context = await contextOf(item);
    let plaintext: Uint8Array;
    try {
      plaintext = await openValue(deps.derive, keyName, old, context, toVersion);
    } catch (err) {
      // Wrong key id, wrong context or altered bytes: nothing a retry would change.
      if (err instanceof InvalidArgumentError) return "unreadable";
      throw err;
    }
    try {
      const ciphertext = await sealValue(
        deps.derive,
        { name: keyName, algorithm, version: toVersion },
        plaintext,
        context,
      );
      await call(
        deps.secrets,
        "ReplaceCiphertext",
        {
          name: item.name,
          version,
          expected_ciphertext: old,
          ciphertext,
          key_name: keyName,
          key_version: toVersion,
        },
        { deadlineMs: CALL_DEADLINE_MS },
      );
      return "rewrapped";
    } catch (err) {
      // A concurrent update, prune or delete won: that write already decided this version.
      if (err instanceof ConflictError || err instanceof NotFoundError) return "raced";
      throw err;
    } finally {
      plaintext.fill(0);
    }
  }

  for (let t = options.resume?.typeIndex ?? 0; t < REWRAPPED_TYPES.length; t++) {
    const type = REWRAPPED_TYPES[t] as RewrappedType;
    let pageToken = t === options.resume?.typeIndex ? options.resume.pageToken : "";
    do {
      const page = await call(
        deps.secrets,
        "ListItems",
        { path: "/", type, page_size: PAGE_SIZE, page_token: pageToken },
        { deadlineMs: CALL_DEADLINE_MS },
      );
      for (const item of page.items) {
        counts.items++;
        for (const v of item.versions) {
          // A destroyed version holds nothing to move.
          if (v.key_name !== keyName || v.key_version >= toVersion) continue;
          if (Number(v.destroyed_at_ms) > 0) continue;
          counts[await rewrapVersion(item, v.version)]++;
        }
      }
      pageToken = page.next_page_token;
      const finished = pageToken === "";
      await options.onPage?.({
        typeIndex: finished ? t + 1 : t,
        pageToken,
        counts: { ...counts },
      });
    } while (pageToken !== "");
  }
  return counts;
}
