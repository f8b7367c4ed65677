import { randomBytes } from "node:crypto";
import {
  copyFile,
  link,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  unlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import {
  type DkgResult,
  type DkgSession,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  generateIdentityKeyPair,
  type IdentityKeyPair,
  type KeyPublic,
  type RefreshSession,
  refreshDeal,
  refreshFinish,
  type SlotShare,
} from "@keyfrag/crypto";
import { isRetryable, toGrpcStatus } from "@keyfrag/rpc";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createFragmentStore,
  type FragmentStore,
  FragmentStoreError,
  type FragmentStoreOptions,
} from "./fragment-store.js";

/** One slot's view of a key at successive epochs: epochs[e] = { share, key }. */
interface SlotHistory {
  readonly epochs: { share: SlotShare; key: KeyPublic }[];
}

/** A real DKG among slots 1..n (as libs/crypto's test helpers run it), then `refreshes` refreshes. */
function makeKey(n: number, t: number, refreshes: number): SlotHistory {
  const slots = Array.from({ length: n }, (_, i) => i + 1);
  const identities = new Map(slots.map((s) => [s, generateIdentityKeyPair()] as const));
  const identity = (slot: number) => identities.get(slot) as IdentityKeyPair;
  const session: DkgSession = {
    sessionId: `fragment-store-test-${Math.random()}`,
    suite: "ristretto255",
    threshold: t,
    participants: slots.map((slot) => ({ slot, identityPublicKey: identity(slot).publicKey })),
  };
  const round1 = slots.map((slot) => dkgRound1(session, slot, identity(slot)));
  const broadcast = round1.map((r) => r.message);
  const packages = round1.flatMap((r) => dkgRound2(r.state, broadcast));
  const results: DkgResult[] = round1.map((r) =>
    dkgFinish(
      r.state,
      packages.filter((p) => p.to === r.state.slot),
    ),
  );
  let key = (results[0] as DkgResult).key;
  let shares = results.map((r) => r.share);
  const epochs = [{ share: shares[0] as SlotShare, key }];
  for (let i = 0; i < refreshes; i++) {
    const refresh: RefreshSession = {
      sessionId: `refresh-${i}-${Math.random()}`,
      key,
      participants: session.participants,
    };
    const dealt = shares.map((share) => refreshDeal(refresh, share, identity(share.slot)));
    const finished = dealt.map((d) =>
      refreshFinish(
        d.state,
        dealt.map((x) => x.dealing),
      ),
    );
    key = (finished[0] as (typeof finished)[number]).key;
    shares = finished.map((f) => f.share);
    epochs.push({ share: shares[0] as SlotShare, key });
  }
  return { epochs };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function at(h: SlotHistory, epoch: number): { share: SlotShare; key: KeyPublic } {
  const e = h.epochs[epoch];
  if (!e) throw new Error(`test key has no epoch ${epoch}`);
  return e;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

async function storeError(promise: Promise<unknown>): Promise<FragmentStoreError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof FragmentStoreError) return err;
    throw err;
  }
  throw new Error("expected a FragmentStoreError");
}

