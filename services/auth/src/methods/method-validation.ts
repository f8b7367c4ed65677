/** Validation of auth-method definitions: every mistake is an InvalidArgumentError naming the field. */
import { createPublicKey, type JsonWebKey, type KeyObject, X509Certificate } from "node:crypto";
import { BlockList, isIP } from "node:net";
import type { CreateAuthMethodRequest__Output } from "@keyfrag/rpc";
import { InvalidArgumentError, quote } from "@keyfrag/rpc";
import type { StoredMethod } from "./method-types.js";

/** Simple names (`ci`) or path-like names (`/team/ci`, `team/ci-2`), 1-200 characters. */
const NAME = /^\/?[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
/** `p-` + 12-16 lowercase alphanumerics. */
export const ACCESS_ID = /^p-[a-z0-9]{12,16}$/;
const CLAIM_NAME = /^[A-Za-z0-9_.:/-]{1,100}$/;
const MAX_LIST = 100;
const MAX_VALUE = 1_000;

/**
 * Whether `url` reaches one of the operator's API servers: same origin (scheme, host, port) as
 * an entry of `allowed` (the request path is always /apis/authentication.k8s.io/v1/tokenreviews).
 */
export function tokenReviewAllowed(url: string, allowed: readonly string[] = []): boolean {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  return allowed.some((entry) => {
    try {
      return new URL(entry).origin === origin;
    } catch {
      return false;
    }
  });
}

/** Throws unless `name` is a valid auth-method name. */
export function checkName(name: string, field = "name"): void {
  if (!name) throw new InvalidArgumentError(`${field} is required`);
  if (name.length > 200 || !NAME.test(name)) {
    throw new InvalidArgumentError(
      `${field} must be 1-200 characters: a name or a path of names of [A-Za-z0-9._-]`,
    );
  }
}

/** Throws unless `accessId` looks like an access id. */
export function checkAccessId(accessId: string, field = "access_id"): void {
  if (!ACCESS_ID.test(accessId)) {
    throw new InvalidArgumentError(`${field} must be p- followed by 12-16 of [a-z0-9]`);
  }
}

function checkList(values: string[], field: string, maxLength = MAX_VALUE): void {
  if (values.length > MAX_LIST) {
    throw new InvalidArgumentError(`${field} may hold at most ${MAX_LIST} entries`);
  }
  for (const v of values) {
    if (!v || v.length > maxLength) {
      throw new InvalidArgumentError(`${field} entries must be 1-${maxLength} characters`);
    }
  }
}

/** Parses CIDRs into a BlockList (throws InvalidArgumentError naming `field`). */
export function parseCidrs(cidrs: readonly string[], field = "bound_cidrs"): BlockList {
  const list = new BlockList();
  if (cidrs.length > MAX_LIST) {
    throw new InvalidArgumentError(`${field} may hold at most ${MAX_LIST} entries`);
  }
  for (const cidr of cidrs) {
    const [address = "", prefix, extra] = cidr.split("/");
    const family = isIP(address);
    const bits = Number(prefix);
    const max = family === 4 ? 32 : 128;
    if (
      extra !== undefined ||
      family === 0 ||
      !/^\d{1,3}$/.test(prefix ?? "") ||
      bits < 0 ||
      bits > max
    ) {
      throw new InvalidArgumentError(`${field}: ${quote(cidr)} is not a CIDR`);
    }
    list.addSubnet(address, bits, family === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

/** Whether `address` is inside `cidrs` (an empty list allows any address). */
export function addressAllowed(cidrs: readonly string[], address: string): boolean {
  if (cidrs.length === 0) return true;
  const family = isIP(address);
  if (family === 0) return false;
  return parseCidrs(cidrs).check(address, family === 4 ? "ipv4" : "ipv6");
}

const ASYMMETRIC = new Set(["rsa", "rsa-pss", "ec", "ed25519", "ed448"]);

/** JWK members that only a private or symmetric key has. */
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const KID = /^[\x21-\x7e]{1,200}$/;

/**
 * Parses inline verification keys, PEM (SPKI or certificate) or JWK JSON, asymmetric only, and
 * returns each as the text to store: the public key exported again (SPKI PEM, or a public JWK
 * keeping `kid`/`alg`), never the input. A private key is refused: createPublicKey would derive
 * the public half, but a private key given here is a leak to stop, not to store.
 */
export function parsePublicKeys(keys: readonly string[], field = "public_keys"): string[] {
  if (keys.length > MAX_LIST) {
    throw new InvalidArgumentError(`${field} may hold at most ${MAX_LIST} entries`);
  }
  return keys.map((text, i) => {
    const trimmed = text.trim();
    const isJwk = trimmed.startsWith("{");
    let given: Record<string, unknown> | undefined;
    if (isJwk) {
      try {
        given = JSON.parse(trimmed) as Record<string, unknown>;
      } catch {
        throw new InvalidArgumentError(`${field}[${i}] is not JSON`);
      }
      if (typeof given !== "object" || given === null || Array.isArray(given)) {
        throw new InvalidArgumentError(`${field}[${i}] is not a JWK`);
      }
      if (PRIVATE_JWK_MEMBERS.some((m) => Object.hasOwn(given as object, m))) {
        throw new InvalidArgumentError(
          `${field}[${i}] is a private or symmetric key; give the public key only`,
        );
      }
    } else if (/PRIVATE KEY/.test(trimmed)) {
      throw new InvalidArgumentError(`${field}[${i}] is a private key; give the public key only`);
    }
    let key: KeyObject;
    try {
      key = given
        ? createPublicKey({ key: given as JsonWebKey, format: "jwk" })
        : createPublicKey(trimmed);
    } catch {
      throw new InvalidArgumentError(`${field}[${i}] is neither a PEM public key nor a public JWK`);
    }
    if (key.type !== "public" || !ASYMMETRIC.has(key.asymmetricKeyType ?? "")) {
      throw new InvalidArgumentError(`${field}[${i}] must be an RSA, EC or EdDSA public key`);
    }
    if (!given) return key.export({ format: "pem", type: "spki" }).toString();
    const jwk: Record<string, unknown> = { ...key.export({ format: "jwk" }) };
    for (const member of ["kid", "alg"] as const) {
      const value = given[member];
      if (value === undefined) continue;
      if (typeof value !== "string" || !KID.test(value)) {
        throw new InvalidArgumentError(
          `${field}[${i}].${member} must be 1-200 printable characters`,
        );
      }
      jwk[member] = value;
    }
    return JSON.stringify(jwk);
  });
}

/** Splits a PEM bundle into its certificates (throws naming `field` if any does not parse). */
export function parseCertificates(pem: string, field: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new InvalidArgumentError(`${field} holds no PEM certificate`);
  if (blocks.length > MAX_LIST) {
    throw new InvalidArgumentError(`${field} may hold at most ${MAX_LIST} certificates`);
  }
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new InvalidArgumentError(`${field}: certificate ${i + 1} does not parse`);
    }
  });
}

/** Whether `hostname` (a URL's, IPv6 in brackets) is this machine. */
function isLoopback(hostname: string): boolean {
  if (hostname === "localhost" || hostname === "[::1]") return true;
  return isIP(hostname) === 4 && hostname.startsWith("127.");
}

/**
 * A JWKS URL must be https: over http anyone on the path could hand us keys that let them log
 * in. Plain http is allowed to loopback only, for development and tests.
 */
function checkUrl(url: string, field: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(`${field} is not a URL`);
  }
  if (url.length > MAX_VALUE) {
    throw new InvalidArgumentError(`${field} must be at most ${MAX_VALUE} characters`);
  }
  if (parsed.protocol === "https:") return;
  if (parsed.protocol === "http:" && isLoopback(parsed.hostname)) return;
  throw new InvalidArgumentError(
    `${field} must be an https URL (http only to localhost, 127.0.0.0/8 or ::1)`,
  );
}

