/**
 * Envelope encryption as the gateway does it: the data key of every envelope comes from the
 * fragment cluster (threshold OPRF over the header), so this module needs only a `derive`.
 */
import {
  DecryptionError,
  decryptEnvelope,
  type EncryptionContext,
  type EnvelopeAlgorithm,
  encryptEnvelope,
  envelopeOprfInput,
  keyIdFromName,
  MalformedCiphertextError,
  newEnvelopeHeader,
  parseEnvelope,
  RESERVED_CONTEXT_PREFIX,
} from "@keyfrag/crypto";
import { FailedPreconditionError, InvalidArgumentError } from "@keyfrag/rpc";

/** The threshold-OPRF output of one input under a key (dfc-client's derive, in production). */
/** One OPRF output from version `version` of key `keyName`. */
export type Derive = (keyName: string, input: Uint8Array, version: number) => Promise<Uint8Array>;

/**
 * The context binding a static secret's ciphertext to its item, so a stored ciphertext moved to
 * another item's record does not decrypt there.
 */
export function itemContext(itemName: string): EncryptionContext {
  return { item: itemName };
}

const MAX_CONTEXT_ENTRIES = 64;
const MAX_CONTEXT_CHARS = 1_024;

/** A caller's encryption context, checked: bounded, and without keyfrag's reserved keys. */
export function checkContext(context: Record<string, string> | undefined): EncryptionContext {
  const entries = Object.entries(context ?? {});
  if (entries.length > MAX_CONTEXT_ENTRIES) {
    throw new InvalidArgumentError(`context has more than ${MAX_CONTEXT_ENTRIES} entries`);
  }
  for (const [k, v] of entries) {
    if (k.startsWith(RESERVED_CONTEXT_PREFIX)) {
      throw new InvalidArgumentError(
        `context key ${JSON.stringify(k)} is reserved (${RESERVED_CONTEXT_PREFIX}…)`,
      );
    }
    if (k.length === 0 || k.length > MAX_CONTEXT_CHARS || v.length > MAX_CONTEXT_CHARS) {
      throw new InvalidArgumentError(
        `context keys must be 1-${MAX_CONTEXT_CHARS} characters, values at most ${MAX_CONTEXT_CHARS}`,
      );
    }
  }
  return Object.fromEntries(entries);
}

/**
 * A caller's context as Encrypt and Decrypt bind it: checked, and every key moved under
 * `caller:`. So no caller context ever equals an item binding ({@link itemContext}): a stored
 * secret's ciphertext cannot be opened through Decrypt by someone who may read the key but not
 * the item, and Encrypt cannot forge a ciphertext the item would accept.
 */
export function callerContext(context: Record<string, string> | undefined): EncryptionContext {
  return Object.fromEntries(
    Object.entries(checkContext(context)).map(([k, v]) => [`caller:${k}`, v]),
  );
}

/** Encrypts `plaintext` under version `keyVersion` of key `keyName` (an AES DFC key). */
export async function sealValue(
  derive: Derive,
  key: { name: string; algorithm: EnvelopeAlgorithm; version: number },
  plaintext: Uint8Array,
  context: EncryptionContext,
): Promise<Uint8Array> {
  const header = newEnvelopeHeader({
    algorithm: key.algorithm,
    keyId: keyIdFromName(key.name),
    keyVersion: key.version,
  });
  const output = await derive(key.name, envelopeOprfInput(header), key.version);
  return encryptEnvelope(header, output, plaintext, context);
}

/** What an envelope says about itself, checked against the key that should have made it. */
export function envelopeInfo(ciphertext: Uint8Array, keyName: string, field = "ciphertext") {
  let parsed: ReturnType<typeof parseEnvelope>;
  try {
    parsed = parseEnvelope(ciphertext);
  } catch (err) {
    if (err instanceof MalformedCiphertextError) {
      throw new InvalidArgumentError(`${field} is not a keyfrag ciphertext: ${err.message}`);
    }
    throw err;
  }
  if (Buffer.compare(Buffer.from(parsed.keyId), Buffer.from(keyIdFromName(keyName))) !== 0) {
    throw new InvalidArgumentError(`${field} was not made with key ${keyName}`);
  }
  return parsed;
}

/** Decrypts an envelope made by {@link sealValue} under `keyName`, with the same context. */
export async function openValue(
  derive: Derive,
  keyName: string,
  ciphertext: Uint8Array,
  context: EncryptionContext,
  availableVersion: number,
): Promise<Uint8Array> {
  const parsed = envelopeInfo(ciphertext, keyName);
  if (parsed.keyVersion > availableVersion) {
    throw new FailedPreconditionError(
      `ciphertext needs version ${parsed.keyVersion} of ${keyName}, which does not exist`,
    );
  }
  // The version the envelope names: rotation leaves older ciphertexts under older versions.
  const output = await derive(keyName, envelopeOprfInput(parsed), parsed.keyVersion);
  try {
    return decryptEnvelope(ciphertext, output, context);
  } catch (err) {
    if (err instanceof DecryptionError) {
      throw new InvalidArgumentError(
        "ciphertext does not decrypt with this key and context (wrong context, or it was altered)",
      );
    }
    throw err;
  }
}
