/**
 * @keyfrag/runtime: the part of a control-plane service's composition root that is the same in
 * every service — logger, TLS material, Redis and NATS connections, the gRPC server, the ready
 * line, and the shutdown order (health NOT_SERVING → drain the server → the service's own stop
 * → drain NATS → close Redis). Each service's main.ts says only what is its own.
 */
import { connectBus, type NatsConnection } from "@keyfrag/bus";
import {
  loadTlsFiles,
  onShutdown,
  runMain,
  type ServiceRegistration,
  serverCredentials,
  startServer,
  type TlsMaterial,
} from "@keyfrag/rpc";
import { Redis } from "ioredis";
import { type Logger, pino } from "pino";

/** The variables `serviceEnv` (@keyfrag/config) parses, as a runtime needs them. */
export interface RuntimeConfig {
  KF_LISTEN: string;
  KF_TLS_CA: string;
  KF_TLS_CERT: string;
  KF_TLS_KEY: string;
  KF_REDIS_URL: string;
  KF_NATS_URL: string;
  KF_NATS_USER?: string | undefined;
  KF_NATS_PASSWORD_FILE?: string | undefined;
  KF_LOG_LEVEL: string;
  nodeId: string;
}

/** What the runtime connected for the service. */
export interface Runtime {
  log: Logger;
  tls: TlsMaterial;
  redis: Redis;
  nc: NatsConnection;
}

/** What a service adds: its gRPC services and its own start and stop steps. */
export interface ServiceParts {
  services: ServiceRegistration[];
  /** Runs once the server listens, before the ready line (e.g. start consumers). */
  start?: () => Promise<void>;
  /** Runs after the server drained, before NATS and Redis close. */
  stop?: () => Promise<void>;
}

export interface RunServiceOptions<C extends RuntimeConfig> {
  /** The service's name: in logs, the NATS client name and the ready line. */
  name: string;
  loadConfig: () => C;
  build: (runtime: Runtime, config: C) => Promise<ServiceParts> | ServiceParts;
  /** Log to stderr, keeping stdout for the ready line and the service's own output. */
  logToStderr?: boolean;
}

/** Runs a control-plane service process; a failure to start exits non-zero with the reason. */
export function runService<C extends RuntimeConfig>(options: RunServiceOptions<C>): void {
  runMain(async () => {
    const config = options.loadConfig();
    const settings = {
      level: config.KF_LOG_LEVEL,
      base: { service: options.name, node: config.nodeId },
    };
    const log = options.logToStderr ? pino(settings, pino.destination(2)) : pino(settings);
    const tls = await loadTlsFiles({
      caFile: config.KF_TLS_CA,
      certFile: config.KF_TLS_CERT,
      keyFile: config.KF_TLS_KEY,
    });
    const redis = new Redis(config.KF_REDIS_URL, { lazyConnect: true });
    redis.on("error", (err) => log.warn({ err }, "redis connection error"));
    await redis.connect();
    const nc = await connectBus(config.KF_NATS_URL, `${options.name}:${config.nodeId}`, config);

    const parts = await options.build({ log, tls, redis, nc }, config);
    const server = await startServer({
      address: config.KF_LISTEN,
      credentials: serverCredentials(tls),
      services: parts.services,
      logger: log,
    });
    await parts.start?.();
    log.info({ port: server.port }, `${options.name} serving`);
    // One line on stdout that launchers and tests can wait for.
    console.log(JSON.stringify({ ready: options.name, port: server.port }));

    onShutdown(async (signal) => {
      log.info({ signal }, "shutting down");
      await server.shutdown(5_000);
      await parts.stop?.();
      await nc.drain().catch(() => undefined);
      redis.disconnect();
    });
  });
}

export { createSemaphore, type Semaphore } from "./semaphore.js";