/** Checks issuer, key source and audiences; returns the public keys to store. */
function checkIssuerAndKeys(
  m: { issuer: string; jwks_url: string; public_keys: string[]; audiences: string[] },
  type: string,
  keysOptional = false,
): string[] {
  if (!m.issuer || m.issuer.length > MAX_VALUE) {
    throw new InvalidArgumentError(`${type}.issuer is required (1-${MAX_VALUE} characters)`);
  }
  if (!m.jwks_url && m.public_keys.length === 0 && !keysOptional) {
    throw new InvalidArgumentError(
      type === "kubernetes"
        ? "kubernetes.jwks_url, kubernetes.public_keys or kubernetes.token_review_url is required"
        : `${type}.jwks_url or ${type}.public_keys is required`,
    );
  }
  if (m.jwks_url) checkUrl(m.jwks_url, `${type}.jwks_url`);
  const publicKeys = parsePublicKeys(m.public_keys, `${type}.public_keys`);
  if (m.audiences.length === 0) {
    throw new InvalidArgumentError(`${type}.audiences must name at least one audience`);
  }
  checkList(m.audiences, `${type}.audiences`);
  return publicKeys;
}

/** The method a create request describes, validated; access id, time and key hash come later. */
export function validateCreateRequest(
  req: CreateAuthMethodRequest__Output,
  maxTtlSeconds: number,
  tokenReviewUrls: readonly string[] = [],
): Omit<StoredMethod, "accessId" | "createdAtMs" | "keyHash"> {
  checkName(req.name);
  if (req.description.length > MAX_VALUE) {
    throw new InvalidArgumentError(`description must be at most ${MAX_VALUE} characters`);
  }
  if (req.token_ttl_seconds > maxTtlSeconds) {
    throw new InvalidArgumentError(`token_ttl_seconds must be at most ${maxTtlSeconds}`);
  }
  const base = {
    name: req.name,
    description: req.description,
    tokenTtlSeconds: req.token_ttl_seconds,
  };
  switch (req.method) {
    case "access_key": {
      const m = req.access_key ?? { bound_cidrs: [] };
      parseCidrs(m.bound_cidrs, "access_key.bound_cidrs");
      return { ...base, type: "access-key", accessKey: { bound_cidrs: m.bound_cidrs } };
    }
    case "jwt": {
      const m = req.jwt;
      if (!m) throw new InvalidArgumentError("jwt is required");
      const publicKeys = checkIssuerAndKeys(m, "jwt");
      const required: Record<string, string[]> = {};
      const entries = Object.entries(m.required_claims);
      if (entries.length > MAX_LIST) {
        throw new InvalidArgumentError(`jwt.required_claims may hold at most ${MAX_LIST} claims`);
      }
      for (const [claim, list] of entries) {
        if (!CLAIM_NAME.test(claim)) {
          throw new InvalidArgumentError(
            `jwt.required_claims: ${JSON.stringify(claim)} is not a claim name`,
          );
        }
        const values = list?.values ?? [];
        if (values.length === 0) {
          throw new InvalidArgumentError(
            `jwt.required_claims.${claim} must list at least one value`,
          );
        }
        checkList(values, `jwt.required_claims.${claim}`);
        required[claim] = values;
      }
      const uniqueIdentifier = m.unique_identifier || "sub";
      if (!CLAIM_NAME.test(uniqueIdentifier)) {
        throw new InvalidArgumentError("jwt.unique_identifier is not a claim name");
      }
      parseCidrs(m.bound_cidrs, "jwt.bound_cidrs");
      return {
        ...base,
        type: "jwt",
        jwt: {
          issuer: m.issuer,
          jwks_url: m.jwks_url,
          public_keys: publicKeys,
          audiences: m.audiences,
          required_claims: required,
          unique_identifier: uniqueIdentifier,
          bound_cidrs: m.bound_cidrs,
        },
      };
    }
    case "kubernetes": {
      const m = req.kubernetes;
      if (!m) throw new InvalidArgumentError("kubernetes is required");
      if (m.token_review_url) {
        checkUrl(m.token_review_url, "kubernetes.token_review_url");
        if (!m.token_review_url.startsWith("https://")) {
          throw new InvalidArgumentError("kubernetes.token_review_url must be an https URL");
        }
        // Auth sends its reviewer token (or the token under review) there: only to an API
        // server the operator listed, never to one the method's creator names.
        if (!tokenReviewAllowed(m.token_review_url, tokenReviewUrls)) {
          throw new InvalidArgumentError(
            tokenReviewUrls.length
              ? `kubernetes.token_review_url must be one of the API servers in KF_K8S_TOKEN_REVIEW_URLS (${tokenReviewUrls.join(", ")})`
              : "kubernetes.token_review_url: this auth service allows no TokenReview (KF_K8S_TOKEN_REVIEW_URLS is empty)",
          );
        }
        if (!m.token_review_ca) {
          throw new InvalidArgumentError(
            "kubernetes.token_review_ca is required with token_review_url",
          );
        }
        parseCertificates(m.token_review_ca, "kubernetes.token_review_ca");
      } else if (m.token_review_ca) {
        throw new InvalidArgumentError("kubernetes.token_review_ca needs token_review_url");
      }
      if (m.max_token_age_seconds > 31_536_000) {
        throw new InvalidArgumentError("kubernetes.max_token_age_seconds must be at most 31536000");
      }
      // With a TokenReview the API server checks the signature: local keys become optional.
      const publicKeys = checkIssuerAndKeys(m, "kubernetes", Boolean(m.token_review_url));
      checkList(m.bound_namespaces, "kubernetes.bound_namespaces", 253);
      checkList(m.bound_service_accounts, "kubernetes.bound_service_accounts", 253);
      parseCidrs(m.bound_cidrs, "kubernetes.bound_cidrs");
      return {
        ...base,
        type: "kubernetes",
        kubernetes: {
          issuer: m.issuer,
          jwks_url: m.jwks_url,
          public_keys: publicKeys,
          audiences: m.audiences,
          bound_namespaces: m.bound_namespaces,
          bound_service_accounts: m.bound_service_accounts,
          bound_cidrs: m.bound_cidrs,
          token_review_url: m.token_review_url,
          token_review_ca: m.token_review_ca,
          max_token_age_seconds: m.max_token_age_seconds,
        },
      };
    }
    case "certificate": {
      const m = req.certificate;
      if (!m) throw new InvalidArgumentError("certificate is required");
      if (!m.ca_certificates) {
        throw new InvalidArgumentError("certificate.ca_certificates is required");
      }
      const cas = parseCertificates(m.ca_certificates, "certificate.ca_certificates");
      if (cas.some((c) => !c.ca)) {
        throw new InvalidArgumentError(
          "certificate.ca_certificates must hold CA certificates (basicConstraints CA:TRUE)",
        );
      }
      checkList(m.bound_common_names, "certificate.bound_common_names", 256);
      parseCidrs(m.bound_cidrs, "certificate.bound_cidrs");
      return {
        ...base,
        type: "certificate",
        certificate: {
          ca_certificates: m.ca_certificates,
          bound_common_names: m.bound_common_names,
          bound_cidrs: m.bound_cidrs,
        },
      };
    }
    default:
      throw new InvalidArgumentError(
        "one of access_key, jwt, kubernetes or certificate is required",
      );
  }
}
