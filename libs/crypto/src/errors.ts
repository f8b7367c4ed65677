/**
 * Errors raised by @keyfrag/crypto. They carry no secret material: messages name slots,
 * protocols and sizes, never shares, nonces, keys or plaintext.
 */

/** Base class of every error this library raises on purpose. */
export class CryptoError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A caller passed parameters that can never work (bad threshold, unknown slot, wrong size…). */
export class InvalidInputError extends CryptoError {
  constructor(message: string, options?: ErrorOptions) {
    super("invalid-input", message, options);
  }
}

/** Which protocol step a slot's contribution belonged to. */
export type SlotProtocol = "evaluation" | "signature-share" | "dkg" | "refresh";

/**
 * One slot sent something that failed verification (a DLEQ proof, a FROST signature share,
 * a Feldman check, a sealed package). Callers fail over to another replica of `slot`.
 */
export class SlotContributionError extends CryptoError {
  readonly slot: number;
  readonly protocol: SlotProtocol;
  constructor(slot: number, protocol: SlotProtocol, reason: string, options?: ErrorOptions) {
    super("bad-slot-contribution", `slot ${slot}: ${protocol} rejected: ${reason}`, options);
    this.slot = slot;
    this.protocol = protocol;
  }
}

/** A FROST signing nonce was offered a second time. Nonces are single-use. */
export class NonceReuseError extends CryptoError {
  constructor(slot: number) {
    super("nonce-reuse", `slot ${slot}: signing nonce already used`);
  }
}

/** A ciphertext or sealed package could not be parsed at all. */
export class MalformedCiphertextError extends CryptoError {
  constructor(message: string) {
    super("malformed-ciphertext", message);
  }
}

/** Authenticated decryption failed: wrong key, wrong context, or the data was changed. */
export class DecryptionError extends CryptoError {
  constructor(message = "decryption failed: wrong key or context, or the ciphertext was altered") {
    super("decryption-failed", message);
  }
}