describe("fragment store", () => {
  let keyA: SlotHistory; // epochs 0, 1, 2
  let keyB: SlotHistory; // epoch 0, another key
  const idA = new Uint8Array(randomBytes(16));
  const idB = new Uint8Array(randomBytes(16));

  let dir: string;
  let nodeKey: Uint8Array;
  let clock: number;
  const opened: FragmentStore[] = [];

  async function openStore(extra: Partial<FragmentStoreOptions> = {}): Promise<FragmentStore> {
    const store = await createFragmentStore({ dir, nodeKey, now: () => clock, ...extra });
    opened.push(store);
    return store;
  }

  const versionDir = (keyId: Uint8Array, version: number) =>
    join(dir, "fragments", hex(keyId), `v${version}`);
  const fragFile = (keyId: Uint8Array, version: number, state: string) =>
    join(versionDir(keyId, version), `${state}.frag`);

  async function exists(path: string): Promise<boolean> {
    return stat(path).then(
      () => true,
      () => false,
    );
  }

  beforeAll(() => {
    keyA = makeKey(3, 2, 2);
    keyB = makeKey(3, 3, 0);
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "keyfrag-fragment-store-"));
    nodeKey = new Uint8Array(randomBytes(32));
    clock = 1_700_000_000_000;
  });

  afterEach(async () => {
    for (const s of opened.splice(0)) s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a fragment and reads it back; survives a reopen", async () => {
    const e0 = at(keyA, 0);
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);

    const got = await store.get(idA, 1, 0);
    expect(got?.share).toEqual(e0.share);
    expect(hex(got?.key.groupPublicKey ?? new Uint8Array())).toBe(hex(e0.key.groupPublicKey));
    expect(await store.get(idA, 1, 1)).toBeUndefined();
    expect(await store.get(idA, 2, 0)).toBeUndefined();
    expect(await store.list()).toEqual([{ keyId: idA, version: 1, slot: 1, epoch: 0 }]);

    // The caller may wipe what it got (or what it stored) without harming the store.
    got?.share.secret.fill(0);
    expect((await store.get(idA, 1, 0))?.share.secret).toEqual(e0.share.secret);

    const reopened = await openStore();
    const again = await reopened.get(idA, 1, 0);
    expect(again?.share).toEqual(e0.share);
    expect(again?.key.commitments.map(hex)).toEqual(e0.key.commitments.map(hex));
    expect(await reopened.list()).toEqual(await store.list());
  });

  it("moves through current, pending, previous; commit and abort are idempotent", async () => {
    const [e0, e1, e2] = [at(keyA, 0), at(keyA, 1), at(keyA, 2)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);

    expect(await store.get(idA, 1, 1)).toBeUndefined(); // pending is not served by get
    expect((await store.getPending(idA, 1, 1))?.share).toEqual(e1.share);
    expect(await store.list()).toEqual([
      { keyId: idA, version: 1, slot: 1, epoch: 0, pendingEpoch: 1 },
    ]);
    // held(): one key version's entry of list(), without listing the others.
    expect(store.held(idA, 1)).toEqual((await store.list())[0]);
    expect(store.held(idA, 2)).toBeUndefined();
    expect(store.held(idB, 1)).toBeUndefined();

    await store.commitPending(idA, 1, 1);
    expect((await store.get(idA, 1, 1))?.share).toEqual(e1.share);
    expect((await store.get(idA, 1, 0))?.share).toEqual(e0.share); // previous, within grace
    expect(await store.getPending(idA, 1, 1)).toBeUndefined();
    expect(await exists(fragFile(idA, 1, "pending"))).toBe(false);
    expect(await store.list()).toEqual([
      { keyId: idA, version: 1, slot: 1, epoch: 1, previousEpoch: 0 },
    ]);
    expect(store.held(idA, 1)).toEqual((await store.list())[0]);

    // Committing again changes nothing, not even the bytes on disk.
    const before = await Promise.all(
      ["current", "previous"].map((s) => readFile(fragFile(idA, 1, s))),
    );
    await store.commitPending(idA, 1, 1);
    const after = await Promise.all(
      ["current", "previous"].map((s) => readFile(fragFile(idA, 1, s))),
    );
    expect(after).toEqual(before);

    // Nothing pending at epoch 2: a clear error.
    const noPending = await storeError(store.commitPending(idA, 1, 2));
    expect(noPending.reason).toBe("conflict");
    expect(noPending.message).toMatch(/no pending fragment at that epoch/);

    await store.putPending(idA, 1, e2.share, e2.key);
    await store.abortPending(idA, 1, 2);
    expect(await store.getPending(idA, 1, 2)).toBeUndefined();
    expect(await exists(fragFile(idA, 1, "pending"))).toBe(false);
    await store.abortPending(idA, 1, 2); // again: fine
    await store.abortPending(idB, 7, 3); // never held: fine
    const committed = await storeError(store.abortPending(idA, 1, 1));
    expect(committed.message).toMatch(/already committed/);
    expect((await store.get(idA, 1, 1))?.share).toEqual(e1.share);

    // The whole state, including the previous epoch and its retirement time, survives a reopen.
    const reopened = await openStore();
    expect(await reopened.list()).toEqual([
      { keyId: idA, version: 1, slot: 1, epoch: 1, previousEpoch: 0 },
    ]);
    expect((await reopened.get(idA, 1, 0))?.share).toEqual(e0.share);
    clock += 60_000;
    expect(reopened.held(idA, 1)).toEqual({ keyId: idA, version: 1, slot: 1, epoch: 1 });
    expect(await reopened.get(idA, 1, 0)).toBeUndefined();
  });

  it("keeps a previous epoch for its grace period only, then deletes its file", async () => {
    const [e0, e1, e2] = [at(keyA, 0), at(keyA, 1), at(keyA, 2)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);
    await store.commitPending(idA, 1, 1);

    // A second name for the file's inode shows what erasure did to its bytes.
    const spy = join(dir, "previous.spy");
    await link(fragFile(idA, 1, "previous"), spy);

    clock += 59_999;
    expect((await store.get(idA, 1, 0))?.share).toEqual(e0.share);
    clock += 1;
    expect(await store.get(idA, 1, 0)).toBeUndefined(); // erased on read
    expect(await exists(fragFile(idA, 1, "previous"))).toBe(false);
    const leftover = await readFile(spy);
    expect(leftover.length).toBeGreaterThan(0);
    expect(leftover.every((b) => b === 0)).toBe(true);
    expect(await store.list()).toEqual([{ keyId: idA, version: 1, slot: 1, epoch: 1 }]);

    // Explicit sweep, with a configured grace.
    const short = await openStore({ previousGraceMs: 1_000 });
    await short.putPending(idA, 1, e2.share, e2.key);
    await short.commitPending(idA, 1, 2);
    expect(await short.erasePreviousOlderThan(clock + 999)).toBe(0);
    expect(await exists(fragFile(idA, 1, "previous"))).toBe(true);
    expect(await short.erasePreviousOlderThan(clock + 1_000)).toBe(1);
    expect(await exists(fragFile(idA, 1, "previous"))).toBe(false);
    expect(await short.get(idA, 1, 1)).toBeUndefined();
    expect((await short.get(idA, 1, 2))?.share).toEqual(e2.share);
  });

  it("erases an expired previous epoch when it opens", async () => {
    const [e0, e1] = [at(keyA, 0), at(keyA, 1)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);
    await store.commitPending(idA, 1, 1);
    store.close();

    clock += 120_000;
    const reopened = await openStore();
    expect(await exists(fragFile(idA, 1, "previous"))).toBe(false);
    expect(await reopened.get(idA, 1, 0)).toBeUndefined();
  });

  it("catch-up to a later epoch retires the old current and drops a stale pending", async () => {
    const [e0, e1, e2] = [at(keyA, 0), at(keyA, 1), at(keyA, 2)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);
    await store.putCurrent(idA, 1, e2.share, e2.key);
    expect(await store.list()).toEqual([
      { keyId: idA, version: 1, slot: 1, epoch: 2, previousEpoch: 0 },
    ]);
    expect(await exists(fragFile(idA, 1, "pending"))).toBe(false);
    await store.putCurrent(idA, 1, e2.share, e2.key); // same fragment again: no-op
    expect((await store.get(idA, 1, 0))?.share).toEqual(e0.share);
  });

  it("rejects fragments that do not fit with clear errors", async () => {
    const [e0, e1, e2] = [at(keyA, 0), at(keyA, 1), at(keyA, 2)];
    const b0 = at(keyB, 0);
    const store = await openStore();

    const mismatch = await storeError(store.putCurrent(idA, 1, e1.share, e0.key));
    expect(mismatch.reason).toBe("invalid-argument");
    expect(mismatch.message).toMatch(/epoch 1, key is at epoch 0/);
    const wrongShare = await storeError(
      store.putCurrent(idA, 1, { ...e0.share, secret: e1.share.secret }, e0.key),
    );
    expect(wrongShare.message).toMatch(/does not match its verifying share/);
    expect(wrongShare.message).not.toContain(hex(e1.share.secret));

    const noCurrent = await storeError(store.putPending(idA, 1, e1.share, e1.key));
    expect(noCurrent.message).toMatch(/no current fragment/);

    await store.putCurrent(idA, 1, e1.share, e1.key);
    expect((await storeError(store.putCurrent(idA, 1, e0.share, e0.key))).message).toMatch(
      /older than the current epoch 1/,
    );
    expect((await storeError(store.putPending(idA, 1, e1.share, e1.key))).message).toMatch(
      /pending epoch must be 2/,
    );
    const otherKey = await storeError(store.putCurrent(idA, 1, b0.share, b0.key));
    expect(otherKey.reason).toBe("conflict");
    expect(otherKey.message).toMatch(/another key or slot/);
    expect(
      (await storeError(store.putCurrent(new Uint8Array(8), 1, e0.share, e0.key))).reason,
    ).toBe("invalid-argument");
    expect((await storeError(store.get(idA, -1, 0))).reason).toBe("invalid-argument");

    // Nothing of that reached the disk or memory.
    await store.putPending(idA, 1, e2.share, e2.key);
    expect(await store.list()).toEqual([
      { keyId: idA, version: 1, slot: 1, epoch: 1, pendingEpoch: 2 },
    ]);
  });

  it("never writes a secret, in hex or raw, nor the word 'secret', to disk", async () => {
    const [e0, e1, e2] = [at(keyA, 0), at(keyA, 1), at(keyA, 2)];
    const b0 = at(keyB, 0);
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);
    await store.commitPending(idA, 1, 1);
    await store.putPending(idA, 1, e2.share, e2.key); // current, previous and pending on disk
    await store.putCurrent(idB, 3, b0.share, b0.key);

    const files = await filesUnder(dir);
    expect(files.map((f) => f.slice(dir.length)).sort()).toEqual(
      [
        "/fragments/node-key.check",
        `/fragments/${hex(idA)}/v1/current.frag`,
        `/fragments/${hex(idA)}/v1/pending.frag`,
        `/fragments/${hex(idA)}/v1/previous.frag`,
        `/fragments/${hex(idB)}/v3/current.frag`,
      ].sort(),
    );
    const needles = [e0, e1, e2, b0].flatMap(({ share }) => [
      Buffer.from(share.secret),
      Buffer.from(hex(share.secret)),
      Buffer.from(hex(share.secret).toUpperCase()),
    ]);
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) expect(bytes.includes(needle)).toBe(false);
      expect(bytes.includes(Buffer.from("secret"))).toBe(false);
      expect((await stat(file)).mode & 0o077).toBe(0);
    }
  });

  it("refuses a file copied over another fragment's path, naming it", async () => {
    const e0 = at(keyA, 0);
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putCurrent(idA, 2, e0.share, e0.key);
    store.close();

    await copyFile(fragFile(idA, 1, "current"), fragFile(idA, 2, "current"));
    const err = await storeError(openStore());
    expect(err.reason).toBe("unreadable-file");
    expect(err.path).toBe(fragFile(idA, 2, "current"));
    expect(err.message).toContain(fragFile(idA, 2, "current"));
    expect(err.message).toMatch(/cannot decrypt/); // the AEAD itself, not a later check
    expect(err.message).not.toContain(hex(e0.share.secret));
  });

  it("refuses a file moved to another state or key id", async () => {
    const [e0, e1] = [at(keyA, 0), at(keyA, 1)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);
    store.close();

    // A pending file standing in for current (as if the commit had happened).
    await copyFile(fragFile(idA, 1, "pending"), fragFile(idA, 1, "current"));
    const asCurrent = await storeError(openStore());
    expect(asCurrent.path).toBe(fragFile(idA, 1, "current"));
    expect(asCurrent.message).toMatch(/cannot decrypt/);

    await rm(join(dir, "fragments", hex(idA)), { recursive: true });
    const fresh = await openStore();
    await fresh.putCurrent(idA, 1, e0.share, e0.key);
    await fresh.putCurrent(idB, 1, e0.share, e0.key);
    await copyFile(fragFile(idA, 1, "current"), fragFile(idB, 1, "current"));
    const otherId = await storeError(openStore());
    expect(otherId.path).toBe(fragFile(idB, 1, "current"));
    expect(otherId.message).toMatch(/cannot decrypt/);
  });

  it("refuses a file with a flipped byte or cut short", async () => {
    const e0 = at(keyA, 0);
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    const path = fragFile(idA, 1, "current");
    const good = await readFile(path);

    for (const index of [3, 6, 15, Math.floor(good.length / 2), good.length - 1]) {
      const bad = Buffer.from(good);
      bad[index] = (bad[index] ?? 0) ^ 0x01;
      await writeFile(path, bad);
      const err = await storeError(openStore());
      expect(err.reason).toBe("unreadable-file");
      expect(err.path).toBe(path);
    }
    await writeFile(path, good.subarray(0, 30));
    expect((await storeError(openStore())).message).toMatch(/truncated/);
    await writeFile(path, good);
    expect((await (await openStore()).get(idA, 1, 0))?.share).toEqual(e0.share);
  });

  it("refuses to open with a wrong node key", async () => {
    const e0 = at(keyA, 0);
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    store.close();

    const right = nodeKey;
    nodeKey = new Uint8Array(randomBytes(32));
    const err = await storeError(openStore());
    expect(err.reason).toBe("wrong-node-key");
    expect(err.path).toBe(join(dir, "fragments", "node-key.check"));
    expect(err.message).toMatch(/another node key/);

    // Even without the check file, no fragment decrypts to garbage.
    await unlink(join(dir, "fragments", "node-key.check"));
    const noCheck = await storeError(openStore());
    expect(noCheck.reason).toBe("unreadable-file");
    expect(noCheck.path).toBe(fragFile(idA, 1, "current"));
    expect(await exists(join(dir, "fragments", "node-key.check"))).toBe(false);

    // The right key still opens everything, and writes the check file again.
    nodeKey = right;
    expect((await (await openStore()).get(idA, 1, 0))?.share).toEqual(e0.share);
    expect(await exists(join(dir, "fragments", "node-key.check"))).toBe(true);

    expect((await storeError(createFragmentStore({ dir, nodeKey: nodeKey.slice(1) }))).reason).toBe(
      "invalid-argument",
    );
  });

  it("ignores and removes temp files left by a crash mid-write", async () => {
    const e0 = at(keyA, 0);
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    store.close();

    const strays = [
      join(versionDir(idA, 1), ".current.frag.0badc0ffee00.tmp"),
      join(versionDir(idA, 1), ".pending.frag.123456789abc.tmp"),
      join(dir, "fragments", ".node-key.check.abcdefabcdef.tmp"),
    ];
    await writeFile(strays[0] as string, randomBytes(40)); // half-written
    await writeFile(strays[1] as string, new Uint8Array(0)); // created, nothing written
    await writeFile(strays[2] as string, randomBytes(3));

    const reopened = await openStore();
    expect((await reopened.get(idA, 1, 0))?.share).toEqual(e0.share);
    for (const stray of strays) expect(await exists(stray)).toBe(false);
    expect(await reopened.list()).toEqual([{ keyId: idA, version: 1, slot: 1, epoch: 0 }]);
  });

  it("recovers from a crash between the steps of a commit, at the old or the new epoch", async () => {
    const [e0, e1] = [at(keyA, 0), at(keyA, 1)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);
    const oldCurrent = await readFile(fragFile(idA, 1, "current"));
    const pending = await readFile(fragFile(idA, 1, "pending"));
    await store.commitPending(idA, 1, 1);
    const newCurrent = await readFile(fragFile(idA, 1, "current"));
    const previous = await readFile(fragFile(idA, 1, "previous"));
    store.close();

    // Crash after "write previous", before "write current": still at epoch 0, pending 1.
    await writeFile(fragFile(idA, 1, "current"), oldCurrent);
    await writeFile(fragFile(idA, 1, "previous"), previous);
    await writeFile(fragFile(idA, 1, "pending"), pending);
    const early = await openStore();
    expect(await early.list()).toEqual([
      { keyId: idA, version: 1, slot: 1, epoch: 0, pendingEpoch: 1 },
    ]);
    expect(await exists(fragFile(idA, 1, "previous"))).toBe(false);
    expect((await early.get(idA, 1, 0))?.share).toEqual(e0.share);
    await early.commitPending(idA, 1, 1); // the coordinator's retry completes it
    expect((await early.get(idA, 1, 1))?.share).toEqual(e1.share);
    early.close();

    // Crash after "write current", before "erase pending": at epoch 1, the pending is stale.
    await writeFile(fragFile(idA, 1, "current"), newCurrent);
    await writeFile(fragFile(idA, 1, "previous"), previous);
    await writeFile(fragFile(idA, 1, "pending"), pending);
    const late = await openStore();
    expect(await late.list()).toEqual([
      { keyId: idA, version: 1, slot: 1, epoch: 1, previousEpoch: 0 },
    ]);
    expect(await exists(fragFile(idA, 1, "pending"))).toBe(false);
    await late.commitPending(idA, 1, 1); // retried commit: already done
    expect((await late.get(idA, 1, 0))?.share).toEqual(e0.share);
  });

  it("serializes concurrent commit and put on one key", async () => {
    const [e0, e1, e2] = [at(keyA, 0), at(keyA, 1), at(keyA, 2)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);

    // A commit, its retry and a catch-up to the same epoch, all at once: every one succeeds.
    await Promise.all([
      store.commitPending(idA, 1, 1),
      store.putCurrent(idA, 1, e1.share, e1.key),
      store.commitPending(idA, 1, 1),
      store.get(idA, 1, 0),
    ]);
    const expected = [{ keyId: idA, version: 1, slot: 1, epoch: 1, previousEpoch: 0 }];
    expect(await store.list()).toEqual(expected);

    // Prepare and commit the next epoch while reads run alongside.
    const results = await Promise.allSettled([
      store.putPending(idA, 1, e2.share, e2.key),
      store.commitPending(idA, 1, 2),
      store.get(idA, 1, 1),
      store.commitPending(idA, 1, 2),
      store.putCurrent(idA, 1, e1.share, e1.key), // stale by the time it runs
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    const reopened = await openStore();
    for (const s of [store, reopened]) {
      expect(await s.list()).toEqual([
        { keyId: idA, version: 1, slot: 1, epoch: 2, previousEpoch: 1 },
      ]);
      expect((await s.get(idA, 1, 2))?.share).toEqual(e2.share);
      expect((await s.get(idA, 1, 1))?.share).toEqual(e1.share);
    }
    expect((await readdir(versionDir(idA, 1))).sort()).toEqual(["current.frag", "previous.frag"]);
  });

  it("erases a key version entirely, and refuses calls once closed", async () => {
    const [e0, e1] = [at(keyA, 0), at(keyA, 1)];
    const store = await openStore();
    await store.putCurrent(idA, 1, e0.share, e0.key);
    await store.putPending(idA, 1, e1.share, e1.key);
    await store.putCurrent(idA, 2, e0.share, e0.key);
    await store.eraseKey(idA, 1);
    expect(await exists(versionDir(idA, 1))).toBe(false);
    expect(await store.list()).toEqual([{ keyId: idA, version: 2, slot: 1, epoch: 0 }]);
    await store.eraseKey(idA, 2);
    expect(await exists(join(dir, "fragments", hex(idA)))).toBe(false);
    expect(await (await openStore()).list()).toEqual([]);

    store.close();
    expect((await storeError(store.get(idA, 1, 0))).reason).toBe("closed");
  });

  it("reaches a gRPC caller with the status of its kind, never as an internal error", async () => {
    const [e0, e1] = [at(keyA, 0), at(keyA, 1)];
    const logged: object[] = [];
    const asStatus = (err: FragmentStoreError) =>
      toGrpcStatus(err, { requestId: "r-1", logger: { error: (obj) => logged.push(obj) } });

    const store = await openStore();
    await store.putCurrent(idA, 1, e1.share, e1.key);
    const older = await storeError(store.putCurrent(idA, 1, e0.share, e0.key));
    expect(asStatus(older)).toEqual({ code: status.ALREADY_EXISTS, details: older.message });
    const badId = await storeError(store.get(new Uint8Array(8), 1, 0));
    expect(asStatus(badId)).toEqual({ code: status.INVALID_ARGUMENT, details: badId.message });
    store.close();
    // A closing replica: the caller is sent to another replica of the slot.
    const closed = await storeError(store.get(idA, 1, 1));
    expect(asStatus(closed)).toEqual({ code: status.UNAVAILABLE, details: closed.message });
    expect(isRetryable(closed)).toBe(true);

    nodeKey = new Uint8Array(randomBytes(32));
    const wrongKey = await storeError(openStore());
    expect(asStatus(wrongKey).code).toBe(status.FAILED_PRECONDITION);
    expect(logged).toEqual([]);
  });
});
