/** @keyfrag/secrets: items in a folder tree — static secret versions (ciphertext only), DFC key items, sealed keys. */
export { folderRange, MAX_NAME_CHARS, validateItemPath } from "./item/item-path.js";
export {
  type CreateItemInput,
  createItemService,
  DEFAULT_MAX_CIPHERTEXT_BYTES,
  DEFAULT_MAX_VERSIONS,
  type ItemService,
  type ItemServiceDeps,
  type ListItemsInput,
  MAX_DESCRIPTION_CHARS,
  MAX_MAX_VERSIONS,
  MAX_NAMES_PER_READ,
  MAX_TAG_CHARS,
  MAX_TAGS,
  type PutVersionInput,
  type ReplaceCiphertextInput,
} from "./item/item-service.js";
export { createItemStore, type ItemStore } from "./item/item-store.js";
export * from "./item/item-types.js";
export { itemMessage, secretsHandlers } from "./secrets-grpc.js";
