/**
 * @keyfrag/runtime: the part of a control-plane service's composition root that is the same in
 * every service — logger, TLS material, Redis (unless `redis: false`) and NATS connections, the
 * gRPC server, the ready line, and the shutdown order (the service's `beforeShutdown` → health
 * NOT_SERVING → drain the server → the service's own stop → drain NATS → close Redis). Each
 * service's main.ts says only what is its own.
 */

import type { ServerCredentials } from "@grpc/grpc-js";
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
  /** Required unless the service runs without Redis (`redis: false`). */
  KF_REDIS_URL?: string | undefined;
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

/** What the runtime connected for a service that runs without Redis. */
export type RuntimeWithoutRedis = Omit<Runtime, "redis">;

/** What a service adds: its gRPC services and its own start and stop steps. */
export interface ServiceParts {
  services: ServiceRegistration[];
  /** Runs once the server listens, before the ready line (e.g. start consumers). */
  start?: (server: { port: number }) => Promise<void>;
  /** More fields for the ready line (e.g. the address others reach the service at). */
  ready?: () => Record<string, unknown>;
  /** Runs first on shutdown, before the server drains (e.g. stop announcing the service). */
  beforeShutdown?: () => void;
  /** Runs after the server drained, before NATS and Redis close. */
  stop?: () => Promise<void>;
}

interface CommonOptions<C extends RuntimeConfig> {
  /** The service's name: in logs, the NATS client name and the ready line. */
  name: string;
  loadConfig: () => C;
  /** Log to stderr, keeping stdout for the ready line and the service's own output. */
  logToStderr?: boolean;
  /** The server's credentials (default: cluster mTLS, `serverCredentials(tls)`). */
  serverCredentials?: (tls: TlsMaterial) => ServerCredentials;
}

export interface RunServiceOptions<C extends RuntimeConfig> extends CommonOptions<C> {
  redis?: true;
  build: (runtime: Runtime, config: C) => Promise<ServiceParts> | ServiceParts;
}

export interface RunServiceWithoutRedisOptions<C extends RuntimeConfig> extends CommonOptions<C> {
  /** The service keeps no state in Redis (e.g. a fragment manager): no connection is made. */
  redis: false;
  build: (runtime: RuntimeWithoutRedis, config: C) => Promise<ServiceParts> | ServiceParts;
}

/** Runs a service process; a failure to start exits non-zero with the reason. */
export function runService<C extends RuntimeConfig>(
  options: RunServiceOptions<C> | RunServiceWithoutRedisOptions<C>,
): void {
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
    let redis: Redis | undefined;
    if (options.redis !== false) {
      if (!config.KF_REDIS_URL) throw new Error(`${options.name}: KF_REDIS_URL is required`);
      redis = new Redis(config.KF_REDIS_URL, { lazyConnect: true });
      redis.on("error", (err) => log.warn({ err }, "redis connection error"));
      await redis.connect();
    }
    const nc = await connectBus(config.KF_NATS_URL, `${options.name}:${config.nodeId}`, config);

    const parts =
      options.redis === false
        ? await options.build({ log, tls, nc }, config)
        : await options.build({ log, tls, redis: redis as Redis, nc }, config);
    const server = await startServer({
      address: config.KF_LISTEN,
      credentials: (options.serverCredentials ?? serverCredentials)(tls),
      services: parts.services,
      logger: log,
    });
    await parts.start?.({ port: server.port });
    log.info({ port: server.port }, `${options.name} serving`);
    // One line on stdout that launchers and tests can wait for.
    console.log(JSON.stringify({ ready: options.name, port: server.port, ...parts.ready?.() }));

    onShutdown(async (signal) => {
      log.info({ signal }, "shutting down");
      parts.beforeShutdown?.();
      await server.shutdown(5_000);
      await parts.stop?.();
      await nc.drain().catch(() => undefined);
      redis?.disconnect();
    });
  });
}

export { createSemaphore, type Semaphore } from "./semaphore.js";
