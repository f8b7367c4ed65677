import { createAuditEmitter, enforceAuditStreamLimits, ensureAuditStream } from "@keyfrag/bus";
import { loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { auditHandlers } from "./audit-grpc.js";
import { createChainStore } from "./chain/chain-store.js";
import { createRetention } from "./chain/retention.js";
import { loadConfig } from "./config.js";
import type { PullWorker } from "./consumer/pull-worker.js";
import { createRefusalReport } from "./consumer/refusal-report.js";
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
    // The owner of the stream sets limits a stream made by an older version lacks.
    await enforceAuditStreamLimits(nc, config.KF_CLUSTER).catch((err: unknown) =>
      log.warn({ err }, "could not set the audit stream's message-size limit"),
    );
    const auditKey = config.KF_AUDIT_KEY_FILE;
    // The service's own events (prunes, refused messages) go through the stream like any other.
    const audit = createAuditEmitter({
      nc,
      prefix: config.KF_CLUSTER,
      service: "audit",
      auditKey,
      deniedBudget: { windowMs: config.KF_AUDIT_SUMMARY_INTERVAL_MS },
    });
    const refusals = createRefusalReport({
      audit,
      logger: log,
      intervalMs: config.KF_AUDIT_SUMMARY_INTERVAL_MS,
    });
    const chain = createChainStore({ redis, prefix: config.KF_REDIS_PREFIX, auditKey });
    const retention = createRetention({
      chain,
      audit,
      logger: log,
      retentionMs: config.KF_AUDIT_RETENTION_DAYS * 86_400_000,
      intervalMs: config.KF_AUDIT_PRUNE_INTERVAL_MS,
    });
    const queries = createAuditQueries({ redis, chain });
    const forwarders = createForwarderService({
      redis,
      prefix: config.KF_REDIS_PREFIX,
      nc,
      cluster: config.KF_CLUSTER,
      stream,
      chain,
      secrets: createSecretBox(config.KF_AUDIT_KEY_FILE),
      auditKey,
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
        store = await startStoreConsumer({
          nc,
          stream,
          chain,
          logger: log,
          auditKey,
          onRefused: refusals.refused,
        });
        await forwarders.start();
        retention.start();
        // Records stored before the path index existed join it in the background; queries by
        // path walk the time index until then.
        void chain
          .buildPathIndex()
          .catch((err: unknown) => log.error({ err }, "could not build the audit path index"));
      },
      // Each consumer finishes the batch in hand (appends are atomic) and hands the rest back.
      stop: async () => {
        await Promise.all([store?.stop(), forwarders.stop(), retention.stop()]);
        await refusals.close().catch(() => undefined);
        await audit.close().catch(() => undefined);
      },
    };
  },
});
