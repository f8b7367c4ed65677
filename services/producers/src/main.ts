import { createAuditEmitter } from "@keyfrag/bus";
import { clientCredentials, loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { Redis } from "ioredis";
import { createCatalogService } from "./catalog/catalog-service.js";
import { createCatalogStore } from "./catalog/catalog-store.js";
import { payloadRotation } from "./catalog/payload-rotation.js";
import { loadConfig } from "./config.js";
import { DRIVERS, VALIDATORS } from "./drivers/index.js";
import { createGatewayPort } from "./gateway-port.js";
import { startJwksServer } from "./http/jwks-server.js";
import { createIssuers } from "./issuers/issuers.js";
import { createBackends } from "./leases/backends.js";
import { checkTtl, createLeaseService } from "./leases/lease-service.js";
import { createLeaseStore } from "./leases/lease-store.js";
import { createRevocations } from "./leases/revocations.js";
import { producersHandlers } from "./producers-grpc.js";

/** Composition root of a producers service replica. */
runService({
  name: "producers",
  loadConfig,
  build: async ({ log, tls, redis, nc }, config) => {
    const prefix = config.KF_REDIS_PREFIX;
    const audit = createAuditEmitter({
      nc,
      prefix: config.KF_CLUSTER,
      service: "producers",
      auditKey: config.KF_AUDIT_KEY_FILE,
    });
    const gateway = createGatewayPort(config.KF_GATEWAY_ADDRESSES, clientCredentials(tls));
    const catalogStore = createCatalogStore(redis, prefix);
    const leaseStore = createLeaseStore(redis, prefix);
    const catalog = createCatalogService({
      store: catalogStore,
      validators: VALIDATORS,
      maxLeaseTtlSeconds: config.KF_MAX_LEASE_TTL_SECONDS,
    });

    // BullMQ: its own connection (no retry limit per request), keys under `<prefix>:bull`.
    const bullConnection = new Redis(config.KF_REDIS_URL, { maxRetriesPerRequest: null });
    const revocations = createRevocations({
      connection: bullConnection,
      prefix: `${prefix}:bull`,
      log,
      baseBackoffMs: config.KF_REVOKE_BACKOFF_BASE_MS,
      maxBackoffMs: config.KF_REVOKE_BACKOFF_MAX_MS,
      concurrency: config.KF_REVOKE_CONCURRENCY,
      reconcileEveryMs: config.KF_RECONCILE_MS,
      reconcileGraceMs: config.KF_RECONCILE_GRACE_MS,
      expiredLeases: (before, limit, offset) => leaseStore.expiredIds(before, limit, offset),
    });
    const issuers = createIssuers({
      catalog: catalogStore,
      gateway,
      audit,
      nodeId: config.nodeId,
      webhookSigningKey: config.KF_WEBHOOK_SIGNING_KEY,
      checkTtl,
    });
    const backends = createBackends({
      catalog: catalogStore,
      gateway,
      drivers: DRIVERS,
      webhookToken: issuers.webhookToken,
      targetCredentialsTtlMs: config.KF_TARGET_CREDENTIALS_TTL * 1_000,
      targetPoolSize: config.KF_TARGET_POOL_SIZE,
    });
    const leases = createLeaseService({
      catalog: catalogStore,
      store: leaseStore,
      revocations,
      backends,
      audit,
      redis,
      prefix,
      log,
      nodeId: config.nodeId,
      revokeFailedAfterMs: config.KF_REVOKE_FAILED_AFTER_MS,
      revokedRetentionMs: config.KF_REVOKED_LEASE_RETENTION_MS,
    });
    let sweepTimer: NodeJS.Timeout | undefined;
    let http: Awaited<ReturnType<typeof startJwksServer>> | undefined;

    return {
      services: [
        {
          definition: loadKeyfragProto().producers,
          implementation: producersHandlers({
            catalog: {
              ...catalog,
              // Its pool closes at once here; other replicas see the record's new fingerprint
              // on their next use of the target.
              updateTarget: async (req) => {
                const updated = await catalog.updateTarget(req);
                backends.dropTarget(updated.name);
                return updated;
              },
            },
            store: {
              ...catalogStore,
              // Its pool and credentials go at once, not at the end of their TTL.
              deleteTarget: async (name: string) => {
                const deleted = await catalogStore.deleteTarget(name);
                backends.dropTarget(name);
                return deleted;
              },
            },
            leases,
            issuers,
            rotatePayload: payloadRotation({
              store: catalogStore,
              backends,
              gateway,
              audit,
              nodeId: config.nodeId,
            }),
            logger: log,
          }),
        },
      ],
      start: async () => {
        http = await startJwksServer({
          address: config.KF_HTTP_LISTEN,
          issuers,
          log,
        });
        log.info({ port: http.port }, "JWKS endpoints serving");
        // Due revocations resume here: BullMQ holds every job, none is read into memory.
        revocations.start((leaseId) => leases.processDue(leaseId));
        if (config.KF_SWEEP_INTERVAL_MS > 0) {
          sweepTimer = setInterval(() => {
            leases.sweepAll().catch((err: unknown) => log.warn({ err }, "orphan sweep failed"));
          }, config.KF_SWEEP_INTERVAL_MS);
          sweepTimer.unref();
        }
      },
      stop: async () => {
        if (sweepTimer) clearInterval(sweepTimer);
        await audit
          .close()
          .catch((err: unknown) => log.warn({ err }, "audit summary not recorded"));
        await http?.close();
        await revocations
          .close()
          .catch((err: unknown) => log.warn({ err }, "revocation queue did not close"));
        backends.close();
        bullConnection.disconnect();
        gateway.close();
      },
    };
  },
});
