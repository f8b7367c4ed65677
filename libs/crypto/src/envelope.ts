import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import { GCM_IV_BYTES, GCM_TAG_BYTES, gcmOpen, gcmSeal, hkdfSha256, random } from "./aead.js";
import { concat, encodeFields, uint, utf8Bytes, wipe } from "./bytes.js";
import { InvalidInputError, MalformedCiphertextError } from "./errors.js";
import { OPRF_OUTPUT_BYTES } from "./threshold-oprf.js";

/**
 * keyfrag envelope format v1 (see libs/crypto/FORMAT.md). The data key of every envelope is
 * derived from a threshold-OPRF output over (key id, key version, derivation nonce), so the
 * header tells a gateway everything it needs to ask the fragment managers for that output.
 */

/** Symmetric algorithms of DFC keys. */
export type EnvelopeAlgorithm = "AES256GCM" | "AES128GCM";

/** Extra associated data (like AWS KMS's encryption context); needed again to decrypt. */
export type EncryptionContext = Readonly<Record<string, string>>;

/**
 * What identifies an item's data key: the key, its version, and a per-item nonce. The AES-GCM
 * IV is not part of it: {@link encryptEnvelope} draws a fresh IV on every call, so encrypting
 * twice with one header never reuses an IV.
 */
export interface EnvelopeHeader {
  readonly algorithm: EnvelopeAlgorithm;
  /** 16-byte key id (see {@link keyIdFromName}). */
  readonly keyId: Uint8Array;
  /** Key version (≥ 1) whose fragments derive the data key. */
  readonly keyVersion: number;
  /** 32 random bytes, the per-item part of the OPRF input. */
  readonly nonce: Uint8Array;
}

/** The header of an existing envelope, as read back by {@link parseEnvelope}. */
export interface ParsedEnvelope extends EnvelopeHeader {
  /** The 12-byte AES-GCM IV the envelope was encrypted with. */
  readonly iv: Uint8Array;
}

export const ENVELOPE_MAGIC = utf8Bytes("KFRG");
export const ENVELOPE_FORMAT_VERSION = 1;
export const KEY_ID_BYTES = 16;
export const DERIVATION_NONCE_BYTES = 32;
/** magic 4 ‖ version 1 ‖ algorithm 1 ‖ key id 16 ‖ key version 4 ‖ nonce 32 ‖ iv 12 */
export const ENVELOPE_HEADER_BYTES =
  4 + 1 + 1 + KEY_ID_BYTES + 4 + DERIVATION_NONCE_BYTES + GCM_IV_BYTES;

const ALGORITHM_CODES: Record<EnvelopeAlgorithm, number> = { AES256GCM: 0x01, AES128GCM: 0x02 };
const KEY_BYTES: Record<EnvelopeAlgorithm, number> = { AES256GCM: 32, AES128GCM: 16 };
const OPRF_INPUT_LABEL = utf8Bytes("keyfrag/oprf-input/v1");
const DATA_KEY_LABEL = "keyfrag/data-key/v1";

/** A 16-byte key id derived from a key's full name (e.g. `/prod/payments/key`). */
export function keyIdFromName(name: string): Uint8Array {
  if (name.length === 0) throw new InvalidInputError("key name must not be empty");
  const digest = createHash("sha256").update("keyfrag/key-id/v1\0").update(name, "utf8").digest();
  return new Uint8Array(digest.subarray(0, KEY_ID_BYTES));
}

/** A fresh header for encrypting one item (random derivation nonce). */
export function newEnvelopeHeader(params: {
  algorithm: EnvelopeAlgorithm;
  keyId: Uint8Array;
  keyVersion: number;
}): EnvelopeHeader {
  const header: EnvelopeHeader = {
    algorithm: params.algorithm,
    keyId: params.keyId,
    keyVersion: params.keyVersion,
    nonce: random(DERIVATION_NONCE_BYTES),
  };
  encodeHeader(header, new Uint8Array(GCM_IV_BYTES)); // validates
  return header;
}

