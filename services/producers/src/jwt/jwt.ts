/**
 * JWTs signed by a key that never exists whole: keyfrag builds the header and claims here and
 * hands the signing input to an external signer (the DFC signing protocol), which returns a
 * 64-byte Ed25519 signature. Also the JWKS document relying parties verify those tokens with,
 * and the claims templates producers put into them.
 */

import { createHash } from "node:crypto";
import { InternalError, InvalidArgumentError, quote } from "@keyfrag/rpc";

/** Signs bytes with an Ed25519 key identified by `kid`; the key itself stays elsewhere. */
export interface JwtSigner {
  readonly kid: string;
  /** Returns the 64-byte Ed25519 signature of `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** One public key of a JWKS document (RFC 8037 OKP form). */
export interface Ed25519Jwk {
  kty: "OKP";
  crv: "Ed25519";
  /** The 32-byte public key, base64url without padding. */
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

/** The variables a claims template may use. */
export interface ClaimsVars {
  accessId: string;
  subClaims: Readonly<Record<string, readonly string[]>>;
  producer: string;
}

/** Claims keyfrag always sets itself; a template may not choose them. */
export const RESERVED_CLAIMS: readonly string[] = ["iss", "sub", "iat", "nbf", "exp", "jti"];

/** Largest claims template accepted, in UTF-8 bytes. */
export const MAX_CLAIMS_TEMPLATE_BYTES = 16 * 1024;

// Deep enough for any sensible claims object; bounds the recursion of the template walk.
const MAX_TEMPLATE_DEPTH = 32;
const ED25519_SIGNATURE_BYTES = 64;
const ED25519_PUBLIC_KEY_BYTES = 32;
// `{{ name }}` with brace-free content, trimmed by the code that reads it. No quantifiers that
// can match the same characters one after another (`\s*([^{}]*?)\s*` did, which made a 16 KiB
// template of `{{` and spaces take O(n³) steps — minutes): this one matches in linear time.
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const SUB_CLAIM_PREFIX = "sub_claim.";

/** Builds a compact JWS (header {alg: EdDSA, typ: JWT, kid}) over `claims`, signed by `signer`. */
export async function signJwt(claims: Record<string, unknown>, signer: JwtSigner): Promise<string> {
  if (typeof signer.kid !== "string" || signer.kid === "") {
    throw new InvalidArgumentError("JWT signer has no kid");
  }
  if (!isPlainObject(claims)) throw new InvalidArgumentError("JWT claims must be an object");
  const header = { alg: "EdDSA", typ: "JWT", kid: signer.kid };
  const signingInput = `${base64urlJson(header)}.${base64urlJson(claims)}`;
  const signature = await signer.sign(new TextEncoder().encode(signingInput));
  // A wrong length means the signer is broken; a token carrying it would fail every verifier.
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_BYTES) {
    throw new InternalError(
      `JWT signer returned ${signature instanceof Uint8Array ? signature.length : "no"} signature bytes, expected ${ED25519_SIGNATURE_BYTES}`,
    );
  }
  return `${signingInput}.${Buffer.from(signature).toString("base64url")}`;
}

/** The JWKS document (`{keys: [...]}`) publishing Ed25519 public keys for token verifiers. */
export function jwksDocument(keys: readonly { kid: string; publicKey: Uint8Array }[]): {
  keys: Ed25519Jwk[];
} {
  return {
    keys: keys.map(({ kid, publicKey }) => {
      if (typeof kid !== "string" || kid === "")
        throw new InvalidArgumentError("JWKS key has no kid");
      if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
        throw new InvalidArgumentError(
          `JWKS key ${kid}: an Ed25519 public key has ${ED25519_PUBLIC_KEY_BYTES} bytes, got ${publicKey.length}`,
        );
      }
      return {
        kty: "OKP",
        crv: "Ed25519",
        x: Buffer.from(publicKey).toString("base64url"),
        kid,
        alg: "EdDSA",
        use: "sig",
      };
    }),
  };
}

