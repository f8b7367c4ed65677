import { HELD_KEY_SETS, type HeldKey, heldKeySetDigest, heldKeySetOf } from "@keyfrag/bus";
import { keyPublicDigest } from "@keyfrag/crypto";
import type { FragmentStore } from "./fragment-store.js";

/** One held-key set as a heartbeat announces it. */
export interface HeldKeySetSummary {
  readonly set: number;
  readonly count: number;
  readonly digest: string;
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/**
 * What a node holds, split into HELD_KEY_SETS sets by key id, kept up to date from the store's
 * change notices: a heartbeat carries one digest per set, and only a set where something
 * changed is rehashed, so a heartbeat costs the same at ten keys and at a hundred thousand.
 * Public data only: no secret is read.
 */
export function createHeldKeySets() {
  /** Per set: key version (`keyIdHex/vN`) → what is held of it. */
  const sets = Array.from({ length: HELD_KEY_SETS }, () => new Map<string, HeldKey>());
  const digests: (string | undefined)[] = new Array(HELD_KEY_SETS).fill(undefined);
  /** Key versions changed since they were last read from the store. */
  const changed = new Map<string, { keyIdHex: string; version: number }>();
  let store: FragmentStore | undefined;

  function read(keyIdHex: string, version: number): HeldKey | undefined {
    const held = store?.heldPublic(keyIdHex, version);
    if (!held) return undefined;
    return {
      keyId: keyIdHex,
      version,
      epoch: held.epoch,
      digest: hex(keyPublicDigest(held.key)),
      ...(held.pendingKey !== undefined && held.pendingEpoch !== undefined
        ? { pendingEpoch: held.pendingEpoch, pendingDigest: hex(keyPublicDigest(held.pendingKey)) }
        : {}),
    };
  }

  /** Applies the changes noticed since last time; rehashes only the sets they touched. */
  function settle(): void {
    if (!store) return;
    for (const [id, { keyIdHex, version }] of changed) {
      changed.delete(id);
      const set = heldKeySetOf(keyIdHex);
      const entries = sets[set] as Map<string, HeldKey>;
      const held = read(keyIdHex, version);
      if (held) entries.set(id, held);
      else entries.delete(id);
      digests[set] = undefined;
    }
  }

  function digestOf(set: number): string {
    let digest = digests[set];
    if (digest === undefined) {
      digest = heldKeySetDigest([...(sets[set] as Map<string, HeldKey>).values()]);
      digests[set] = digest;
    }
    return digest;
  }

  return {
    /** The store's onChange: the key version is read again before the next summary. */
    changed(keyIdHex: string, version: number): void {
      changed.set(`${keyIdHex}/v${version}`, { keyIdHex, version });
    },
    /** Reads everything the store holds once (at start); later changes arrive through `changed`. */
    async attach(to: FragmentStore): Promise<void> {
      store = to;
      for (const k of await to.list()) this.changed(hex(k.keyId), k.version);
      settle();
    },
    /** Every non-empty set: its count and digest (what a heartbeat carries). */
    summary(): HeldKeySetSummary[] {
      settle();
      const out: HeldKeySetSummary[] = [];
      for (let set = 0; set < HELD_KEY_SETS; set++) {
        const count = (sets[set] as Map<string, HeldKey>).size;
        if (count > 0) out.push({ set, count, digest: digestOf(set) });
      }
      return out;
    },
    /** The key versions held in `set`, by key id and version. */
    keysOf(set: number): HeldKey[] {
      settle();
      return [...(sets[set] ?? new Map<string, HeldKey>()).values()].sort((a, b) =>
        a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : a.version - b.version,
      );
    },
  };
}

export type HeldKeySets = ReturnType<typeof createHeldKeySets>;
