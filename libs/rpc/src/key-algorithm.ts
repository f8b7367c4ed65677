/**
 * The algorithms of DFC keys, in one place for every service and client: AES keys derive data
 * keys (threshold OPRF over ristretto255 fragments), ED25519 keys sign (FROST).
 */
import { InvalidArgumentError } from "./errors.js";

export const KEY_ALGORITHMS = ["AES256GCM", "AES128GCM", "ED25519"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** Whether `value` names a key algorithm. */
export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return (KEY_ALGORITHMS as readonly unknown[]).includes(value);
}

/** The algorithm named in a request; InvalidArgumentError naming `field` otherwise. */
export function keyAlgorithm(value: string, field = "algorithm"): KeyAlgorithm {
  if (!isKeyAlgorithm(value)) {
    throw new InvalidArgumentError(`${field} must be one of ${KEY_ALGORITHMS.join(", ")}`);
  }
  return value;
}
