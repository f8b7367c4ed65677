/**
 * The leader's index of every key version: what repair needs of each (slots, epoch, digest of
 * the public data, when it last changed), loaded page by page from the registry when it takes
 * over and kept current from its own writes, so no pass reads or parses the registry again.
 */
import { keyPublicDigest } from "@keyfrag/crypto";
import { keyVersionId } from "../topology/topology.js";
import type { KeyRecord, KeyRegistry } from "./key-registry.js";

/** What repair needs to know of one key version. */
export interface KeySummary {
  readonly name: string;
  readonly keyId: string;
  readonly version: number;
  readonly slots: readonly number[];
  readonly epoch: number;
  /** keyPublicDigest (hex) of the version's current public data. */
  readonly digest: string;
  readonly lastRefreshAt: number;
  /** When it last changed (created or refreshed). */
  readonly changedAt: number;
}

/** Keys read per page while loading: each page's records are validated in one turn of the event loop. */
const LOAD_PAGE = 250;

/** The summary of `rec`: the digest is taken over the JSON's bytes, without decoding a point. */
export function summaryOf(rec: KeyRecord): KeySummary {
  const p = rec.public;
  const digest = keyPublicDigest({
    suite: p.suite,
    threshold: p.threshold,
    epoch: p.epoch,
    slots: p.slots,
    commitments: p.commitments.map((c) => new Uint8Array(Buffer.from(c, "hex"))),
  });
  return {
    name: rec.name,
    keyId: rec.keyId,
    version: rec.version,
    slots: p.slots,
    epoch: p.epoch,
    digest: Buffer.from(digest).toString("hex"),
    lastRefreshAt: rec.lastRefreshAt,
    changedAt: Math.max(rec.createdAt, rec.lastRefreshAt),
  };
}

/**
 * An index of the key versions in `registry`, empty until `load`. While loaded (or loading) it
 * takes every record the registry writes; `changed` is told the key version (`keyVersionId`)
 * and summary of each one that is new or changed.
 */
export function createKeyIndex(
  registry: Pick<KeyRegistry, "page" | "onRecorded">,
  changed: (id: string, summary: KeySummary) => void,
) {
  const byId = new Map<string, KeySummary>();
  let state: "empty" | "loading" | "loaded" = "empty";
  let generation = 0;

  /** Takes `rec` unless the index already has that epoch or a later one of its version. */
  function put(rec: KeyRecord): void {
    const id = keyVersionId(rec.keyId, rec.version);
    const old = byId.get(id);
    // A page read before a refresh committed can arrive after the commit's own notice.
    if (old && old.epoch >= rec.public.epoch) return;
    const summary = summaryOf(rec);
    byId.set(id, summary);
    changed(id, summary);
  }

  registry.onRecorded((rec) => {
    if (state !== "empty") put(rec);
  });

  return {
    put,
    /**
     * (Re)loads every key version from the registry's name index, a page at a time (the event
     * loop runs between pages). Returns how many key versions it holds.
     */
    async load(): Promise<number> {
      const mine = ++generation;
      byId.clear();
      state = "loading";
      let offset: number | undefined = 0;
      while (offset !== undefined) {
        const page = await registry.page(offset, LOAD_PAGE);
        // Dropped or loaded again meanwhile: that call owns the index now.
        if (generation !== mine) return byId.size;
        for (const rec of page.records) put(rec);
        offset = page.next;
      }
      state = "loaded";
      return byId.size;
    },
    /** Forgets every key version (leadership lost: another leader writes from now on). */
    drop(): void {
      generation++;
      byId.clear();
      state = "empty";
    },
    loaded: () => state === "loaded",
    /** Whether it is loaded or loading (changes to key versions matter from then on). */
    active: () => state !== "empty",
    get: (id: string) => byId.get(id),
    values: () => byId.values(),
    entries: () => byId.entries(),
    get size() {
      return byId.size;
    },
  };
}

export type KeyIndex = ReturnType<typeof createKeyIndex>;
