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
import { Redis, type RedisOptions } from "ioredis";
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
  /** Aborted when SIGTERM/SIGINT arrives, also while the service is still starting. */
  signal: AbortSignal;
}

/** What the runtime connected for a service that runs without Redis. */
export type RuntimeWithoutRedis = Omit<Runtime, "redis">;

/** What a service adds: its gRPC services and its own start and stop steps. */
export interface ServiceParts {
  services: ServiceRegistration[];
  /** The server's credentials (default: cluster mTLS, `serverCredentials(tls)`). */
  credentials?: ServerCredentials;
  /**
   * Runs before the server listens: waits for what the service must have before it serves
   * (e.g. another service's keys). A shutdown meanwhile aborts `runtime.signal`; `prepare`
   * should then return soon, the server never starts and `stop` still runs.
   */
  prepare?: () => Promise<void>;
  /** Runs once the server listens, before the ready line (e.g. start consumers, other listeners). */
  start?: (server: { port: number }) => Promise<void>;
  /** More fields for the ready line (e.g. the address others reach the service at). */
  ready?: () => Record<string, unknown>;
  /** Runs first on shutdown, before the server drains (e.g. stop announcing the service). */
  beforeShutdown?: () => void;
  /** Closes the service's other listeners (opened in `start`), alongside the server's drain. */
  drain?: () => Promise<void>;
  /** Runs after the server drained, before NATS drains and Redis closes. */
  stop?: () => Promise<void>;
}

interface CommonOptions<C extends RuntimeConfig> {
  /** The service's name: in logs, the NATS client name and the ready line. */
  name: string;
  loadConfig: () => C;
  /** Log to stderr, keeping stdout for the ready line and the service's own output. */
  logToStderr?: boolean;
}

export interface RunServiceOptions<C extends RuntimeConfig> extends CommonOptions<C> {
  redis?: true;
  /** More ioredis options (e.g. `maxRetriesPerRequest: null`, which BullMQ needs). */
  redisOptions?: RedisOptions;
  build: (runtime: Runtime, config: C) => Promise<ServiceParts> | ServiceParts;
}

export interface RunServiceWithoutRedisOptions<C extends RuntimeConfig> extends CommonOptions<C> {
  /** The service keeps no state in Redis (e.g. a fragment manager): no connection is made. */
  redis: false;
  build: (runtime: RuntimeWithoutRedis, config: C) => Promise<ServiceParts> | ServiceParts;
}

/** How long a shutdown waits for a start in progress that does not heed the abort. */
const START_ABORT_GRACE_MS = 5_000;

/** One step of the shutdown, run in the reverse order of what was opened. */
type CloseStep = () => Promise<unknown> | unknown;

/**
 * Runs a service process; a failure to start exits non-zero with the reason. What it opens is
 * closed in reverse on SIGTERM/SIGINT, also when the signal comes while it is still starting.
 */
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
    const shutdown = new AbortController();
    const opened: CloseStep[] = [];
    const starting = openService(options, config, log, shutdown.signal, opened);
    onShutdown(async (signal) => {
      log.info({ signal }, "shutting down");
      shutdown.abort();
      await Promise.race([
        starting.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, START_ABORT_GRACE_MS).unref()),
      ]);
      let failure: unknown;
      for (const close of opened.reverse()) {
        try {
          await close();
        } catch (err) {
          log.error({ err }, "shutdown step failed");
          failure ??= err;
        }
      }
      if (failure !== undefined) throw failure;
    });
    try {
      await starting;
    } catch (err) {
      if (!shutdown.signal.aborted) throw err;
    }
  });
}

/**
 * Connects, builds and starts the service, pushing the step that closes each thing it opened
 * onto `opened` (so closing in reverse is the shutdown order: the service's beforeShutdown →
 * health NOT_SERVING and drain the servers → the service's stop → drain NATS → close Redis).
 */
async function openService<C extends RuntimeConfig>(
  options: RunServiceOptions<C> | RunServiceWithoutRedisOptions<C>,
  config: C,
  log: Logger,
  signal: AbortSignal,
  opened: CloseStep[],
): Promise<void> {
  const tls = await loadTlsFiles({
    caFile: config.KF_TLS_CA,
    certFile: config.KF_TLS_CERT,
    keyFile: config.KF_TLS_KEY,
  });
  let redis: Redis | undefined;
  if (options.redis !== false) {
    if (!config.KF_REDIS_URL) throw new Error(`${options.name}: KF_REDIS_URL is required`);
    const client = new Redis(config.KF_REDIS_URL, { ...options.redisOptions, lazyConnect: true });
    client.on("error", (err) => log.warn({ err }, "redis connection error"));
    opened.push(() => client.disconnect());
    await client.connect();
    redis = client;
  }
  const nc = await connectBus(config.KF_NATS_URL, `${options.name}:${config.nodeId}`, config);
  opened.push(() => nc.drain().catch(() => undefined));
  if (signal.aborted) return;

  const parts =
    options.redis === false
      ? await options.build({ log, tls, nc, signal }, config)
      : await options.build({ log, tls, redis: redis as Redis, nc, signal }, config);
  if (parts.stop) opened.push(parts.stop);
  await parts.prepare?.();
  if (signal.aborted) return;

  const server = await startServer({
    address: config.KF_LISTEN,
    credentials: parts.credentials ?? serverCredentials(tls),
    services: parts.services,
    logger: log,
  });
  opened.push(() => Promise.all([server.shutdown(5_000), parts.drain?.()]));
  if (parts.beforeShutdown) opened.push(parts.beforeShutdown);
  await parts.start?.({ port: server.port });
  const ready = { port: server.port, ...parts.ready?.() };
  log.info(ready, `${options.name} serving`);
  // One line on stdout that launchers and tests can wait for.
  console.log(JSON.stringify({ ready: options.name, ...ready }));
}

export { createSemaphore, type Semaphore } from "./semaphore.js";
