import { timingSafeEqual } from "node:crypto";
import { InvalidInputError } from "./errors.js";

const utf8 = new TextEncoder();

/** Concatenates byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Big-endian unsigned integer of `size` bytes. */
export function uint(value: number, size: 1 | 2 | 4): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * size)) {
    throw new InvalidInputError(`value ${value} does not fit in ${size} byte(s)`);
  }
  const out = new Uint8Array(size);
  for (let i = size - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v % 256;
  return out;
}

/**
 * Unambiguous encoding of a list of fields (strings, bytes, integers), each prefixed by its
 * type and length. Used for associated data and domain separation, where two different field
 * lists must never encode to the same bytes.
 */
export function encodeFields(...fields: readonly (string | number | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields) {
    if (typeof f === "number") {
      parts.push(Uint8Array.of(0x01), uint(f, 4));
    } else {
      const bytes = typeof f === "string" ? utf8.encode(f) : f;
      parts.push(Uint8Array.of(typeof f === "string" ? 0x02 : 0x03), uint(bytes.length, 4), bytes);
    }
  }
  return concat(...parts);
}

/** UTF-8 bytes of a string. */
export function utf8Bytes(s: string): Uint8Array {
  return utf8.encode(s);
}

/** Constant-time equality of two byte arrays (false when lengths differ). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex");
}

/** Bytes of a hex string; rejects anything that is not even-length hex. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new InvalidInputError("expected an even-length hex string");
  }
  return new Uint8Array(Buffer.from(hex, "hex"));
}

/** Best-effort erasure of secret bytes we own. */
export function wipe(...arrays: (Uint8Array | undefined)[]): void {
  for (const a of arrays) a?.fill(0);
}
