import { connectBus, publishJson } from "@keyfrag/bus";
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
import { loadConfig } from "./config.js";
import { createItemService } from "./item/item-service.js";
import { createItemStore } from "./item/item-store.js";
import { secretsChangedSubject } from "./item/item-types.js";
import { secretsHandlers } from "./secrets-grpc.js";

/** Composition root of a secrets service replica. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({
    level: config.KF_LOG_LEVEL,
    base: { service: "secrets", node: config.nodeId },
  });
  const tls = await loadTlsFiles({
    caFile: config.KF_TLS_CA,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  });
  const redis = new Redis(config.KF_REDIS_URL, { lazyConnect: true });
  redis.on("error", (err) => log.warn({ err }, "redis connection error"));
  await redis.connect();
  const nc = await connectBus(config.KF_NATS_URL, `secrets:${config.nodeId}`);
  const changed = secretsChangedSubject(config.KF_CLUSTER);

  // No cache here: every read goes to Redis, so replicas never disagree; the gateway caches
  // and drops an item when its change event arrives (or its TTL runs out).
  const items = createItemService({
    store: createItemStore(redis, config.KF_REDIS_PREFIX),
    maxCiphertextBytes: config.KF_MAX_CIPHERTEXT_BYTES,
    publish: (change) => {
      try {
        publishJson(nc, changed, change);
      } catch (err) {
        // The change is stored; caches that miss this event still expire by their TTL.
        log.error({ err, change }, "could not publish an item change event");
      }
    },
  });

  const server = await startServer({
    address: config.KF_LISTEN,
    credentials: serverCredentials(tls),
    services: [
      {
        definition: loadKeyfragProto().secrets,
        implementation: secretsHandlers({ items, logger: log }),
      },
    ],
    logger: log,
  });
  log.info({ port: server.port }, "secrets serving");
  // One line on stdout that launchers and tests can wait for.
  console.log(JSON.stringify({ ready: "secrets", port: server.port }));

  onShutdown(async (signal) => {
    log.info({ signal }, "shutting down");
    await server.shutdown(5_000);
    await nc.drain().catch(() => undefined);
    redis.disconnect();
  });
}

runMain(main);
