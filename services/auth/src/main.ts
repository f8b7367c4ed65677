import { connectBus, createAuditEmitter } from "@keyfrag/bus";
import {
  clientCredentials,
  createPolicyClient,
  loadKeyfragProto,
  loadTlsFiles,
  onShutdown,
  runMain,
  serverCredentials,
  startServer,
} from "@keyfrag/rpc";
import { Redis } from "ioredis";
import { pino } from "pino";
import { createAuthService } from "./auth-service.js";
import { bootstrapAdmin } from "./bootstrap/admin-bootstrap.js";
import { loadConfig } from "./config.js";

/** Composition root of an auth replica. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.KF_LOG_LEVEL, base: { service: "auth", auth: config.nodeId } });
  const tls = await loadTlsFiles({
    caFile: config.KF_TLS_CA,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  });
  const redis = new Redis(config.KF_REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const nc = await connectBus(config.KF_NATS_URL, `auth:${config.nodeId}`);
  const audit = createAuditEmitter({
    nc,
    prefix: config.KF_CLUSTER,
    service: "auth",
    auditKey: config.KF_AUDIT_KEY_FILE,
  });

  const auth = createAuthService({
    redis,
    nc,
    audit,
    logger: log,
    settings: {
      redisPrefix: config.KF_REDIS_PREFIX,
      cluster: config.KF_CLUSTER,
      issuer: config.KF_TOKEN_ISSUER,
      defaultTtlSeconds: config.KF_TOKEN_DEFAULT_TTL_SECONDS,
      maxTtlSeconds: config.KF_TOKEN_MAX_TTL_SECONDS,
      keyRotationMs: config.KF_TOKEN_KEY_ROTATION_MS,
      maxLoginFailures: config.KF_LOGIN_MAX_FAILURES,
      loginFailureWindowMs: config.KF_LOGIN_FAILURE_WINDOW_MS,
    },
  });
  await auth.start();

  const server = await startServer({
    address: config.KF_LISTEN,
    credentials: serverCredentials(tls),
    services: [{ definition: loadKeyfragProto().auth, implementation: auth.handlers }],
    logger: log,
  });
  log.info({ port: server.port }, "auth serving");
  // One line on stdout that launchers and tests can wait for.
  console.log(JSON.stringify({ ready: "auth", port: server.port }));

  // In the background: the policy service may start after us.
  const policy = config.KF_POLICY_ADDRESS
    ? createPolicyClient(config.KF_POLICY_ADDRESS, clientCredentials(tls))
    : undefined;
  if (policy && config.KF_BOOTSTRAP_CREDENTIALS_FILE) {
    const credentialsFile = config.KF_BOOTSTRAP_CREDENTIALS_FILE;
    bootstrapAdmin({
      redis,
      prefix: config.KF_REDIS_PREFIX,
      methods: auth.methods,
      policy,
      audit,
      credentialsFile,
      nodeId: config.nodeId,
      log,
    })
      .then((outcome) => {
        // Launchers show the operator where the credentials are; the key itself is only in the file.
        if (outcome === "bootstrapped")
          console.log(JSON.stringify({ bootstrap: { credentialsFile } }));
      })
      .catch((err: unknown) => log.error({ err }, "bootstrap failed; the next start retries"));
  } else {
    log.warn("KF_POLICY_ADDRESS is not set: no admin bootstrap");
  }

  onShutdown(async (signal) => {
    log.info({ signal }, "shutting down");
    policy?.close();
    await server.shutdown(5_000);
    auth.stop();
    await nc.drain().catch(() => undefined);
    redis.disconnect();
  });
}

runMain(main);
