import { generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blindInputs,
  combinePartials,
  DecryptionError,
  decryptEnvelope,
  ENVELOPE_HEADER_BYTES,
  type EncryptionContext,
  type EnvelopeAlgorithm,
  type EnvelopeHeader,
  encryptEnvelope,
  envelopeOprfInput,
  evaluatePartial,
  InvalidInputError,
  keyIdFromName,
  MalformedCiphertextError,
  newEnvelopeHeader,
  parseEnvelope,
  type SlotShare,
  sealKeyMaterial,
  unsealKeyMaterial,
} from "../src/index.js";
import { hex, runDkg, singleKeyVoprf, unhex } from "./helpers.js";

// One real 2-of-3 ristretto255 key for the whole file; every data key comes from its threshold OPRF.
const k = runDkg("ristretto255", 3, 2);
const keyId = keyIdFromName("/prod/payments/dfc-key");

/** The gateway's job: derive the header's OPRF output with slots 1 and 3. */
function derive(header: EnvelopeHeader): Uint8Array {
  const batch = blindInputs([envelopeOprfInput(header)]);
  const partials = [1, 3].map((s) =>
    evaluatePartial(k.shares.get(s) as SlotShare, k.key, batch.blinded),
  );
  return combinePartials(k.key, batch, partials)[0] as Uint8Array;
}

/** A cheaper, test-only derivation of the same output (noble's single-key VOPRF). */
const reference = (header: EnvelopeHeader) => unhex(singleKeyVoprf(k, envelopeOprfInput(header)));

describe("envelope encryption", () => {
  it.each(["AES256GCM", "AES128GCM"] as const)(
    "%s: round trip through a threshold-derived data key",
    (algorithm: EnvelopeAlgorithm) => {
      const header = newEnvelopeHeader({ algorithm, keyId, keyVersion: 3 });
      const plaintext = new TextEncoder().encode("postgres://app:s3cret@db/prod");
      const context = { tenant: "acme", path: "/prod/db/password" };
      const ciphertext = encryptEnvelope(header, derive(header), plaintext, context);

      // The header is self-describing: a decrypting gateway learns key, version and nonce from it.
      const parsed = parseEnvelope(ciphertext);
      expect(parsed.algorithm).toBe(algorithm);
      expect(hex(parsed.keyId)).toBe(hex(keyId));
      expect(parsed.keyVersion).toBe(3);
      expect(hex(parsed.nonce)).toBe(hex(header.nonce));
      expect(ciphertext.length).toBe(ENVELOPE_HEADER_BYTES + plaintext.length + 16);

      // Another qualifying set of slots derives the same data key.
      expect(new TextDecoder().decode(decryptEnvelope(ciphertext, derive(parsed), context))).toBe(
        "postgres://app:s3cret@db/prod",
      );
      expect(decryptEnvelope(ciphertext, reference(parsed), context)).toEqual(plaintext);
      // The plaintext is not in the ciphertext.
      expect(hex(ciphertext)).not.toContain(hex(plaintext));
    },
  );

  it("every item gets its own data key: same plaintext, different ciphertexts", () => {
    const a = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const b = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const p = new Uint8Array(16);
    const ca = encryptEnvelope(a, reference(a), p);
    const cb = encryptEnvelope(b, reference(b), p);
    expect(hex(ca.subarray(ENVELOPE_HEADER_BYTES))).not.toBe(
      hex(cb.subarray(ENVELOPE_HEADER_BYTES)),
    );
    // a's data key does not open b.
    expect(() => decryptEnvelope(cb, reference(a))).toThrow(DecryptionError);
  });

  it("parses an envelope that arrives as a view into a larger buffer (a Node Buffer from gRPC)", () => {
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 7 });
    const ciphertext = encryptEnvelope(header, reference(header), new Uint8Array(8));
    // Small Buffers share one pool: the envelope sits at some offset inside a bigger ArrayBuffer.
    const pooled = Buffer.concat([Buffer.from("padding"), Buffer.from(ciphertext)]).subarray(7);
    expect(pooled.byteOffset).toBeGreaterThan(0);
    const parsed = parseEnvelope(pooled);
    expect(parsed.keyVersion).toBe(7);
    expect(hex(parsed.keyId)).toBe(hex(keyId));
    expect(decryptEnvelope(pooled, reference(parsed))).toEqual(new Uint8Array(8));
  });

  it("encrypting twice with one header never reuses an AES-GCM IV", () => {
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const out = reference(header);
    const p = new Uint8Array(32);
    const [c1, c2] = [encryptEnvelope(header, out, p), encryptEnvelope(header, out, p)];
    expect(hex(parseEnvelope(c1).iv)).not.toBe(hex(parseEnvelope(c2).iv));
    expect(decryptEnvelope(c1, out)).toEqual(p);
    expect(decryptEnvelope(c2, out)).toEqual(p);
  });

  it("the encryption context must match exactly", () => {
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const out = reference(header);
    const c = encryptEnvelope(header, out, new Uint8Array([1, 2, 3]), { a: "1", b: "2" });
    expect(decryptEnvelope(c, out, { b: "2", a: "1" })).toEqual(new Uint8Array([1, 2, 3])); // order-free
    const wrong: (EncryptionContext | undefined)[] = [
      undefined,
      {},
      { a: "1" },
      { a: "1", b: "3" },
      { a: "1", b: "2", c: "" },
      { ab: "12" },
    ];
    for (const ctx of wrong) {
      expect(() => decryptEnvelope(c, out, ctx)).toThrow(DecryptionError);
    }
  });

  it("a flipped bit anywhere in a ciphertext fails decryption", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EnvelopeAlgorithm>("AES256GCM", "AES128GCM"),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (algorithm, plaintext, position, bit) => {
          const header = newEnvelopeHeader({ algorithm, keyId, keyVersion: 1 + (position % 5) });
          const ciphertext = encryptEnvelope(header, reference(header), plaintext, { t: "x" });
          const tampered = ciphertext.slice();
          const at = position % ciphertext.length;
          tampered[at] = (tampered[at] as number) ^ (1 << bit);
          // The decrypting side derives the data key from the (tampered) header it reads, as a
          // gateway would; the tampered message must still be refused, whichever byte changed.
          let error: unknown;
          try {
            decryptEnvelope(tampered, reference(parseEnvelope(tampered)), { t: "x" });
          } catch (e) {
            error = e;
          }
          expect(
            error instanceof DecryptionError || error instanceof MalformedCiphertextError,
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the header is authenticated: a changed key id or version fails even with the original data key", () => {
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 7 });
    const out = reference(header);
    const c = encryptEnvelope(header, out, new Uint8Array([1, 2, 3]));
    for (const at of [6, 21, 25]) {
      // key id first and last byte, key version low byte
      const tampered = c.slice();
      tampered[at] = (tampered[at] as number) ^ 0x01;
      expect(() => decryptEnvelope(tampered, out)).toThrow(DecryptionError);
    }
  });

  it("ordinary envelopes cannot pose as sealed keys", () => {
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const out = reference(header);
    expect(() =>
      encryptEnvelope(header, out, new Uint8Array(8), { "keyfrag:sealed-key-type": "RSA2048" }),
    ).toThrow(/reserved/);
    const plain = encryptEnvelope(header, out, new Uint8Array(8));
    expect(() => unsealKeyMaterial(plain, out, "RSA2048")).toThrow(DecryptionError);
  });

  it("refuses truncated, foreign and malformed input with a clear error", () => {
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const c = encryptEnvelope(header, reference(header), new Uint8Array([5]));
    expect(() => parseEnvelope(c.subarray(0, 40))).toThrow(/too short/);
    expect(() => parseEnvelope(new TextEncoder().encode("x".repeat(200)))).toThrow(
      /not a keyfrag envelope/,
    );
    const v2 = c.slice();
    v2[4] = 2;
    expect(() => parseEnvelope(v2)).toThrow(/unsupported envelope format version 2/);
    expect(() => decryptEnvelope(c, new Uint8Array(32))).toThrow(/OPRF output must be 64 bytes/);
    expect(() =>
      newEnvelopeHeader({ algorithm: "AES256GCM", keyId: new Uint8Array(3), keyVersion: 1 }),
    ).toThrow(InvalidInputError);
    expect(() => newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 0 })).toThrow(
      /key version 0/,
    );
    expect(() =>
      newEnvelopeHeader({ algorithm: "DES" as EnvelopeAlgorithm, keyId, keyVersion: 1 }),
    ).toThrow(/unknown algorithm/);
  });

  it("key ids are stable per name and differ between names", () => {
    expect(hex(keyIdFromName("/a"))).toBe(hex(keyIdFromName("/a")));
    expect(hex(keyIdFromName("/a"))).not.toBe(hex(keyIdFromName("/b")));
    expect(keyIdFromName("/a")).toHaveLength(16);
  });
});

