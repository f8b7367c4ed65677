/**
 * What a successful credential check vouches for, and the bounds every token's sub-claims are
 * held to: the policy service's limits on identities (so no token is one policy refuses) and a
 * total size (so no token exceeds what verifiers accept).
 */
import { MAX_UNIQUE_ID_LENGTH, SUB_CLAIM_LIMITS, type SubClaims } from "@keyfrag/auth-client";
import { LoginDenied } from "./login-denied.js";

/** The outcome of a credential check. */
export interface LoginClaims {
  subClaims: SubClaims;
  /** A JWT method's unique-identifier claim value (token claim `kf_uid`). */
  uniqueId?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: claim names must be printable, as policy requires.
const CLAIM_NAME = /^[^\u0000-\u001f\u007f]+$/;
/** Names that would reach an object's prototype machinery in careless consumers. */
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/** An empty sub-claims object with no prototype: a claim name can only ever be data. */
export function emptySubClaims(): SubClaims {
  return Object.create(null) as SubClaims;
}

/**
 * `raw` within SUB_CLAIM_LIMITS, in a prototype-less object; `trimmed` says what was dropped or
 * cut (for the audit event; names only, never values).
 */
export function boundSubClaims(raw: SubClaims): { subClaims: SubClaims; trimmed: string[] } {
  const L = SUB_CLAIM_LIMITS;
  const out = emptySubClaims();
  const trimmed: string[] = [];
  let count = 0;
  let bytes = 2; // "{}"
  for (const [name, values] of Object.entries(raw)) {
    if (RESERVED.has(name) || name.length > L.maxNameLength || !CLAIM_NAME.test(name)) {
      trimmed.push(`dropped a claim with a reserved, long or unprintable name`);
      continue;
    }
    if (count >= L.maxClaims) {
      trimmed.push(`dropped claim ${name} (more than ${L.maxClaims} claims)`);
      continue;
    }
    let kept = values;
    if (kept.length > L.maxValuesPerClaim) {
      trimmed.push(`claim ${name}: kept ${L.maxValuesPerClaim} of ${kept.length} values`);
      kept = kept.slice(0, L.maxValuesPerClaim);
    }
    if (kept.some((v) => v.length > L.maxValueLength)) {
      trimmed.push(`claim ${name}: values cut to ${L.maxValueLength} characters`);
      kept = kept.map((v) => cut(v, L.maxValueLength));
    }
    // The entry's share of the JSON: "name":[...] plus a comma.
    const size = Buffer.byteLength(JSON.stringify({ [name]: kept })) - 1;
    if (bytes + size > L.maxTotalBytes) {
      trimmed.push(`dropped claim ${name} (sub-claims over ${L.maxTotalBytes} bytes)`);
      continue;
    }
    bytes += size;
    count++;
    out[name] = kept;
  }
  return { subClaims: out, trimmed };
}

/** `value` cut to `max` UTF-16 units without splitting a surrogate pair. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/** Checks a unique-identifier value against what a token may carry. */
export function checkUniqueId(claim: string, value: string): string {
  if (value.length > MAX_UNIQUE_ID_LENGTH) {
    throw new LoginDenied(
      "",
      `claim ${claim} (the unique identifier) is longer than ${MAX_UNIQUE_ID_LENGTH} characters`,
    );
  }
  return value;
}
