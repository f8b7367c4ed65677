/**
 * Verifies keyfrag tokens locally with the auth service's public keys (GetTokenKeys) and its
 * revocations (ListRevocations), both read over mTLS. NATS announcements are only hints to read
 * again: anyone who can publish on NATS could announce a key or a revocation, so neither is
 * ever taken from a message. Revocations are also re-listed periodically and after every NATS
 * reconnect, since an announcement can be lost.
 */
import { type NatsConnection, type Subscription, subjects } from "@keyfrag/bus";
import { type AuthClient, call, type Revocation__Output, UnauthenticatedError } from "@keyfrag/rpc";
import { decodeProtectedHeader, errors, importJWK, type JWK, jwtVerify } from "jose";
import {
  CLAIMS,
  MAX_TOKEN_LENGTH,
  type Revocation,
  TOKEN_ALGORITHM,
  TokenClaimsSchema,
  type TokenIdentity,
} from "./token-format.js";
import {
  type CachedVerification,
  createVerifiedTokenCache,
  DEFAULT_VERIFIED_TOKEN_CACHE_SIZE,
  isCacheableToken,
  tokenDigest,
} from "./verified-token-cache.js";

/** The result of a successful verification. */
export interface VerifiedToken {
  identity: TokenIdentity;
  jti: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface TokenVerifierOptions {
  /** A client of the auth service (`createAuthClient`). */
  auth: AuthClient;
  nc: NatsConnection;
  /** Cluster subject prefix (KF_CLUSTER). */
  cluster: string;
  /**
   * At most one key refetch per this period, whether a token names an unknown key or a key
   * announcement asks for it (default 5 s).
   */
  refetchCooldownMs?: number;
  /** Revocations are re-listed this often, in case an announcement was lost (default 10 s). */
  revocationRelistMs?: number;
  /** Deadline of calls to the auth service (default 5 s). */
  deadlineMs?: number;
  /**
   * Verified tokens remembered by digest, so a token presented again skips its signature check
   * (default 4,096; 0 remembers none). Expiry, key and revocations are re-checked on every use.
   */
  cacheMaxEntries?: number;
  /** Told about bad announcements and failed re-syncs; never about tokens. */
  onWarning?: (message: string, error?: unknown) => void;
}

export interface TokenVerifier {
  /**
   * Subscribes to announcements (once), then loads the keys and every page of revocations.
   * Resolves only once both are loaded; until then verify() refuses every token, and a failed
   * start may simply be called again. The periodic re-list and the re-sync after a NATS
   * reconnect run from the first call on, whether or not it succeeded.
   */
  start(): Promise<void>;
  /** The token's identity, or UnauthenticatedError saying why it is not acceptable. */
  verify(token: string): Promise<VerifiedToken>;
  /** Re-reads keys and revocations from the auth service. */
  resync(): Promise<void>;
  close(): Promise<void>;
}

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

/** Revocations asked for per ListRevocations page (the service's default). */
const REVOCATION_PAGE_SIZE = 1_000;

/** Creates a verifier; call `start()` before `verify()`. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const cooldownMs = options.refetchCooldownMs ?? 5_000;
  const deadlineMs = options.deadlineMs ?? 5_000;
  const relistMs = options.revocationRelistMs ?? 10_000;
  const warn = options.onWarning ?? (() => {});
  const keys = new Map<string, { key: VerifyKey; x: string; notAfterMs: number }>();
  const revokedJtis = new Map<string, number>();
  const revokedAccessIds = new Map<string, { issuedBeforeMs: number; expiresAtMs: number }>();
  const subscriptions: Subscription[] = [];
  const verifiedTokens = createVerifiedTokenCache<VerifiedToken>(
    options.cacheMaxEntries ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE,
  );
  let issuer = "";
  let audience = "";
  /** Keys and the whole revocation list have been loaded once: verify() may answer. */
  let ready = false;
  let subscribed = false;
  let starting: Promise<void> | undefined;
  let closed = false;
  let lastRefetch = 0;
  let refetching: Promise<void> | undefined;
  let keyRefetchTimer: NodeJS.Timeout | undefined;
  let relistTimer: NodeJS.Timeout | undefined;
  let relisting: Promise<void> | undefined;
  let relistAgain = false;