describe("sealed key material", () => {
  const message = new TextEncoder().encode("sign me");

  it.each([
    ["RSA2048", () => generateKeyPairSync("rsa", { modulusLength: 2048 })],
    ["ECDSA-P256", () => generateKeyPairSync("ec", { namedCurve: "P-256" })],
  ] as const)("%s: sealed, unsealed, and the unsealed key still signs", (type, generate) => {
    const { privateKey, publicKey } = generate();
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const sealed = sealKeyMaterial(header, derive(header), privateKey);
    expect(sealed.type).toBe(type);
    const der = privateKey.export({ format: "der", type: "pkcs8" });
    expect(hex(sealed.sealed)).not.toContain(hex(der.subarray(-32)));

    const unsealed = unsealKeyMaterial(sealed.sealed, derive(parseEnvelope(sealed.sealed)), type);
    const signature = nodeSign("sha256", message, unsealed);
    expect(nodeVerify("sha256", message, publicKey, signature)).toBe(true);
    // The type is bound: an RSA key cannot be unsealed as another type.
    const wrong = type === "RSA2048" ? "RSA4096" : "RSA2048";
    expect(() =>
      unsealKeyMaterial(sealed.sealed, reference(parseEnvelope(sealed.sealed)), wrong),
    ).toThrow(DecryptionError);
  });

  it("refuses key types keyfrag does not seal", () => {
    const header = newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "secp256k1" });
    expect(() => sealKeyMaterial(header, reference(header), privateKey)).toThrow(
      /unsupported key for sealing/,
    );
    expect(() => sealKeyMaterial(header, reference(header), publicKey)).toThrow(
      /only private keys/,
    );
  });
});
