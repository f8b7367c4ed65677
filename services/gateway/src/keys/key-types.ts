/** The gateway's words for DFC keys, shared by the key service and the key views. */
import type { KeyView } from "@keyfrag/dfc-client";
import type { KeyAlgorithm } from "@keyfrag/rpc";

export { KEY_ALGORITHMS, type KeyAlgorithm, keyAlgorithm } from "@keyfrag/rpc";

/** What the gateway knows about a key: its algorithm and the dfc-client's view of it. */
export interface KeyState {
  name: string;
  algorithm: KeyAlgorithm;
  view: KeyView;
}