  async function addKey(jwk: JWK, notAfterMs: number): Promise<void> {
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.kid || typeof jwk.x !== "string") return;
    const known = keys.get(jwk.kid);
    // The same key listed again keeps its object: tokens verified with it stay cached.
    const key = known?.x === jwk.x ? known.key : await importJWK(jwk, TOKEN_ALGORITHM);
    keys.set(jwk.kid, { key, x: jwk.x, notAfterMs });
  }

  async function loadKeys(): Promise<void> {
    const res = await call(options.auth, "GetTokenKeys", {}, { deadlineMs });
    issuer = res.issuer;
    audience = res.audience;
    const jwks = JSON.parse(res.jwks) as { keys?: (JWK & { kf_not_after_ms?: number })[] };
    // Merge, never replace: a key announced after this snapshot was taken may be missing from
    // it. Keys leave only when their notAfter passes (prune).
    for (const jwk of jwks.keys ?? []) {
      await addKey(jwk, jwk.kf_not_after_ms ?? Number.MAX_SAFE_INTEGER);
    }
  }

  function addRevocation(rev: Revocation): void {
    if ("jti" in rev) {
      revokedJtis.set(rev.jti, Math.max(rev.expiresAtMs, revokedJtis.get(rev.jti) ?? 0));
    } else {
      const prev = revokedAccessIds.get(rev.accessId);
      revokedAccessIds.set(rev.accessId, {
        issuedBeforeMs: Math.max(rev.issuedBeforeMs, prev?.issuedBeforeMs ?? 0),
        expiresAtMs: Math.max(rev.expiresAtMs, prev?.expiresAtMs ?? 0),
      });
    }
  }

  /** Reads every page; merges as it goes (a revocation is never dropped, only expired). */
  async function loadRevocations(): Promise<void> {
    let pageToken = "";
    do {
      const res = await call(
        options.auth,
        "ListRevocations",
        { page_size: REVOCATION_PAGE_SIZE, page_token: pageToken },
        { deadlineMs },
      );
      addRevocations(res.revocations);
      pageToken = res.next_page_token;
    } while (pageToken);
  }

  function addRevocations(listed: Revocation__Output[]): void {
    for (const r of listed) {
      addRevocation(
        r.jti
          ? { jti: r.jti, expiresAtMs: Number(r.expires_at_ms) }
          : {
              accessId: r.access_id,
              issuedBeforeMs: Number(r.issued_before_ms),
              expiresAtMs: Number(r.expires_at_ms),
            },
      );
    }
  }

  /** Subscriptions, the periodic re-list and the reconnect watch: set up once, never twice. */
  function subscribe(): void {
    if (subscribed) return;
    const names = subjects(options.cluster);
    // The messages' content is never used: only what the auth service answers over mTLS.
    try {
      subscriptions.push(
        options.nc.subscribe(names.authKeys, {
          callback: (err) => {
            if (err) return warn("key announcement subscription failed", err);
            keyAnnounced();
          },
        }),
      );
      subscriptions.push(
        options.nc.subscribe(names.authRevocations, {
          callback: (err) => {
            if (err) return warn("revocation subscription failed", err);
            void relistRevocations();
          },
        }),
      );
    } catch (err) {
      // Nothing half-made stays behind: the next start subscribes afresh.
      for (const sub of subscriptions.splice(0)) sub.unsubscribe();
      throw err;
    }
    subscribed = true;
    relistTimer = setInterval(() => void relistRevocations(), relistMs);
    relistTimer.unref();
    void watchStatus();
  }

  async function firstSync(): Promise<void> {
    subscribe();
    // Subscribe first, then list: nothing announced in between is missed.
    await options.nc.flush();
    await resync();
    if (!closed) ready = true;
  }

  async function resync(): Promise<void> {
    await Promise.all([loadKeys(), loadRevocations()]);
  }

  /** One refetch at a time, and none within the cooldown of the previous one. */
  function refetchKeys(): Promise<void> {
    if (refetching) return refetching;
    if (closed || Date.now() - lastRefetch < cooldownMs) return Promise.resolve();
    lastRefetch = Date.now();
    refetching = loadKeys()
      .catch((err: unknown) => {
        // A failed fetch learned nothing: it must not hold off the next one for a cooldown
        // (a key announced by an auth replica that is not serving yet fails like this).
        lastRefetch = 0;
        warn("token key refetch failed", err);
      })
      .finally(() => {
        refetching = undefined;
      });
    return refetching;
  }

  /**
   * A key was announced: refetch now, or once the cooldown has passed. Announcements arriving
   * meanwhile share that one refetch, so a flood of them costs one GetTokenKeys per cooldown.
   */
  function keyAnnounced(): void {
    if (keyRefetchTimer || closed) return;
    const wait = refetching ? cooldownMs : Math.max(0, lastRefetch + cooldownMs - Date.now());
    keyRefetchTimer = setTimeout(() => {
      keyRefetchTimer = undefined;
      void refetchKeys();
    }, wait);
    keyRefetchTimer.unref();
  }

  /**
   * Re-lists revocations now; a request made while a listing is in flight runs once more after
   * it (that listing may have been read before the announced revocation was stored).
   */
  function relistRevocations(): Promise<void> {
    if (closed) return Promise.resolve();
    if (relisting) {
      relistAgain = true;
      return relisting;
    }
    relisting = loadRevocations()
      .catch((err: unknown) => warn("revocation re-list failed", err))
      .finally(() => {
        relisting = undefined;
        if (relistAgain) {
          relistAgain = false;
          void relistRevocations();
        }
      });
    return relisting;
  }

  async function watchStatus(): Promise<void> {
    for await (const status of options.nc.status()) {
      if (closed) return;
      if (status.type === "reconnect") {
        await resync().catch((err: unknown) => warn("re-sync after NATS reconnect failed", err));
      }
    }
  }

  function isRevoked(
    token: Pick<VerifiedToken, "jti" | "issuedAtMs">,
    accessId: string,
    now: number,
  ): boolean {
    const jtiUntil = revokedJtis.get(token.jti);
    if (jtiUntil !== undefined && jtiUntil >= now) return true;
    const byAccess = revokedAccessIds.get(accessId);
    return (
      byAccess !== undefined &&
      byAccess.expiresAtMs >= now &&
      token.issuedAtMs <= byAccess.issuedBeforeMs
    );
  }

  /**
   * A remembered verification still holds only while the token has not expired, its key is the
   * one it was verified with and within its notAfter, and issuer and audience are unchanged.
   */
  function stillValid(entry: CachedVerification<VerifiedToken>, now: number): boolean {
    const key = keys.get(entry.kid);
    return (
      now < entry.expiresAtMs &&
      key !== undefined &&
      key.key === entry.key &&
      key.notAfterMs >= now &&
      entry.issuer === issuer &&
      entry.audience === audience
    );
  }

  let lastPrune = 0;
  /** Forgets expired revocations and keys, at most once a second. */
  function prune(now: number): void {
    if (now - lastPrune < 1_000) return;
    lastPrune = now;
    for (const [jti, until] of revokedJtis) if (until < now) revokedJtis.delete(jti);
    for (const [id, r] of revokedAccessIds) if (r.expiresAtMs < now) revokedAccessIds.delete(id);
    for (const [kid, k] of keys) {
      if (k.notAfterMs >= now) continue;
      keys.delete(kid);
      verifiedTokens.dropKey(kid);
    }
  }

  return {
    async start() {
      if (ready) return;
      if (closed) throw new Error("token verifier closed");
      // Concurrent calls share one attempt; a failed attempt leaves the next call to retry.
      starting ??= firstSync().finally(() => {
        starting = undefined;
      });
      return starting;
    },

    async verify(token) {
      // Without the whole revocation list, a revoked token would pass: refuse (UNAVAILABLE).
      if (!ready) throw new Error("token verifier not started");
      if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw new UnauthenticatedError("malformed token");
      }
      const now = Date.now();
      prune(now);
      // Synchronous from here to the answer: the revocations checked are those known now.
      const digest = tokenDigest(token);
      const cached = verifiedTokens.get(digest);
      if (cached) {
        if (stillValid(cached, now)) {
          const { verified } = cached;
          if (isRevoked(verified, verified.identity.accessId, now)) {
            throw new UnauthenticatedError("token revoked");
          }
          return verified;
        }
        // Expired, or its key changed or went: verified afresh below, for the usual reason.
        verifiedTokens.delete(digest);
      }
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw new UnauthenticatedError("malformed token");
      }
      if (header.alg !== TOKEN_ALGORITHM) {
        // Never echo the header: it is the caller's text, up to MAX_TOKEN_LENGTH of it.
        throw new UnauthenticatedError("token algorithm not accepted");
      }
      if (typeof header.kid !== "string" || header.kid.length === 0) {
        throw new UnauthenticatedError("token names no signing key");
      }
      let entry = keys.get(header.kid);
      if (!entry) {
        await refetchKeys();
        entry = keys.get(header.kid);
      }
      if (!entry) throw new UnauthenticatedError("token signed by an unknown key");
      const required = { issuer, audience };
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, entry.key, {
          ...required,
          algorithms: [TOKEN_ALGORITHM],
          requiredClaims: ["exp", "iat", "jti", "sub"],
        }));
      } catch (err) {
        throw new UnauthenticatedError(describeJoseError(err), { cause: err });
      }
      const parsed = TokenClaimsSchema.safeParse(payload);
      if (!parsed.success) throw new UnauthenticatedError("malformed token claims");
      const claims = parsed.data;
      const verified = freezeVerified({
        identity: {
          accessId: claims.sub,
          authMethod: claims[CLAIMS.authMethod],
          authType: claims[CLAIMS.authType],
          subClaims: claims[CLAIMS.subClaims],
          ...(claims.kf_uid ? { uniqueId: claims.kf_uid } : {}),
        },
        jti: claims.jti,
        issuedAtMs: claims[CLAIMS.issuedAtMs],
        expiresAtMs: claims.exp * 1000,
      });
      if (isRevoked(verified, claims.sub, now)) throw new UnauthenticatedError("token revoked");
      // Not once closed: a verifier that stopped listening would keep answering from memory.
      if (!closed && isCacheableToken(token)) {
        verifiedTokens.set(digest, {
          verified,
          kid: header.kid,
          key: entry.key,
          ...required,
          expiresAtMs: verified.expiresAtMs,
        });
      }
      return verified;
    },

    resync,

    async close() {
      closed = true;
      ready = false;
      verifiedTokens.clear();
      clearInterval(relistTimer);
      clearTimeout(keyRefetchTimer);
      for (const s of subscriptions.splice(0)) s.unsubscribe();
    },
  };
}

/** Freezes a verification to the leaves: every caller that presents the token shares it. */
function freezeVerified(verified: VerifiedToken): VerifiedToken {
  for (const values of Object.values(verified.identity.subClaims)) Object.freeze(values);
  Object.freeze(verified.identity.subClaims);
  Object.freeze(verified.identity);
  return Object.freeze(verified);
}

/** Claims jose may name in a validation failure, for a reason that names one of them only. */
const CHECKED_CLAIMS = new Set(["exp", "iat", "jti", "sub", "typ"]);

/** A caller-safe reason for a JWT verification failure: one of a fixed set of short strings. */
export function describeJoseError(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "token expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "token audience mismatch";
    if (err.claim === "iss") return "token issuer mismatch";
    if (err.claim === "nbf") return "token not yet valid";
    return CHECKED_CLAIMS.has(err.claim)
      ? `token claim ${err.claim} invalid`
      : "token claims invalid";
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return "token signature invalid";
  if (err instanceof errors.JOSEAlgNotAllowed) return "token algorithm not accepted";
  if (err instanceof errors.JWKSNoMatchingKey) return "token signed by an unknown key";
  if (err instanceof errors.JWKSMultipleMatchingKeys) return "token names no unique signing key";
  return "malformed token";
}
