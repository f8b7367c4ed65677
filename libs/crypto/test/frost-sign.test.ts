import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { ED25519_TORSION_SUBGROUP } from "@noble/curves/ed25519.js";
import fc from "fast-check";
import { compactVerify, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import {
  aggregateSignature,
  exportSigningNonce,
  type NonceCommitment,
  NonceReuseError,
  restoreSigningNonce,
  type SlotShare,
  signCommit,
  signShare,
  verifyEd25519,
} from "../src/index.js";
import { pick, runDkg, sign, signingRound, slotError, unhex } from "./helpers.js";

/** The group key as a node:crypto Ed25519 public key object (raw key wrapped in SPKI DER). */
function nodePublicKey(raw: Uint8Array) {
  const spkiPrefix = Buffer.from("302a300506032b6570032100", "hex");
  return createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: "der", type: "spki" });
}

describe("FROST(Ed25519, SHA-512) signing across slots", () => {
  it("any qualifying set of slots produces a standard Ed25519 signature", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 5 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n }))),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        fc.uint8Array({ maxLength: 200 }),
        ([n, t], seed, message) => {
          const k = runDkg("ed25519", n, t);
          const signature = sign(k, pick(k.key.slots, t, seed), message);
          expect(signature).toHaveLength(64);
          expect(nodeVerify(null, message, nodePublicKey(k.key.groupPublicKey), signature)).toBe(
            true,
          );
        },
      ),
      { numRuns: 8 },
    );
  });

  it("signatures verify with node:crypto and with jose (EdDSA JWS)", async () => {
    const k = runDkg("ed25519", 3, 3);
    const message = new TextEncoder().encode("keyfrag signs this");
    const signature = sign(k, [1, 2, 3], message);
    const publicKey = nodePublicKey(k.key.groupPublicKey);
    expect(nodeVerify(null, message, publicKey, signature)).toBe(true);
    expect(nodeVerify(null, new TextEncoder().encode("something else"), publicKey, signature)).toBe(
      false,
    );
    expect(verifyEd25519(signature, message, k.key.groupPublicKey)).toBe(true);

    // A compact JWS signed by the distributed key, verified by jose with the JWK of the group key.
    const b64 = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
    const signingInput = `${b64(JSON.stringify({ alg: "EdDSA", typ: "JWT" }))}.${b64(JSON.stringify({ sub: "ci-job", iat: 1 }))}`;
    const jwsSignature = sign(k, [3, 1, 2], new TextEncoder().encode(signingInput));
    const jwk = { kty: "OKP", crv: "Ed25519", x: b64(k.key.groupPublicKey) };
    const { payload } = await compactVerify(
      `${signingInput}.${b64(jwsSignature)}`,
      await importJWK(jwk, "EdDSA"),
    );
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ sub: "ci-job", iat: 1 });
  });

  it("a nonce is single-use: signing twice with it is an error", () => {
    const k = runDkg("ed25519", 2, 2);
    const nonces = [1, 2].map((s) => signCommit(k.shares.get(s) as SlotShare));
    const commitments = nonces.map((n) => n.commitment);
    const share1 = k.shares.get(1) as SlotShare;
    const nonce1 = nonces[0] as (typeof nonces)[number];
    signShare(share1, k.key, nonce1, commitments, new Uint8Array([1]));
    expect(nonce1.used).toBe(true);
    expect(() => signShare(share1, k.key, nonce1, commitments, new Uint8Array([2]))).toThrow(
      NonceReuseError,
    );
    // A discarded nonce cannot be used either.
    const late = signCommit(share1);
    late.discard();
    expect(() =>
      signShare(
        share1,
        k.key,
        late,
        [late.commitment, commitments[1] as NonceCommitment],
        new Uint8Array([3]),
      ),
    ).toThrow(NonceReuseError);
  });

  it("a bad signature share is reported by slot, and nothing is aggregated", () => {
    const k = runDkg("ed25519", 3, 2);
    const message = new Uint8Array([42]);
    const { commitments, shares } = signingRound(k, [1, 3], message);
    const bad = shares.map((s) =>
      s.slot === 3 ? { ...s, share: shares[0]?.share as Uint8Array } : s,
    );
    expect(slotError(() => aggregateSignature(k.key, commitments, message, bad)).slot).toBe(3);
    expect(() => aggregateSignature(k.key, commitments, message, shares.slice(0, 1))).toThrow(
      /missing signature share from slot 3/,
    );
    expect(() =>
      aggregateSignature(k.key, commitments.slice(0, 1), message, shares.slice(0, 1)),
    ).toThrow(/1 signers, the key needs 2/);
  });

  it("every share is checked, not only their sum: two wrong shares that cancel out are refused", () => {
    // Shares are checked together (one random linear combination) before they are combined: a
    // pair z1 + δ, z2 − δ still sums to a valid signature, so only a check of each share
    // (which the random weights make of the combined one) catches it.
    const k = runDkg("ed25519", 3, 3);
    const message = new Uint8Array([7, 7]);
    const { commitments, shares } = signingRound(k, [1, 2, 3], message);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const le = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).reverse().toString("hex")}`);
    const toLe = (n: bigint) =>
      new Uint8Array(Buffer.from(n.toString(16).padStart(64, "0"), "hex").reverse());
    const delta = 12345n;
    const offset = shares.map((s) =>
      s.slot === 1
        ? { ...s, share: toLe((le(s.share) + delta) % L) }
        : s.slot === 2
          ? { ...s, share: toLe((le(s.share) - delta + L) % L) }
          : s,
    );
    // The sum is untouched: what the shares would aggregate to is a valid signature…
    const sum = (list: typeof shares) => list.reduce((a, s) => (a + le(s.share)) % L, 0n);
    expect(sum(offset)).toBe(sum(shares));
    // …and still nothing is aggregated: the first bad share is named.
    expect(slotError(() => aggregateSignature(k.key, commitments, message, offset)).slot).toBe(1);
    // A share that is not a canonical scalar is refused, naming its slot.
    const big = shares.map((s) => (s.slot === 2 ? { ...s, share: toLe(L + le(s.share)) } : s));
    expect(slotError(() => aggregateSignature(k.key, commitments, message, big)).slot).toBe(2);
    expect(aggregateSignature(k.key, commitments, message, shares)).toHaveLength(64);
  });

  it("a malformed nonce commitment is blamed on the slot that sent it, before any nonce is used", () => {
    const k = runDkg("ed25519", 3, 3);
    const nonces = [1, 2, 3].map((s) => signCommit(k.shares.get(s) as SlotShare));
    const torsion = unhex(ED25519_TORSION_SUBGROUP[1] as string);
    const commitments = nonces.map((n) =>
      n.slot === 3 ? { ...n.commitment, binding: torsion } : n.commitment,
    );
    const n1 = nonces[0] as (typeof nonces)[number];
    expect(
      slotError(() =>
        signShare(k.shares.get(1) as SlotShare, k.key, n1, commitments, new Uint8Array([1])),
      ).slot,
    ).toBe(3);
    expect(n1.used).toBe(false);
    expect(
      slotError(() => aggregateSignature(k.key, commitments, new Uint8Array([1]), [])).slot,
    ).toBe(3);
  });

  it("verification is strict: a small-order public key verifies nothing", () => {
    const identity = unhex(ED25519_TORSION_SUBGROUP[0] as string);
    const forged = new Uint8Array(64);
    forged.set(identity, 0); // R = identity, S = 0
    expect(verifyEd25519(forged, new TextEncoder().encode("anything"), identity)).toBe(false);
  });

  it("refuses a commitment list that does not carry the signer's own commitment", () => {
    const k = runDkg("ed25519", 2, 2);
    const [n1, n2] = [1, 2].map((s) => signCommit(k.shares.get(s) as SlotShare)) as [
      ReturnType<typeof signCommit>,
      ReturnType<typeof signCommit>,
    ];
    const other = signCommit(k.shares.get(1) as SlotShare);
    expect(() =>
      signShare(
        k.shares.get(1) as SlotShare,
        k.key,
        n1,
        [other.commitment, n2.commitment],
        new Uint8Array([1]),
      ),
    ).toThrow(/own commitment is missing or altered/);
    // The refusal did not burn the nonce.
    expect(n1.used).toBe(false);
  });

  it("a preprocessed nonce, exported and restored, signs once with the same commitment", () => {
    const k = runDkg("ed25519", 3, 3);
    const message = new TextEncoder().encode("signed in one round");
    const nonces = [1, 2, 3].map((s) => signCommit(k.shares.get(s) as SlotShare));
    const stored = nonces.map(exportSigningNonce);
    // What a fragment manager does between round one and its restart: keep only the bytes.
    for (const n of nonces) n.discard();
    const restored = stored.map((bytes, i) => restoreSigningNonce(i + 1, bytes));
    const commitments = restored.map((n) => n.commitment);
    expect(commitments).toEqual(nonces.map((n) => n.commitment));
    const shares = restored.map((n) =>
      signShare(k.shares.get(n.slot) as SlotShare, k.key, n, commitments, message),
    );
    const signature = aggregateSignature(k.key, commitments, message, shares);
    expect(nodeVerify(null, message, nodePublicKey(k.key.groupPublicKey), signature)).toBe(true);
    expect(() => exportSigningNonce(restored[0] as (typeof restored)[number])).toThrow(
      NonceReuseError,
    );
  });

  it("refuses to restore a stored nonce that is not two non-zero scalars", () => {
    expect(() => restoreSigningNonce(1, new Uint8Array(63))).toThrow(/64 bytes/);
    expect(() => restoreSigningNonce(1, new Uint8Array(64))).toThrow(/zero/);
    expect(() => restoreSigningNonce(1, new Uint8Array(64).fill(0xff))).toThrow(/not a scalar/);
  });
});