function encodeHeader(h: EnvelopeHeader, iv: Uint8Array): Uint8Array {
  const code = ALGORITHM_CODES[h.algorithm];
  if (code === undefined) throw new InvalidInputError(`unknown algorithm ${String(h.algorithm)}`);
  if (h.keyId.length !== KEY_ID_BYTES) throw new InvalidInputError("key id must be 16 bytes");
  if (!Number.isInteger(h.keyVersion) || h.keyVersion < 1 || h.keyVersion > 0xffffffff) {
    throw new InvalidInputError(`key version ${h.keyVersion} must be an integer in 1..2^32-1`);
  }
  if (h.nonce.length !== DERIVATION_NONCE_BYTES)
    throw new InvalidInputError("nonce must be 32 bytes");
  return concat(
    ENVELOPE_MAGIC,
    Uint8Array.of(ENVELOPE_FORMAT_VERSION, code),
    h.keyId,
    uint(h.keyVersion, 4),
    h.nonce,
    iv,
  );
}

/** The threshold-OPRF input of an envelope: label ‖ key id ‖ key version ‖ nonce. */
export function envelopeOprfInput(header: EnvelopeHeader): Uint8Array {
  return concat(OPRF_INPUT_LABEL, header.keyId, uint(header.keyVersion, 4), header.nonce);
}

function contextBytes(context: EncryptionContext | undefined): Uint8Array {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of entries) {
    if (typeof v !== "string")
      throw new InvalidInputError(`encryption context value of ${k} must be a string`);
  }
  return encodeFields("keyfrag/encryption-context/v1", ...entries.flat());
}

function dataKey(header: EnvelopeHeader, oprfOutput: Uint8Array): Uint8Array {
  if (oprfOutput.length !== OPRF_OUTPUT_BYTES) {
    throw new InvalidInputError(`OPRF output must be ${OPRF_OUTPUT_BYTES} bytes`);
  }
  return hkdfSha256(
    oprfOutput,
    header.nonce,
    encodeFields(DATA_KEY_LABEL, header.algorithm),
    KEY_BYTES[header.algorithm],
  );
}

/** Context keys starting with this are reserved for keyfrag's own envelopes (sealed keys). */
export const RESERVED_CONTEXT_PREFIX = "keyfrag:";

/** Encrypts `plaintext` under the data key derived from `oprfOutput` (the OPRF of the header's input). */
export function encryptEnvelope(
  header: EnvelopeHeader,
  oprfOutput: Uint8Array,
  plaintext: Uint8Array,
  context?: EncryptionContext,
): Uint8Array {
  for (const k of Object.keys(context ?? {})) {
    if (k.startsWith(RESERVED_CONTEXT_PREFIX)) {
      throw new InvalidInputError(`encryption context key ${k} is reserved`);
    }
  }
  return sealEnvelope(header, oprfOutput, plaintext, context);
}

function sealEnvelope(
  header: EnvelopeHeader,
  oprfOutput: Uint8Array,
  plaintext: Uint8Array,
  context?: EncryptionContext,
): Uint8Array {
  const iv = random(GCM_IV_BYTES);
  const head = encodeHeader(header, iv);
  const key = dataKey(header, oprfOutput);
  try {
    return concat(head, gcmSeal(key, iv, plaintext, concat(head, contextBytes(context))));
  } finally {
    wipe(key);
  }
}

