import { ensureAuditStream } from "@keyfrag/bus";
import { loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { auditHandlers } from "./audit-grpc.js";
import { createChainStore } from "./chain/chain-store.js";
import { loadConfig } from "./config.js";
import type { PullWorker } from "./consumer/pull-worker.js";
import { startStoreConsumer } from "./consumer/store-consumer.js";
import { createForwarderService } from "./forwarders/forwarder-service.js";
import { createSecretBox } from "./forwarders/secret-box.js";
import { createAuditQueries } from "./query/audit-query.js";

/** Composition root of an audit replica. */
runService({
  name: "audit",
  loadConfig,
  // Logs go to stderr: stdout carries the ready line and the stdout forwarder's JSON lines.
  logToStderr: true,
  build: async ({ log, redis, nc }, config) => {
    const stream = await ensureAuditStream(nc, config.KF_CLUSTER);
    const chain = createChainStore({ redis, prefix: config.KF_REDIS_PREFIX });
    const queries = createAuditQueries({ redis, chain });
    const forwarders = createForwarderService({
      redis,
      prefix: config.KF_REDIS_PREFIX,
      nc,
      cluster: config.KF_CLUSTER,
      stream,
      chain,
      secrets: createSecretBox(config.KF_AUDIT_KEY_FILE),
      logger: log,
      maxRetryDelayMs: config.KF_FORWARDER_MAX_RETRY_MS,
    });
    let store: PullWorker | undefined;
    return {
      services: [
        {
          definition: loadKeyfragProto().audit,
          implementation: auditHandlers({
            chain,
            queries,
            forwarders,
            auditKey: config.KF_AUDIT_KEY_FILE,
            logger: log,
          }),
        },
      ],
      // Ready only once the store consumes.
      start: async () => {
        store = await startStoreConsumer({ nc, stream, chain, logger: log });
        await forwarders.start();
      },
      // Each consumer finishes the batch in hand (appends are atomic) and hands the rest back.
      stop: async () => {
        await Promise.all([store?.stop(), forwarders.stop()]);
      },
    };
  },
});
