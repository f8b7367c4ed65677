/** keyfrag tokens: issuing them, telling our own from others, and revoking them. */
import { randomUUID } from "node:crypto";
import {
  CLAIMS,
  describeJoseError,
  MAX_TOKEN_LENGTH,
  type SubClaims,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  type TokenClaims,
  TokenClaimsSchema,
} from "@keyfrag/auth-client";
import { InternalError, InvalidArgumentError } from "@keyfrag/rpc";
import { createLocalJWKSet, errors, type JSONWebKeySet, jwtVerify, SignJWT } from "jose";
import type { StoredMethod } from "../methods/method-types.js";
import type { Clock } from "./clock.js";
import type { Revocations } from "./revocations.js";
import type { SigningKeys } from "./signing-keys.js";

export interface TokenSettings {
  issuer: string;
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
}

export interface IssuedToken {
  token: string;
  jti: string;
  expiresAtMs: number;
}

export interface TokenService {
  /**
   * Signs a token for a successful login with `method`; `uniqueId` is the JWT method's
   * unique-identifier claim value. The caller bounds the sub-claims (login-claims.ts).
   */
  issue(method: StoredMethod, subClaims: SubClaims, uniqueId?: string): Promise<IssuedToken>;
  /**
   * Revokes one token; a token that already expired is a no-op (returns undefined). Refused
   * (ResourceExhaustedError) when its identity already has the most revocations in force.
   */
  revokeToken(token: string): Promise<TokenClaims | undefined>;
  /** Revokes every token issued to `accessId` until now. */
  revokeAccessId(accessId: string): Promise<void>;
  /** The JWKS document, issuer and audience verifiers need. */
  tokenKeys(): Promise<{ jwks: string; issuer: string; audience: string }>;
}

/** The token service over a signing-key ring and a revocation list. */
export function createTokenService(deps: {
  keys: SigningKeys;
  revocations: Revocations;
  settings: TokenSettings;
  /** The clock shared by all replicas (redisClock): issue and revocation times compare. */
  clock: Clock;
}): TokenService {
  const { settings } = deps;
  const maxTtlMs = settings.maxTtlSeconds * 1000;

  return {
    async issue(method, subClaims, uniqueId) {
      const key = deps.keys.current();
      const now = await deps.clock();
      const ttl = Math.min(
        method.tokenTtlSeconds || settings.defaultTtlSeconds,
        settings.maxTtlSeconds,
      );
      // Never outlive the signing key's advertised lifetime.
      const exp = Math.floor(Math.min(now + ttl * 1000, key.notAfterMs) / 1000);
      const jti = randomUUID();
      const token = await new SignJWT({
        [CLAIMS.authMethod]: method.name,
        [CLAIMS.authType]: method.type,
        [CLAIMS.subClaims]: subClaims,
        [CLAIMS.issuedAtMs]: now,
        ...(uniqueId ? { [CLAIMS.uniqueId]: uniqueId } : {}),
      })
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: "JWT" })
        .setIssuer(settings.issuer)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(method.accessId)
        .setJti(jti)
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(exp)
        .sign(key.privateKey);
      // Unreachable with bounded sub-claims; a token no verifier would take must not go out.
      if (token.length > MAX_TOKEN_LENGTH) throw new InternalError("token too large");
      return { token, jti, expiresAtMs: exp * 1000 };
    },

    async revokeToken(token) {
      if (!token || token.length > MAX_TOKEN_LENGTH) {
        throw new InvalidArgumentError("token is not a keyfrag token");
      }
      const jwks = createLocalJWKSet((await deps.keys.jwks()) as unknown as JSONWebKeySet);
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer: settings.issuer,
          audience: TOKEN_AUDIENCE,
          algorithms: [TOKEN_ALGORITHM],
        }));
      } catch (err) {
        // jose checks the signature before the claims: an expired token here is ours.
        if (err instanceof errors.JWTExpired) return undefined;
        throw new InvalidArgumentError(`token is not a keyfrag token: ${describeJoseError(err)}`);
      }
      const claims = TokenClaimsSchema.safeParse(payload);
      if (!claims.success) throw new InvalidArgumentError("token is not a keyfrag token");
      await deps.revocations.add({
        jti: claims.data.jti,
        expiresAtMs: claims.data.exp * 1000,
        accessId: claims.data.sub,
        issuedAtMs: claims.data.kf_iat_ms,
        uniqueId: claims.data.kf_uid,
        subClaims: claims.data.kf_sc,
      });
      return claims.data;
    },

    async revokeAccessId(accessId) {
      const now = await deps.clock();
      await deps.revocations.add({ accessId, issuedBeforeMs: now, expiresAtMs: now + maxTtlMs });
    },

    async tokenKeys() {
      return {
        jwks: JSON.stringify(await deps.keys.jwks()),
        issuer: settings.issuer,
        audience: TOKEN_AUDIENCE,
      };
    },
  };
}