/**
 * The kid of version `version` of the signing key `keyName`:
 * `base64url(sha256("<keyName>#<version>"))[0..16] + ".v<version>"`.
 * It depends on nothing but name and version, so every gateway and every restart derives the
 * same kid without storing it; the hash keeps the (path-like, possibly telling) key name out of
 * tokens handed to third parties, and the suffix lets a human see which version signed.
 */
export function kidOf(keyName: string, version: number): string {
  if (keyName === "") throw new InvalidArgumentError("kid: key name is empty");
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new InvalidArgumentError(
      `kid: key version must be a non-negative integer, got ${version}`,
    );
  }
  const digest = createHash("sha256").update(`${keyName}#${version}`, "utf8").digest("base64url");
  return `${digest.slice(0, 16)}.v${version}`;
}

/**
 * Checks a producer's claims template when the producer is created: a JSON object of at most
 * 16 KiB, only known placeholders, none of the claims keyfrag sets itself.
 */
export function validateClaimsTemplate(template: string): void {
  const parsed = parseTemplate(template);
  walk(parsed, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) checkPlaceholder((match[1] ?? "").trim());
    return text;
  });
}

/**
 * The claims a producer's template yields for one caller. String values anywhere in the
 * template may hold `{{access_id}}`, `{{producer}}` and `{{sub_claim.KEY}}` (the first value of
 * that sub-claim, empty when absent). No template means no extra claims.
 */
export function renderClaims(
  template: string | undefined,
  vars: ClaimsVars,
): Record<string, unknown> {
  if (template === undefined) return {};
  const parsed = parseTemplate(template);
  return walk(parsed, (text) =>
    text.replace(PLACEHOLDER, (_, name: string) => placeholderValue(name.trim(), vars)),
  ) as Record<string, unknown>;
}

function parseTemplate(template: string): Record<string, unknown> {
  const size = Buffer.byteLength(template, "utf8");
  if (size > MAX_CLAIMS_TEMPLATE_BYTES) {
    throw new InvalidArgumentError(
      `claims template is ${size} bytes, at most ${MAX_CLAIMS_TEMPLATE_BYTES} are allowed`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch (cause) {
    throw new InvalidArgumentError("claims template is not valid JSON", { cause });
  }
  if (!isPlainObject(parsed))
    throw new InvalidArgumentError("claims template must be a JSON object");
  const reserved = RESERVED_CLAIMS.filter((claim) => Object.hasOwn(parsed, claim));
  if (reserved.length > 0) {
    throw new InvalidArgumentError(
      `claims template may not set ${reserved.join(", ")}: keyfrag sets ${RESERVED_CLAIMS.join(", ")} itself`,
    );
  }
  return parsed;
}

/** Copies `value`, passing every string (not keys) through `onString`. */
function walk(value: unknown, onString: (text: string) => string, depth = 0): unknown {
  if (depth > MAX_TEMPLATE_DEPTH) {
    throw new InvalidArgumentError(`claims template is nested deeper than ${MAX_TEMPLATE_DEPTH}`);
  }
  if (typeof value === "string") return onString(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, onString, depth + 1));
  if (isPlainObject(value)) {
    // Object.fromEntries defines own properties, so a "__proto__" key stays a plain claim.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, onString, depth + 1)]),
    );
  }
  return value;
}

function checkPlaceholder(name: string): void {
  if (name === "access_id" || name === "producer") return;
  if (name.startsWith(SUB_CLAIM_PREFIX) && name.length > SUB_CLAIM_PREFIX.length) return;
  throw new InvalidArgumentError(
    `claims template: unknown placeholder ${quote(name)} (known: {{access_id}}, {{producer}}, {{sub_claim.KEY}})`,
  );
}

function placeholderValue(name: string, vars: ClaimsVars): string {
  checkPlaceholder(name);
  if (name === "access_id") return vars.accessId;
  if (name === "producer") return vars.producer;
  const key = name.slice(SUB_CLAIM_PREFIX.length);
  return Object.hasOwn(vars.subClaims, key) ? (vars.subClaims[key]?.[0] ?? "") : "";
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
