export { type FragmentManagerConfig, loadConfig as loadFragmentManagerConfig } from "./config.js";
export { certificateKeyPin, readKeyPins } from "./fragment/customer-guard.js";
export { isErrno, writeFileAtomic } from "./fragment/durable-file.js";
export {
  createFragmentService,
  type FetchFromPeer,
  type FragmentService,
  type NodeIdentity,
} from "./fragment/fragment-service.js";
export { createFragmentStore, type FragmentStore } from "./fragment/fragment-store.js";
export { type NonceStock, openNonceStock } from "./fragment/nonce-stock.js";
export {
  createFragmentNode,
  type FragmentNode,
  type FragmentNodeOptions,
  type FragmentNodeParts,
  startFragmentNode,
} from "./node.js";
