/** Auth methods as stored in Redis (JSON), and their conversion to the proto message. */
import { AUTH_TYPES, type AuthType } from "@keyfrag/auth-client";
import type { AuthMethod } from "@keyfrag/rpc";
import { z } from "zod";

const Cidrs = z.array(z.string());

export const AccessKeyConfigSchema = z.object({ bound_cidrs: Cidrs });
export const JwtConfigSchema = z.object({
  issuer: z.string(),
  jwks_url: z.string(),
  public_keys: z.array(z.string()),
  audiences: z.array(z.string()),
  required_claims: z.record(z.string(), z.array(z.string())),
  unique_identifier: z.string(),
  bound_cidrs: Cidrs,
});
export const KubernetesConfigSchema = z.object({
  issuer: z.string(),
  jwks_url: z.string(),
  public_keys: z.array(z.string()),
  audiences: z.array(z.string()),
  bound_namespaces: z.array(z.string()),
  bound_service_accounts: z.array(z.string()),
  bound_cidrs: Cidrs,
  // Added with TokenReview: records made before have none (local check only, no age limit).
  token_review_url: z.string().default(""),
  token_review_ca: z.string().default(""),
  max_token_age_seconds: z.number().int().nonnegative().default(0),
});
export const CertificateConfigSchema = z.object({
  ca_certificates: z.string(),
  bound_common_names: z.array(z.string()),
  bound_cidrs: Cidrs,
});

/** scrypt parameters and output; the key itself is never stored. */
export const KeyHashSchema = z.object({
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
  hash: z.string(),
});
export type KeyHash = z.infer<typeof KeyHashSchema>;

/** One auth method record. */
export const StoredMethodSchema = z.object({
  name: z.string(),
  accessId: z.string(),
  description: z.string(),
  tokenTtlSeconds: z.number().int().nonnegative(),
  createdAtMs: z.number().int(),
  type: z.enum(AUTH_TYPES),
  accessKey: AccessKeyConfigSchema.optional(),
  jwt: JwtConfigSchema.optional(),
  kubernetes: KubernetesConfigSchema.optional(),
  certificate: CertificateConfigSchema.optional(),
  keyHash: KeyHashSchema.optional(),
});
export type StoredMethod = z.infer<typeof StoredMethodSchema>;
export type JwtConfig = z.infer<typeof JwtConfigSchema>;
export type KubernetesConfig = z.infer<typeof KubernetesConfigSchema>;
export type CertificateConfig = z.infer<typeof CertificateConfigSchema>;
export type AccessKeyConfig = z.infer<typeof AccessKeyConfigSchema>;

/** A method's bound CIDRs, whatever its type. */
export function boundCidrs(method: StoredMethod): string[] {
  return (
    method.accessKey?.bound_cidrs ??
    method.jwt?.bound_cidrs ??
    method.kubernetes?.bound_cidrs ??
    method.certificate?.bound_cidrs ??
    []
  );
}

const ONEOF: Record<AuthType, "access_key" | "jwt" | "kubernetes" | "certificate"> = {
  "access-key": "access_key",
  jwt: "jwt",
  kubernetes: "kubernetes",
  certificate: "certificate",
};

/** The proto `AuthMethod` of a stored method (never includes the key hash). */
export function methodToProto(m: StoredMethod): AuthMethod {
  const base: AuthMethod = {
    name: m.name,
    access_id: m.accessId,
    description: m.description,
    token_ttl_seconds: m.tokenTtlSeconds,
    created_at_ms: String(m.createdAtMs),
    method: ONEOF[m.type],
  };
  if (m.accessKey) base.access_key = m.accessKey;
  if (m.jwt) {
    base.jwt = {
      ...m.jwt,
      required_claims: Object.fromEntries(
        Object.entries(m.jwt.required_claims).map(([k, values]) => [k, { values }]),
      ),
    };
  }
  if (m.kubernetes) base.kubernetes = m.kubernetes;
  if (m.certificate) base.certificate = m.certificate;
  return base;
}
