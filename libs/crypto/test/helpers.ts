import { ed25519_FROST, ristretto255_FROST, ristretto255_oprf } from "@noble/curves/ed25519.js";
import {
  aggregateSignature,
  type DkgResult,
  type DkgSession,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  generateIdentityKeyPair,
  type IdentityKeyPair,
  type KeyPublic,
  keyPublicDigest,
  type NonceCommitment,
  type RefreshSession,
  refreshDeal,
  refreshFinish,
  type SignatureShare,
  SlotContributionError,
  type SlotShare,
  signCommit,
  signShare,
} from "../src/index.js";
import { toFrostSecret } from "../src/key-public.js";

/** A key as the cluster would hold it after a real DKG: every slot's identity and share. */
export interface TestKey {
  readonly session: DkgSession;
  readonly identities: Map<number, IdentityKeyPair>;
  key: KeyPublic;
  shares: Map<number, SlotShare>;
}

/** Runs a complete DKG among `slots` (default 1..n), relaying messages as a coordinator would. */
export function runDkg(
  suite: "ristretto255" | "ed25519",
  n: number,
  t: number,
  slots: number[] = Array.from({ length: n }, (_, i) => i + 1),
): TestKey {
  const identities = new Map(slots.map((s) => [s, generateIdentityKeyPair()] as const));
  const session: DkgSession = {
    sessionId: `test-${suite}-${n}-${t}-${Math.random()}`,
    suite,
    threshold: t,
    participants: slots.map((slot) => ({
      slot,
      identityPublicKey: (identities.get(slot) as IdentityKeyPair).publicKey,
    })),
  };
  const round1 = slots.map((slot) =>
    dkgRound1(session, slot, identities.get(slot) as IdentityKeyPair),
  );
  const broadcast = round1.map((r) => r.message);
  const packages = round1.flatMap((r) => dkgRound2(r.state, broadcast));
  const results: DkgResult[] = round1.map((r) =>
    dkgFinish(
      r.state,
      packages.filter((p) => p.to === r.state.slot),
    ),
  );
  const first = results[0] as DkgResult;
  for (const r of results) {
    if (hex(keyPublicDigest(r.key)) !== hex(keyPublicDigest(first.key))) {
      throw new Error("participants disagree on the key's public data");
    }
  }
  return {
    session,
    identities,
    key: first.key,
    shares: new Map(results.map((r) => [r.share.slot, r.share])),
  };
}

/** Runs one full refresh of `k` in place (every slot deals and finishes). */
export function runRefresh(k: TestKey): void {
  const session: RefreshSession = {
    sessionId: `refresh-${k.key.epoch}-${Math.random()}`,
    key: k.key,
    participants: k.session.participants,
  };
  const dealt = [...k.shares.values()].map((share) =>
    refreshDeal(session, share, k.identities.get(share.slot) as IdentityKeyPair),
  );
  const dealings = dealt.map((d) => d.dealing);
  const results = dealt.map((d) => refreshFinish(d.state, dealings));
  const digests = new Set(results.map((r) => hex(keyPublicDigest(r.key))));
  if (digests.size !== 1) throw new Error("participants disagree on the refreshed public data");
  k.key = (results[0] as (typeof results)[number]).key;
  k.shares = new Map(results.map((r) => [r.share.slot, r.share]));
}

/**
 * Test-only reconstruction of the group secret from `threshold` shares, to compare our
 * distributed results with noble's single-key reference implementations.
 */
export function groupSecret(k: TestKey): Uint8Array {
  const frost = k.key.suite === "ed25519" ? ed25519_FROST : ristretto255_FROST;
  const shares = [...k.shares.values()].slice(0, k.key.threshold).map(toFrostSecret);
  return frost.combineSecret(shares, { min: k.key.threshold, max: k.key.slots.length });
}

/**
 * The reference: noble's single-key RFC 9497 VOPRF run end to end (blind, evaluate with proof,
 * verify and finalize) with the group secret and group public key of `k`.
 */
export function singleKeyVoprf(k: TestKey, input: Uint8Array): string {
  const { voprf } = ristretto255_oprf;
  const { blind, blinded } = voprf.blind(input);
  const { evaluated, proof } = voprf.blindEvaluate(groupSecret(k), k.key.groupPublicKey, blinded);
  return hex(voprf.finalize(input, blind, evaluated, blinded, k.key.groupPublicKey, proof));
}

/** An rng for noble that returns the given byte strings in order, then fails. */
export function scriptedRng(
  ...chunks: Uint8Array<ArrayBuffer>[]
): (n?: number) => Uint8Array<ArrayBuffer> {
  const queue = [...chunks];
  return (n?: number) => {
    const next = queue.shift();
    if (!next || (n !== undefined && next.length !== n)) {
      throw new Error(`scripted rng: unexpected request for ${n} bytes`);
    }
    return next;
  };
}

/**
 * noble's OPRF scalar sampler maps 48 rng bytes x to (x mod (ℓ−1)) + 1; these bytes make it
 * return exactly the scalar `k` (little-endian hex), so RFC 9497 vectors can be replayed.
 */
export function oprfScalarRng(scalarHex: string): Uint8Array<ArrayBuffer> {
  const k = BigInt(`0x${Buffer.from(scalarHex, "hex").reverse().toString("hex")}`);
  const out = new Uint8Array(48);
  let v = k - 1n;
  for (let i = 0; i < 48; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Picks `size` distinct elements of `items`, driven by a fast-check-provided seed list. */
export function pick<T>(items: readonly T[], size: number, seeds: readonly number[]): T[] {
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < size; i++) {
    const idx = (seeds[i] ?? 0) % pool.length;
    out.push(pool.splice(idx, 1)[0] as T);
  }
  return out;
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
export const unhex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));

/** Runs `fn` and returns the SlotContributionError it throws (fails the test otherwise). */
export function slotError(fn: () => unknown): SlotContributionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SlotContributionError) return e;
    throw e;
  }
  throw new Error("expected a SlotContributionError");
}

/** Both FROST rounds for `slots`, as fragment managers would run them. */
export function signingRound(
  k: TestKey,
  slots: readonly number[],
  message: Uint8Array,
): { commitments: NonceCommitment[]; shares: SignatureShare[] } {
  const nonces = slots.map((s) => signCommit(k.shares.get(s) as SlotShare));
  const commitments = nonces.map((n) => n.commitment);
  const shares = nonces.map((nonce) =>
    signShare(k.shares.get(nonce.slot) as SlotShare, k.key, nonce, commitments, message),
  );
  return { commitments, shares };
}

/** Signs `message` with `slots`, as gateway and fragment managers would. */
export function sign(k: TestKey, slots: readonly number[], message: Uint8Array): Uint8Array {
  const { commitments, shares } = signingRound(k, slots, message);
  return aggregateSignature(k.key, commitments, message, shares);
}
