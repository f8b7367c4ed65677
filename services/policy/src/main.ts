import { connectBus, publishJson, subjects } from "@keyfrag/bus";
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
import { createPolicyService } from "./policy/policy-service.js";
import { createPolicyStore } from "./policy/policy-store.js";
import { policyHandlers } from "./policy-grpc.js";

/** Composition root of a policy service replica. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({
    level: config.KF_LOG_LEVEL,
    base: { service: "policy", node: config.nodeId },
  });
  const tls = await loadTlsFiles({
    caFile: config.KF_TLS_CA,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  });
  const redis = new Redis(config.KF_REDIS_URL, { lazyConnect: true });
  redis.on("error", (err) => log.warn({ err }, "redis connection error"));
  await redis.connect();
  const nc = await connectBus(config.KF_NATS_URL, `policy:${config.nodeId}`);
  const changed = subjects(config.KF_CLUSTER).policyChanged;

  // No in-memory copy of roles or associations here: a decision is two Redis round trips,
  // callers cache decisions themselves (libs/policy-client), and a replica without a cache
  // can never serve another replica's stale policy.
  const policy = createPolicyService({
    store: createPolicyStore(redis, config.KF_REDIS_PREFIX),
    publish: (change) => {
      try {
        publishJson(nc, changed, { ...change, at: Date.now() });
      } catch (err) {
        // The change is stored; caches that miss this event still expire by their TTL.
        log.error({ err, change }, "could not publish a policy change event");
      }
    },
  });

  const server = await startServer({
    address: config.KF_LISTEN,
    credentials: serverCredentials(tls),
    services: [
      {
        definition: loadKeyfragProto().policy,
        implementation: policyHandlers({ policy, logger: log }),
      },
    ],
    logger: log,
  });
  log.info({ port: server.port }, "policy serving");
  // One line on stdout that launchers and tests can wait for.
  console.log(JSON.stringify({ ready: "policy", port: server.port }));

  onShutdown(async (signal) => {
    log.info({ signal }, "shutting down");
    await server.shutdown(5_000);
    await nc.drain().catch(() => undefined);
    redis.disconnect();
  });
}

runMain(main);
