import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { DecryptionError, InvalidInputError } from "./errors.js";

/** AES-GCM IV and tag sizes used everywhere in keyfrag. */
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

/** HKDF-SHA-256 (RFC 5869) via node:crypto. */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", ikm, salt, info, length));
}

/** Fresh random bytes from the OS CSPRNG. */
export function random(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length));
}

function gcmAlgorithm(key: Uint8Array): "aes-128-gcm" | "aes-256-gcm" {
  if (key.length === 32) return "aes-256-gcm";
  if (key.length === 16) return "aes-128-gcm";
  throw new InvalidInputError(`AES-GCM key must be 16 or 32 bytes, got ${key.length}`);
}

/** AES-GCM encryption; returns ciphertext ‖ tag. */
export function gcmSeal(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const cipher = createCipheriv(gcmAlgorithm(key), key, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  const final = cipher.final();
  const out = new Uint8Array(body.length + final.length + GCM_TAG_BYTES);
  out.set(body, 0);
  out.set(final, body.length);
  out.set(cipher.getAuthTag(), body.length + final.length);
  return out;
}

/** AES-GCM decryption of ciphertext ‖ tag; any failure is a {@link DecryptionError}. */
export function gcmOpen(
  key: Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  if (sealed.length < GCM_TAG_BYTES) throw new DecryptionError();
  const decipher = createDecipheriv(gcmAlgorithm(key), key, iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
  try {
    const body = decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES));
    const final = decipher.final();
    return new Uint8Array(Buffer.concat([body, final]));
  } catch {
    throw new DecryptionError();
  }
}
