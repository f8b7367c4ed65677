import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  aggregateSignature,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  generateIdentityKeyPair,
  type KeyPublic,
  type SlotShare,
  signShare,
  verifyEd25519,
} from "@keyfrag/crypto";
import { describe, expect, it } from "vitest";
import { NONCE_RECORD_BYTES, type NonceStockOptions, openNonceStock } from "./nonce-stock.js";

const NODE_KEY = new Uint8Array(32).fill(7);
const KEY = { keyId: new Uint8Array(16).fill(3), version: 1 };
const enc = new TextEncoder();

/** A 2-of-2 Ed25519 key made by a real DKG: both slots' shares and the public data. */
function signingKey(): { shares: SlotShare[]; key: KeyPublic } {
  const ids = [generateIdentityKeyPair(), generateIdentityKeyPair()];
  const session = {
    sessionId: "s",
    suite: "ed25519" as const,
    threshold: 2,
    participants: ids.map((id, i) => ({ slot: i + 1, identityPublicKey: id.publicKey })),
  };
  const started = ids.map((id, i) => dkgRound1(session, i + 1, id));
  const round1 = started.map((s) => s.message);
  const packages = started.flatMap((s) => dkgRound2(s.state, round1));
  const results = started.map((s, i) =>
    dkgFinish(
      s.state,
      packages.filter((p) => p.to === i + 1),
    ),
  );
  return { shares: results.map((r) => r.share), key: results[0]?.key as KeyPublic };
}

async function tempDir(): Promise<AsyncDisposable & { dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "kf-nonce-stock-"));
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

const stockFile = (dir: string) => join(dir, "nonce-stock", "stock.bin");

