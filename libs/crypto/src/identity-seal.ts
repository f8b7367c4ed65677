import { x25519 } from "@noble/curves/ed25519.js";
import { GCM_IV_BYTES, GCM_TAG_BYTES, gcmOpen, gcmSeal, hkdfSha256, random } from "./aead.js";
import { concat, encodeFields, utf8Bytes, wipe } from "./bytes.js";
import { DecryptionError, InvalidInputError, MalformedCiphertextError } from "./errors.js";
import { identityX25519 } from "./suite.js";

/**
 * A node's long-term X25519 identity. Protocol packages meant for one node (DKG round-2
 * shares, refresh sub-shares, catch-up fragments) are sealed to its public key, so whoever
 * relays them learns nothing secret.
 */
export interface IdentityKeyPair {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

const SEAL_VERSION = 0x01;
const KDF_INFO = utf8Bytes("keyfrag/identity-seal/v1");
const HEADER_BYTES = 1 + 32 + GCM_IV_BYTES;

/** Generates a fresh identity key pair. */
export function generateIdentityKeyPair(): IdentityKeyPair {
  const privateKey = x25519.utils.randomSecretKey();
  return { privateKey, publicKey: identityX25519().getPublicKey(privateKey) };
}

/** The public key of an identity private key. */
export function identityPublicKey(privateKey: Uint8Array): Uint8Array {
  if (privateKey.length !== 32)
    throw new InvalidInputError("identity private key must be 32 bytes");
  return identityX25519().getPublicKey(privateKey);
}

function dh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new InvalidInputError("identity public key must be 32 bytes");
  try {
    return identityX25519().getSharedSecret(privateKey, publicKey);
  } catch (cause) {
    // Both backends reject low-order public keys (all-zero shared secret).
    throw new InvalidInputError("identity public key is not usable for X25519", { cause });
  }
}

function sealKey(
  ephemeralPublic: Uint8Array,
  recipientPublic: Uint8Array,
  senderPublic: Uint8Array,
  dhEphemeral: Uint8Array,
  dhStatic: Uint8Array,
): Uint8Array {
  const ikm = concat(dhEphemeral, dhStatic);
  const key = hkdfSha256(ikm, concat(ephemeralPublic, recipientPublic, senderPublic), KDF_INFO, 32);
  wipe(ikm, dhEphemeral, dhStatic);
  return key;
}

/**
 * Seals `plaintext` to a recipient identity and authenticates the sender, in the manner of
 * HPKE's Auth mode: X25519(ephemeral, recipient) ‖ X25519(sender, recipient) → HKDF-SHA-256 →
 * AES-256-GCM. `context` is bound as associated data (session, sender and recipient slots…),
 * so a package cannot be replayed into another session or redirected.
 *
 * Layout: version (1) ‖ ephemeral public key (32) ‖ IV (12) ‖ ciphertext ‖ tag (16).
 */
export function sealToIdentity(params: {
  sender: IdentityKeyPair;
  recipientPublicKey: Uint8Array;
  plaintext: Uint8Array;
  context: readonly (string | number | Uint8Array)[];
}): Uint8Array {
  const ephemeral = generateIdentityKeyPair();
  const key = sealKey(
    ephemeral.publicKey,
    params.recipientPublicKey,
    params.sender.publicKey,
    dh(ephemeral.privateKey, params.recipientPublicKey),
    dh(params.sender.privateKey, params.recipientPublicKey),
  );
  wipe(ephemeral.privateKey);
  const iv = random(GCM_IV_BYTES);
  const header = concat(Uint8Array.of(SEAL_VERSION), ephemeral.publicKey, iv);
  const body = gcmSeal(key, iv, params.plaintext, concat(header, encodeFields(...params.context)));
  wipe(key);
  return concat(header, body);
}

/**
 * Opens a package sealed with {@link sealToIdentity}. Fails with {@link DecryptionError} if it
 * was not sealed by `senderPublicKey` to this recipient under the same `context`.
 */
export function openFromIdentity(params: {
  recipient: IdentityKeyPair;
  senderPublicKey: Uint8Array;
  sealed: Uint8Array;
  context: readonly (string | number | Uint8Array)[];
}): Uint8Array {
  const { sealed } = params;
  if (sealed.length < HEADER_BYTES + GCM_TAG_BYTES || sealed[0] !== SEAL_VERSION) {
    throw new MalformedCiphertextError("not a keyfrag identity-sealed package (v1)");
  }
  const ephemeralPublic = sealed.subarray(1, 33);
  const iv = sealed.subarray(33, HEADER_BYTES);
  let key: Uint8Array;
  try {
    key = sealKey(
      ephemeralPublic,
      params.recipient.publicKey,
      params.senderPublicKey,
      dh(params.recipient.privateKey, ephemeralPublic),
      dh(params.recipient.privateKey, params.senderPublicKey),
    );
  } catch {
    throw new DecryptionError("sealed package: unusable ephemeral or sender key");
  }
  try {
    return gcmOpen(
      key,
      iv,
      sealed.subarray(HEADER_BYTES),
      concat(sealed.subarray(0, HEADER_BYTES), encodeFields(...params.context)),
    );
  } finally {
    wipe(key);
  }
}
