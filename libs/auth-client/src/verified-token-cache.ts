/**
 * Tokens a verifier has already verified, so that a token presented again costs a SHA-256 and
 * a few map lookups instead of an Ed25519 verification. Only successes are kept, keyed by the
 * digest of the whole token (header, payload and signature: a token whose signature was changed
 * is another key and is verified afresh). The token itself is never stored.
 *
 * An entry answers nothing by itself: the verifier re-checks expiry, its signing key and the
 * revocations it knows of on every hit, so a revocation learned applies from the next call.
 */
import { hash } from "node:crypto";

/** What the verifier needs to re-check a cached token on a hit. */
export interface CachedVerification<V> {
  /** The verification result handed to callers (frozen: it is shared by every hit). */
  verified: V;
  /** `kid` of the key that signed it: the entry dies with the key. */
  kid: string;
  /** The key object it was verified with (a kid reloaded with other key material misses). */
  key: unknown;
  /** `iss`/`aud` the verifier required then (an auth service that changes them misses). */
  issuer: string;
  audience: string;
  /** The token is valid strictly before this instant (its `exp`, in milliseconds). */
  expiresAtMs: number;
}

export interface VerifiedTokenCache<V> {
  /** The entry for this token digest (`tokenDigest`), most recently used from now on. */
  get(digest: string): CachedVerification<V> | undefined;
  /** Remembers a verification, evicting the least recently used entry beyond the bound. */
  set(digest: string, entry: CachedVerification<V>): void;
  /** Forgets one token (it expired, was revoked or its key went). */
  delete(digest: string): void;
  /** Forgets every token signed by this key. */
  dropKey(kid: string): void;
  clear(): void;
  readonly size: number;
}

/** Entries a verifier keeps by default. */
export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 4_096;

/**
 * SHA-256 of the whole token's UTF-8, as a map key. UTF-8 maps distinct strings with lone
 * surrogates to the same bytes: only tokens of the compact JWS alphabet (`isCacheableToken`) are
 * stored, and no string outside it has the UTF-8 of one inside it.
 */
export function tokenDigest(token: string): string {
  return hash("sha256", token, "base64url");
}

/** A compact JWS in its base64url alphabet: the only tokens whose verification is stored. */
export function isCacheableToken(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/** A least-recently-used cache of at most `maxEntries` verifications (0 keeps none). */
export function createVerifiedTokenCache<V>(maxEntries: number): VerifiedTokenCache<V> {
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError("maxEntries must be a non-negative integer");
  }
  // A Map iterates in insertion order: re-inserting on use keeps the oldest first.
  const entries = new Map<string, CachedVerification<V>>();
  return {
    get(digest) {
      if (maxEntries === 0) return undefined;
      const entry = entries.get(digest);
      if (entry) {
        entries.delete(digest);
        entries.set(digest, entry);
      }
      return entry;
    },
    set(digest, entry) {
      if (maxEntries === 0) return;
      entries.delete(digest);
      entries.set(digest, entry);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    delete(digest) {
      entries.delete(digest);
    },
    dropKey(kid) {
      for (const [digest, entry] of entries) if (entry.kid === kid) entries.delete(digest);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
