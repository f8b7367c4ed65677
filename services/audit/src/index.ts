/** @keyfrag/audit: the hash-chained audit store, its query API and forwarders. */

export { auditHandlers } from "./audit-grpc.js";
export { type AuditRecord, canonicalJson, GENESIS_HASH, recordHash } from "./chain/audit-record.js";
export { type ChainStore, createChainStore, type VerifyResult } from "./chain/chain-store.js";
export { startStoreConsumer } from "./consumer/store-consumer.js";
export { createForwarderService } from "./forwarders/forwarder-service.js";
export { createSecretBox } from "./forwarders/secret-box.js";
export { createAuditQueries } from "./query/audit-query.js";
