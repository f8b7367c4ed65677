import { connectBus, ensureAuditStream } from "@keyfrag/bus";
import {
  loadKeyfragProto,
  loadTlsFiles,
  onShutdown,
  runMain,
  serverCredentials,
  startServer,
} from "@keyfrag/rpc";
import { Redis } from "ioredis";
import { pino } from "pino";
import { auditHandlers } from "./audit-grpc.js";
import { createChainStore } from "./chain/chain-store.js";
import { loadConfig } from "./config.js";
import { startStoreConsumer } from "./consumer/store-consumer.js";
import { createForwarderService } from "./forwarders/forwarder-service.js";
import { createSecretBox } from "./forwarders/secret-box.js";
import { createAuditQueries } from "./query/audit-query.js";

/** Composition root of an audit replica. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Logs go to stderr: stdout carries the ready line and the stdout forwarder's JSON lines.
  const log = pino(
    { level: config.KF_LOG_LEVEL, base: { service: "audit", audit: config.nodeId } },
    pino.destination(2),
  );
  const tls = await loadTlsFiles({
    caFile: config.KF_TLS_CA,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  });
  const redis = new Redis(config.KF_REDIS_URL, { lazyConnect: true });
  redis.on("error", (err) => log.warn({ err }, "redis connection error"));
  await redis.connect();
  const nc = await connectBus(config.KF_NATS_URL, `audit:${config.nodeId}`);
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

  const server = await startServer({
    address: config.KF_LISTEN,
    credentials: serverCredentials(tls),
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
    logger: log,
  });
  const store = await startStoreConsumer({ nc, stream, chain, logger: log });
  await forwarders.start();
  log.info({ port: server.port, stream }, "audit serving");
  // One line on stdout that launchers and tests can wait for, once the store consumes.
  console.log(JSON.stringify({ ready: "audit", port: server.port }));

  onShutdown(async (signal) => {
    log.info({ signal }, "shutting down");
    await server.shutdown(5_000);
    // Each consumer finishes the batch in hand (appends are atomic) and hands the rest back.
    await Promise.all([store.stop(), forwarders.stop()]);
    await nc.drain().catch(() => undefined);
    redis.disconnect();
  });
}

runMain(main);