describe("the preprocessed nonce stock", () => {
  it("signs with a handed-out nonce once, after a restart too, and never again", async () => {
    await using d = await tempDir();
    const { shares, key } = signingKey();
    const [s1, s2] = shares as [SlotShare, SlotShare];
    const message = enc.encode("one round");
    let stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    const other = await openNonceStock({ dir: join(d.dir, "slot-2"), nodeKey: NODE_KEY });
    const [a, b] = await stock.issue(KEY, s1, 2);
    const [c] = await other.issue(KEY, s2, 1);
    if (!a || !b || !c) throw new Error("issued too few");
    // Used once before the restart.
    const taken = await stock.take(a.nonceId);
    expect(taken).toBeDefined();
    expect(await stock.take(a.nonceId)).toBeUndefined();
    taken?.nonce.discard();
    await stock.close();

    stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    expect(stock.size()).toBe(1);
    expect(await stock.take(a.nonceId)).toBeUndefined();
    const restored = await stock.take(b.nonceId);
    if (!restored) throw new Error("the unused nonce did not survive the restart");
    expect(restored.nonce.commitment).toEqual(b.commitment);
    const theirs = await other.take(c.nonceId);
    if (!theirs) throw new Error("slot 2 lost its nonce");
    const commitments = [b.commitment, c.commitment];
    const sigShares = [
      signShare(s1, key, restored.nonce, commitments, message),
      signShare(s2, key, theirs.nonce, commitments, message),
    ];
    const signature = aggregateSignature(key, commitments, message, sigShares);
    expect(verifyEd25519(signature, message, key.groupPublicKey)).toBe(true);
    await stock.close();

    stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    expect(stock.size()).toBe(0);
    expect(await stock.take(b.nonceId)).toBeUndefined();
    await stock.close();
    await other.close();
  });

  it("hands out every nonce once: ids and commitments never repeat, across restarts, and freed records are reused", async () => {
    await using d = await tempDir();
    const { shares } = signingKey();
    const share = shares[0] as SlotShare;
    const ids = new Set<string>();
    const commitments = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
      const issued = [
        ...(await stock.issue(KEY, share, 16)),
        ...(await stock.issue(KEY, share, 16)),
      ];
      for (const n of issued) {
        ids.add(n.nonceId);
        commitments.add(Buffer.from(n.commitment.hiding).toString("hex"));
        commitments.add(Buffer.from(n.commitment.binding).toString("hex"));
      }
      for (const n of issued) (await stock.take(n.nonceId))?.nonce.discard();
      await stock.close();
    }
    expect(ids.size).toBe(96);
    expect(commitments.size).toBe(192);
    // Used records were zeroed and reused: the file holds one round's worth.
    expect((await stat(stockFile(d.dir))).size).toBe(32 * NONCE_RECORD_BYTES);
  });

  it("keeps nonce secrets sealed on disk and zeroes a record when it is used", async () => {
    await using d = await tempDir();
    const { shares } = signingKey();
    const stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    const [n] = await stock.issue(KEY, shares[0] as SlotShare, 1);
    if (!n) throw new Error("none issued");
    const file = await readFile(stockFile(d.dir));
    expect(file.length).toBe(NONCE_RECORD_BYTES);
    // The key id is inside the ciphertext, not in clear.
    expect(file.includes(Buffer.from(KEY.keyId))).toBe(false);
    const taken = await stock.take(n.nonceId);
    taken?.nonce.discard();
    expect((await readFile(stockFile(d.dir))).every((b) => b === 0)).toBe(true);
    await stock.close();
    // Another node key opens nothing: its records are erased, not used.
    const stock2 = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    const [m] = await stock2.issue(KEY, shares[0] as SlotShare, 1);
    await stock2.close();
    const wrongKey = await openNonceStock({ dir: d.dir, nodeKey: new Uint8Array(32).fill(8) });
    expect(wrongKey.size()).toBe(0);
    expect(await wrongKey.take(m?.nonceId as string)).toBeUndefined();
    await wrongKey.close();
  });

  it("erases torn, altered and duplicated records on open, and cuts a partial record off", async () => {
    await using d = await tempDir();
    const { shares } = signingKey();
    let stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    const issued = await stock.issue(KEY, shares[0] as SlotShare, 3);
    await stock.close();
    const path = stockFile(d.dir);
    const file = await readFile(path);
    // Record 0 altered; record 1 copied over record 2 (the same id twice); a torn tail.
    file[NONCE_RECORD_BYTES - 20] = (file[NONCE_RECORD_BYTES - 20] ?? 0) ^ 1;
    file.copy(file, 2 * NONCE_RECORD_BYTES, NONCE_RECORD_BYTES, 2 * NONCE_RECORD_BYTES);
    await writeFile(path, Buffer.concat([file, Buffer.alloc(17, 1)]));
    stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    expect(stock.size()).toBe(0);
    for (const n of issued) expect(await stock.take(n.nonceId)).toBeUndefined();
    const after = await readFile(path);
    expect(after.length).toBe(3 * NONCE_RECORD_BYTES);
    expect(after.every((b) => b === 0)).toBe(true);
    await stock.close();
  });

  it("erases nonces past their time to live, and the oldest of a key beyond its bound", async () => {
    await using d = await tempDir();
    const { shares } = signingKey();
    let clock = 1_000_000;
    const options: NonceStockOptions = {
      dir: d.dir,
      nodeKey: NODE_KEY,
      ttlMs: 60_000,
      maxPerKey: 4,
      maxTotal: 6,
      now: () => clock,
    };
    let stock = await openNonceStock(options);
    const first = await stock.issue(KEY, shares[0] as SlotShare, 3);
    const second = await stock.issue(KEY, shares[0] as SlotShare, 3);
    // Bound 4 per key version: the two oldest of the first batch were erased.
    expect(stock.size()).toBe(4);
    expect(await stock.take(first[0]?.nonceId as string)).toBeUndefined();
    expect(await stock.take(first[1]?.nonceId as string)).toBeUndefined();
    await expect(
      stock.issue({ ...KEY, version: 2 }, shares[0] as SlotShare, 3),
    ).rejects.toMatchObject({ code: "full" });
    await expect(stock.issue(KEY, shares[0] as SlotShare, 65)).rejects.toMatchObject({
      code: "invalid-argument",
    });
    clock += 30_000;
    const late = await stock.issue({ ...KEY, version: 2 }, shares[0] as SlotShare, 1);
    clock += 30_000;
    expect(await stock.sweep()).toBe(4);
    expect(await stock.take(second[0]?.nonceId as string)).toBeUndefined();
    // The late one is still good; after another 30 s the next open erases it.
    clock += 30_000;
    await stock.close();
    stock = await openNonceStock(options);
    expect(stock.size()).toBe(0);
    expect(await stock.take(late[0]?.nonceId as string)).toBeUndefined();
    await stock.close();
  });

  it("erases a key version's nonces when the key is dropped", async () => {
    await using d = await tempDir();
    const { shares } = signingKey();
    const stock = await openNonceStock({ dir: d.dir, nodeKey: NODE_KEY });
    const kept = await stock.issue({ ...KEY, version: 2 }, shares[0] as SlotShare, 2);
    await stock.issue(KEY, shares[0] as SlotShare, 2);
    await stock.dropKey(KEY);
    expect(stock.size()).toBe(2);
    expect(await stock.take(kept[0]?.nonceId as string)).toBeDefined();
    await stock.close();
  });
});
