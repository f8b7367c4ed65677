/** The gateway's words for DFC keys, shared by the key service and the key views. */
import type { KeyView } from "@keyfrag/dfc-client";
import { InvalidArgumentError } from "@keyfrag/rpc";

export const KEY_ALGORITHMS = ["AES256GCM", "AES128GCM", "ED25519"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** What the gateway knows about a key: its algorithm and the dfc-client's view of it. */
export interface KeyState {
  name: string;
  algorithm: KeyAlgorithm;
  view: KeyView;
}

/** The algorithm named in a request; INVALID_ARGUMENT naming `field` otherwise. */
export function keyAlgorithm(value: string, field = "algorithm"): KeyAlgorithm {
  if (!(KEY_ALGORITHMS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`${field} must be one of ${KEY_ALGORITHMS.join(", ")}`);
  }
  return value as KeyAlgorithm;
}
