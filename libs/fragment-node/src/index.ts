export {
  BackupError,
  DEFAULT_KDF,
  type FileBundle,
  type KdfParams,
  MIN_PASSPHRASE_CHARS,
  openBackup,
  sealBackup,
} from "./backup/backup-format.js";
export {
  collectFragmentFiles,
  DATA_PREFIX,
  type FragmentFilePaths,
  isNonceStock,
  SINGLE_FILES,
  type SingleFile,
} from "./backup/bundle.js";
export { type FragmentManagerConfig, loadConfig as loadFragmentManagerConfig } from "./config.js";
export { certificateKeyPin, readKeyPins } from "./fragment/customer-guard.js";
export { fsyncDir, isErrno, writeFileAtomic } from "./fragment/durable-file.js";
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
  NO_PORT_ADDRESS,
  startFragmentNode,
} from "./node.js";