/** Parses an envelope's header; throws {@link MalformedCiphertextError} if it is not one. */
export function parseEnvelope(ciphertext: Uint8Array): ParsedEnvelope {
  if (ciphertext.length < ENVELOPE_HEADER_BYTES + GCM_TAG_BYTES) {
    throw new MalformedCiphertextError("ciphertext too short for a keyfrag envelope");
  }
  for (let i = 0; i < ENVELOPE_MAGIC.length; i++) {
    if (ciphertext[i] !== ENVELOPE_MAGIC[i])
      throw new MalformedCiphertextError("not a keyfrag envelope");
  }
  if (ciphertext[4] !== ENVELOPE_FORMAT_VERSION) {
    throw new MalformedCiphertextError(`unsupported envelope format version ${ciphertext[4]}`);
  }
  const algorithm = (Object.keys(ALGORITHM_CODES) as EnvelopeAlgorithm[]).find(
    (a) => ALGORITHM_CODES[a] === ciphertext[5],
  );
  if (!algorithm) throw new MalformedCiphertextError(`unknown envelope algorithm ${ciphertext[5]}`);
  let offset = 6;
  // Copies into plain Uint8Arrays: a Node Buffer's slice() is a view into a shared pool, so
  // neither its .buffer nor its identity may be relied on.
  const take = (n: number) => {
    const field = new Uint8Array(ciphertext.subarray(offset, offset + n));
    offset += n;
    return field;
  };
  const keyId = take(KEY_ID_BYTES);
  const versionBytes = take(4);
  const keyVersion = new DataView(versionBytes.buffer, versionBytes.byteOffset, 4).getUint32(0);
  if (keyVersion === 0) throw new MalformedCiphertextError("envelope key version 0");
  return {
    algorithm,
    keyId,
    keyVersion,
    nonce: take(DERIVATION_NONCE_BYTES),
    iv: take(GCM_IV_BYTES),
  };
}

/** Decrypts an envelope given the OPRF output for its header (see {@link envelopeOprfInput}). */
export function decryptEnvelope(
  ciphertext: Uint8Array,
  oprfOutput: Uint8Array,
  context?: EncryptionContext,
): Uint8Array {
  const header = parseEnvelope(ciphertext);
  const head = ciphertext.subarray(0, ENVELOPE_HEADER_BYTES);
  const key = dataKey(header, oprfOutput);
  try {
    return gcmOpen(
      key,
      header.iv,
      ciphertext.subarray(ENVELOPE_HEADER_BYTES),
      concat(head, contextBytes(context)),
    );
  } finally {
    wipe(key);
  }
}

/** Key types that are sealed rather than split (RSA 1024–4096, ECDSA P-256). */
export type SealedKeyType = "RSA1024" | "RSA2048" | "RSA3072" | "RSA4096" | "ECDSA-P256";

const SEALED_KEY_CONTEXT = `${RESERVED_CONTEXT_PREFIX}sealed-key-type`;

/** The sealed-key type of a private key, or an error for key types keyfrag does not seal. */
export function sealedKeyType(privateKey: KeyObject): SealedKeyType {
  if (privateKey.type !== "private") throw new InvalidInputError("only private keys are sealed");
  const d = privateKey.asymmetricKeyDetails;
  if (privateKey.asymmetricKeyType === "rsa" && d?.modulusLength) {
    const t = `RSA${d.modulusLength}`;
    if (t === "RSA1024" || t === "RSA2048" || t === "RSA3072" || t === "RSA4096") return t;
  }
  if (privateKey.asymmetricKeyType === "ec" && d?.namedCurve === "prime256v1") return "ECDSA-P256";
  const size = d?.modulusLength ?? d?.namedCurve ?? "unknown";
  throw new InvalidInputError(
    `unsupported key for sealing: ${privateKey.asymmetricKeyType} (${size})`,
  );
}

/**
 * Seals a private key (PKCS#8) as an envelope whose context binds its type, so a sealed RSA
 * key can never be unsealed as something else.
 */
export function sealKeyMaterial(
  header: EnvelopeHeader,
  oprfOutput: Uint8Array,
  privateKey: KeyObject,
): { type: SealedKeyType; sealed: Uint8Array } {
  const type = sealedKeyType(privateKey);
  const der = new Uint8Array(privateKey.export({ format: "der", type: "pkcs8" }));
  try {
    return {
      type,
      sealed: sealEnvelope(header, oprfOutput, der, { [SEALED_KEY_CONTEXT]: type }),
    };
  } finally {
    wipe(der);
  }
}

/** Unseals a private key sealed with {@link sealKeyMaterial}, for the duration of one operation. */
export function unsealKeyMaterial(
  sealed: Uint8Array,
  oprfOutput: Uint8Array,
  type: SealedKeyType,
): KeyObject {
  const der = decryptEnvelope(sealed, oprfOutput, { [SEALED_KEY_CONTEXT]: type });
  try {
    const key = createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
    if (sealedKeyType(key) !== type) throw new InvalidInputError("unsealed key has the wrong type");
    return key;
  } finally {
    wipe(der);
  }
}
