/**
 * The keyfrag token format, shared by the auth service (which signs tokens) and every verifier:
 * claim names, issuer/audience defaults, and the NATS messages that keep verifiers current.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

/** Default `iss` of keyfrag tokens (the auth service's KF_TOKEN_ISSUER). */
export const DEFAULT_TOKEN_ISSUER = "keyfrag";
/** `aud` of every keyfrag token. */
export const TOKEN_AUDIENCE = "keyfrag";
/** The only signature algorithm keyfrag tokens use (Ed25519). */
export const TOKEN_ALGORITHM = "EdDSA";

/** The kinds of auth method, as carried in `kf_at` and `Identity.auth_type`. */
export const AUTH_TYPES = ["access-key", "jwt", "kubernetes", "certificate"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** Names of keyfrag's own claims. */
export const CLAIMS = {
  /** Auth method name. */
  authMethod: "kf_am",
  /** Auth method type (AuthType). */
  authType: "kf_at",
  /** Sub-claims the method vouched for: Record<string, string[]>. */
  subClaims: "kf_sc",
  /**
   * Issue time in milliseconds: `iat` has one-second resolution, too coarse to tell a token
   * issued just after an access-id revocation from one issued just before it.
   */
  issuedAtMs: "kf_iat_ms",
  /** The value of a JWT method's unique-identifier claim (absent for other method types). */
  uniqueId: "kf_uid",
} as const;

/**
 * Bounds on the sub-claims of a token. The per-claim limits are those the policy service
 * enforces on identities, so a token auth issues is never one policy refuses; the total bound
 * keeps every token far below MAX_TOKEN_LENGTH.
 */
export const SUB_CLAIM_LIMITS = {
  maxClaims: 64,
  maxValuesPerClaim: 64,
  /** UTF-16 code units, as the policy service counts. */
  maxValueLength: 1_024,
  maxNameLength: 128,
  /** Bytes of the UTF-8 JSON of all sub-claims together. */
  maxTotalBytes: 8_192,
} as const;

/** Longest unique-identifier value a token carries (a longer one is refused at login). */
export const MAX_UNIQUE_ID_LENGTH = 1_024;

/**
 * Longest token a verifier accepts. Auth bounds what it signs (sub-claims by SUB_CLAIM_LIMITS,
 * kf_uid by MAX_UNIQUE_ID_LENGTH, names and issuer by their own limits) to well under this.
 */
export const MAX_TOKEN_LENGTH = 32_768;

/** Sub-claims: claim name → values. */
export const SubClaimsSchema = z.record(z.string(), z.array(z.string()));
export type SubClaims = z.infer<typeof SubClaimsSchema>;

/** The payload of a keyfrag token (signature, iss, aud and exp are checked by the JWT layer). */
export const TokenClaimsSchema = z.object({
  iss: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string().regex(/^p-[a-z0-9]{12,16}$/),
  jti: z.string().min(1),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  kf_am: z.string().min(1),
  kf_at: z.enum(AUTH_TYPES),
  kf_sc: SubClaimsSchema,
  kf_iat_ms: z.number().int().nonnegative(),
  kf_uid: z.string().min(1).max(MAX_UNIQUE_ID_LENGTH).optional(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

/** Who a verified token speaks for. */
export interface TokenIdentity {
  accessId: string;
  authMethod: string;
  authType: AuthType;
  subClaims: SubClaims;
  /** The JWT method's unique-identifier claim value (`kf_uid`), when the method has one. */
  uniqueId?: string;
}

/**
 * Which user of its access id a token speaks for: its unique id, else its sub-claims (a
 * certificate or JWT method's users differ in them), as 32 hex characters of a SHA-256 (bounded,
 * and no claim value in it). The auth service bounds revocations per user by it, the gateway
 * shares key operations fairly by it.
 */
export function tokenUserDigest(identity: Pick<TokenIdentity, "uniqueId" | "subClaims">): string {
  const described = identity.uniqueId
    ? ["uid", identity.uniqueId]
    : [
        "sc",
        Object.keys(identity.subClaims)
          .sort()
          .map((name) => [name, [...(identity.subClaims[name] ?? [])].sort()]),
      ];
  return createHash("sha256").update(JSON.stringify(described)).digest("hex").slice(0, 32);
}

/** A public token-signing key, as announced on `subjects(cluster).authKeys`. */
export const KeyAnnouncementSchema = z.object({
  kid: z.string().min(1),
  /** The public JWK (OKP/Ed25519). */
  jwk: z.record(z.string(), z.unknown()),
  /** No token signed by this key is valid after this instant. */
  notAfterMs: z.number().int(),
});
export type KeyAnnouncement = z.infer<typeof KeyAnnouncementSchema>;

/**
 * A revocation, as stored, listed and announced on `subjects(cluster).authRevocations`:
 * either one token (jti) or every token of an access id issued at or before `issuedBeforeMs`.
 */
export const RevocationSchema = z.union([
  z.object({ jti: z.string().min(1), expiresAtMs: z.number().int() }),
  z.object({
    accessId: z.string().min(1),
    issuedBeforeMs: z.number().int(),
    expiresAtMs: z.number().int(),
  }),
]);
export type Revocation = z.infer<typeof RevocationSchema>;
