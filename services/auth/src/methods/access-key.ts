/** Access keys: 32 random bytes shown once; only a salted scrypt hash is stored. */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { KeyHash } from "./method-types.js";

// N=2^14, r=8 takes ~20-60 ms per hash on current hardware: slow enough to make guessing
// from a stolen Redis dump expensive, fast enough for interactive logins.
const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const HASH_BYTES = 32;
const MAXMEM = 64 * 1024 * 1024;

function derive(key: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(key, salt, HASH_BYTES, { ...params, maxmem: MAXMEM }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  });
}

/** A fresh access key (base64url of 32 random bytes). */
export function newAccessKey(): string {
  return randomBytes(32).toString("base64url");
}

/** The scrypt hash of `key` with a random salt, parameters included. */
export async function hashAccessKey(key: string): Promise<KeyHash> {
  const salt = randomBytes(16);
  const hash = await derive(key, salt, PARAMS);
  return { ...PARAMS, salt: salt.toString("base64"), hash: hash.toString("base64") };
}

/** Whether `key` matches `stored`, compared in constant time. */
export async function verifyAccessKey(key: string, stored: KeyHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, "base64");
  const actual = await derive(key, Buffer.from(stored.salt, "base64"), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<KeyHash> | undefined;

/**
 * Spends the time of one verification when there is nothing to verify against (unknown access
 * id), so response times do not tell which access ids exist.
 */
export async function burnVerification(key: string): Promise<void> {
  dummy ??= hashAccessKey(newAccessKey());
  await verifyAccessKey(key, await dummy);
}
