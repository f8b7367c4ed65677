import { readFile } from "node:fs/promises";
import { createTokenVerifier } from "@keyfrag/auth-client";
import { createAuditEmitter } from "@keyfrag/bus";
import { cryptoDescription } from "@keyfrag/crypto";
import { createDfcClient, grpcReplicaPort } from "@keyfrag/dfc-client";
import { certificateKeyPin, readKeyPins, startFragmentNode } from "@keyfrag/fragment-node";
import { createPolicyDecisionCache } from "@keyfrag/policy-client";
import {
  call,
  clientCredentials,
  createAuditClient,
  createAuthClient,
  createPolicyClient,
  createProducersClient,
  createSecretsClient,
  loadKeyfragProto,
  type RunningServer,
  serverCredentials,
  startServer,
} from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { createCachePreloader } from "./cache/cache-preloader.js";
import { pollSecretChanges } from "./cache/change-poll.js";
import { createSecretCache } from "./cache/secret-cache.js";
import { watchSecretChanges } from "./cache/secret-changes.js";
import { loadConfig } from "./config.js";
import { type AutoBackup, readBackupPassphrase, startAutoBackup } from "./customer/auto-backup.js";
import { internalHandlers } from "./dynamic/internal-handlers.js";
import { createProducerKeys } from "./dynamic/producer-keys.js";
import { exportAuditEvents, gatewayOperations } from "./gateway-grpc.js";
import { createSecretService } from "./items/secret-service.js";
import { createCombinePool } from "./keys/combine-pool.js";
import { createKeyItems } from "./keys/key-items.js";
import { createKeyService } from "./keys/key-service.js";
import { fileKeyViewStore, keyViewsMacKey } from "./keys/key-view-store.js";
import { createKeyViews } from "./keys/key-views.js";
import { grpcHandlers } from "./pipeline/operations.js";
import { createPageTokens } from "./pipeline/page-tokens.js";
import { createPipeline } from "./pipeline/pipeline.js";
import { type RestServer, startRestServer } from "./rest/rest-server.js";
import { createRotationJobs, dfcDerive, rotateKeyItem } from "./rotation/index.js";
import { publicServerCredentials } from "./transport/public-credentials.js";
import { createCoordinatorPool } from "./upstream/coordinators.js";
import { ensureSystemKey } from "./upstream/system-key.js";

/** Composition root of a gateway. */
runService({
  name: "gateway",
  // BullMQ (rewrap and rotation checks) needs a connection that retries commands without end.
  redisOptions: { maxRetriesPerRequest: null },
  loadConfig,
  build: async ({ log, tls, redis, nc, signal }, config) => {
    const extraClientCas = config.KF_CLIENT_CA_FILE
      ? await readFile(config.KF_CLIENT_CA_FILE)
      : undefined;
    // Calls to the services behind present the gateway's own cluster certificate.
    const internal = clientCredentials(tls);
    // The customer fragment: a fragment node of its own slot, in this (the customer's) process.
    // With KF_CUSTOMER_BACKUP_DIR, every change of its store is backed up (customer/auto-backup.ts).
    const backupPassphrase = config.KF_CUSTOMER_BACKUP_PASSPHRASE_FILE
      ? await readBackupPassphrase(config.KF_CUSTOMER_BACKUP_PASSPHRASE_FILE)
      : undefined;
    const customer = config.customer
      ? await startFragmentNode(
          config.customer,
          log.child({ customer: true, node: config.customer.KF_NODE_ID }),
          {
            customer: true,
            envPrefix: "KF_CUSTOMER_",
            // Only this gateway and the customer's others it lists: never any CA-made `gateway`.
            gatewayPins: [
              certificateKeyPin(tls.cert),
              ...(await readKeyPins(config.KF_CUSTOMER_GATEWAYS_FILE, "KF_CUSTOMER_GATEWAYS_FILE")),
            ],
            // Orders come over links this node opens to every coordinator: outbound only.
            coordinators: config.KF_COORDINATOR_ADDRESSES,
            // This gateway calls it in process; a port only for the customer's other gateways.
            listen: config.KF_CUSTOMER_LISTEN !== undefined,
          },
        )
      : undefined;
    const autoBackup: AutoBackup | undefined =
      customer && config.KF_CUSTOMER_BACKUP_DIR && backupPassphrase !== undefined
        ? await startAutoBackup({
            dir: config.KF_CUSTOMER_BACKUP_DIR,
            passphrase: backupPassphrase,
            keep: config.KF_CUSTOMER_BACKUP_KEEP,
            files: customer.backupFiles,
            log: log.child({ customer: true, component: "customer-backup" }),
          })
        : undefined;
    // Told from here on, as the node's option was before: its first generation (written at
    // start) holds what changed before.
    if (autoBackup) customer?.onStoreChange((change) => autoBackup.changed(change));

    const auth = createAuthClient(config.KF_AUTH_ADDRESS, internal);
    const policy = createPolicyClient(config.KF_POLICY_ADDRESS, internal);
    const auditClient = createAuditClient(config.KF_AUDIT_ADDRESS, internal);
    const secrets = createSecretsClient(config.KF_SECRETS_ADDRESS, internal);
    const producers = config.KF_PRODUCERS_ADDRESS
      ? createProducersClient(config.KF_PRODUCERS_ADDRESS, internal)
      : undefined;
    const coordinators = createCoordinatorPool(config.KF_COORDINATOR_ADDRESSES, internal, {
      onUnavailable: (message, err) => log.warn({ err }, message),
    });
    // This gateway's own customer fragment is called in process, as this gateway: the node's
    // handlers see this gateway's certificate, as over its port, so the customer guard's pin
    // check (and every other) still holds.
    const replicas = grpcReplicaPort(
      internal,
      customer ? { nodeId: customer.nodeId, call: customer.callerFor(tls.cert).call } : undefined,
    );

    const verifier = createTokenVerifier({
      auth,
      nc,
      cluster: config.KF_CLUSTER,
      onWarning: (message, err) => log.warn({ err }, message),
    });
    const decisions = createPolicyDecisionCache({
      policy,
      nc,
      cluster: config.KF_CLUSTER,
      ttlMs: config.KF_DECISION_CACHE_MS,
    });
    const audit = createAuditEmitter({
      nc,
      prefix: config.KF_CLUSTER,
      service: "gateway",
      auditKey: config.KF_AUDIT_KEY_FILE,
    });

    // A key is used only while its dfc-key item exists and is not deleted.
    const keyItems = createKeyItems({
      secrets,
      maxStaleMs: config.KF_CACHE_MAX_STALE_MS,
      onStale: (name, err) =>
        log.debug({ key: name, err }, "secrets service unavailable: key used on its last check"),
    });
    // The key views used: kept while no coordinator answers, and across restarts in KF_DATA_DIR.
    const keyViews = createKeyViews({
      getKey: (name, version) => coordinators.anyOf("GetKey", { name, version }),
      ...(config.KF_DATA_DIR
        ? {
            store: fileKeyViewStore({
              dir: config.KF_DATA_DIR,
              macKey: keyViewsMacKey(tls.key, config.KF_CLUSTER),
              onRefused: (reason) => log.warn({ reason }, "stored key views not used"),
            }),
          }
        : {}),
      onWarning: (message, err) => log.warn({ err }, message),
    });
    const storedViews = await keyViews.start();
    log.info(
      { views: storedViews, persisted: config.KF_DATA_DIR !== undefined },
      "key views loaded",
    );
    // Proofs verified and partials combined on worker threads (KF_CRYPTO_THREADS; 0: here).
    const combinePool =
      config.KF_CRYPTO_THREADS > 0 ? createCombinePool(config.KF_CRYPTO_THREADS) : undefined;
    // The DFC client finds key versions through the key service, which signs and derives
    // through the DFC client: each reaches the other only when called, after both exist.
    const dfc = createDfcClient({
      keys: (...args) => keys.keySource(...args),
      port: replicas,
      ...(combinePool ? { combine: combinePool.combine } : {}),
      onReplicaError: ({ slot, replica, error }) =>
        log.warn(
          { slot, node: replica.nodeId, err: error },
          "fragment manager failed; trying another",
        ),
    });
    const keys = createKeyService({
      views: keyViews,
      coordinators,
      dfc: () => dfc,
      maxConcurrent: config.KF_KEY_OPERATIONS,
      verifyMaxVersions: config.KF_VERIFY_MAX_VERSIONS,
      maxConcurrentDerives: config.KF_DERIVE_OPERATIONS,
      maxDeriveBatch: config.KF_DERIVE_BATCH,
      usable: keyItems.check,
      customerSlot: config.KF_CUSTOMER_SLOT,
    });
    const secretService = createSecretService({
      secrets,
      keys,
      systemKey: config.KF_SYSTEM_KEY,
      maxValueBytes: config.KF_MAX_VALUE_BYTES,
    });

    const cache = createSecretCache({
      ttlMs: config.KF_CACHE_TTL_MS,
      maxStaleMs: config.KF_CACHE_MAX_STALE_MS,
      maxEntries: config.KF_CACHE_MAX_ENTRIES,
    });
    const preloader = createCachePreloader({
      paths: cache.enabled ? config.KF_CACHE_PRELOAD_PATHS : [],
      secrets,
      read: (names, version) => secretService.read(names, version),
      cache,
      intervalMs: Math.max(1_000, Math.floor(config.KF_CACHE_TTL_MS / 2)),
      logger: log,
    });
    // Also without a value cache: a key item deleted elsewhere must stop this gateway using it.
    const changes = watchSecretChanges({
      nc,
      cluster: config.KF_CLUSTER,
      cache,
      onReset: () => {
        log.info("NATS reconnected: secret cache dropped");
        keyItems.clear();
        preloader.trigger();
      },
      onChange: (change) => {
        keyItems.forget(change.name);
        // Values decrypted with a key that is now deleted must not be served from the cache.
        if (change.kind === "deleted" && keyItems.knows(change.name)) cache.clear();
      },
      onInvalid: (err) => log.warn({ err }, "ignored a malformed secrets change event"),
    });
    // Events are at most once: the change log bounds what a lost one costs.
    const changePoll = pollSecretChanges({
      listChanges: async (after, limit) => {
        const page = await call(secrets, "ListChanges", { after: String(after), limit });
        return { last: Number(page.last), names: page.names, truncated: page.truncated };
      },
      cache,
      intervalMs: config.KF_CACHE_CHECK_MS,
      onChange: (name) => {
        keyItems.forget(name);
        if (keyItems.knows(name)) cache.clear();
      },
      onReset: () => keyItems.clear(),
      onError: (err) => log.debug({ err }, "change log not polled"),
    });

    const rotateKey = rotateKeyItem({ keys, secrets });
    const producerKeys = createProducerKeys(
      redis,
      config.KF_REDIS_PREFIX,
      [config.KF_WEBHOOK_SIGNING_KEY],
      { maxStaleMs: config.KF_CACHE_MAX_STALE_MS },
    );
    const rotation = createRotationJobs({
      connection: redis,
      prefix: config.KF_REDIS_PREFIX,
      secrets,
      keys,
      derive: dfcDerive(dfc),
      rotate: rotateKey,
      audit,
      log,
      nodeId: config.nodeId,
      ...(config.KF_CUSTOMER_SLOT ? { customerSlot: config.KF_CUSTOMER_SLOT } : {}),
      checkEveryMs: config.KF_ROTATION_CHECK_MS,
      rewrapDelayMs: config.KF_REWRAP_DELAY_MS,
    });

    const pipeline = createPipeline({ verifier, decisions, audit, logger: log });
    // One set of operations, two transports: gRPC here, REST below.
    const operations = gatewayOperations({
      pipeline,
      verifier,
      auth,
      policy,
      audit: auditClient,
      secrets,
      secretService,
      cache,
      keys,
      keyItems,
      rotateKey,
      rotation,
      producers,
      producerKeys,
      systemKey: config.KF_SYSTEM_KEY,
      coordinators,
      pages: createPageTokens(config.KF_AUDIT_KEY_FILE),
      logger: log,
    });

    /** What the gateway needs before it serves: auth's token keys and its system keys. */
    const prepare = async () => {
      // Auth may still be starting: keep asking for its token keys.
      for (let attempt = 0; ; attempt++) {
        try {
          await verifier.start();
          break;
        } catch (err) {
          if (signal.aborted) return;
          if (attempt % 5 === 0) log.warn({ err }, "auth service not answering yet; retrying");
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
      const stopped = () => signal.aborted;
      await ensureSystemKey({
        name: config.KF_SYSTEM_KEY,
        keys,
        known: keyViews.known,
        secrets,
        logger: log,
        stopped,
      });
      if (signal.aborted) return;
      if (producers) {
        // The key webhook tokens are signed with: made once, by whichever gateway starts first.
        await ensureSystemKey({
          name: config.KF_WEBHOOK_SIGNING_KEY,
          algorithm: "ED25519",
          description:
            "keyfrag webhook signing key: signs the tokens of custom producers' webhook calls",
          keys,
          known: keyViews.known,
          secrets,
          logger: log,
          stopped,
        });
        if (signal.aborted) return;
      }
      await rotation.start();
    };

    // The REST API and GatewayInternal listen beside the public gRPC server.
    let restServer: RestServer | undefined;
    let internalServer: RunningServer | undefined;
    const startListeners = async () => {
      restServer =
        config.KF_REST_LISTEN === "off"
          ? undefined
          : await startRestServer({
              address: config.KF_REST_LISTEN,
              tls: {
                cert: tls.cert,
                key: tls.key,
                ca: extraClientCas
                  ? Buffer.concat([tls.ca, Buffer.from("\n"), extraClientCas])
                  : tls.ca,
              },
              operations,
              logger: log,
              maxBodyBytes: config.KF_REST_MAX_BODY_BYTES,
              limits: {
                maxConnections: config.KF_REST_MAX_CONNECTIONS,
                maxConnectionsPerClient: config.KF_REST_MAX_CONNECTIONS_PER_CLIENT,
                requestTimeoutMs: config.KF_REST_REQUEST_TIMEOUT_MS,
              },
            });
      // GatewayInternal on a listener of its own that requires a cluster certificate: the public
      // listener also trusts KF_CLIENT_CA_FILE, whose certificates must never act as a node.
      internalServer = config.KF_INTERNAL_LISTEN
        ? await startServer({
            address: config.KF_INTERNAL_LISTEN,
            credentials: serverCredentials(tls),
            services: [
              {
                definition: loadKeyfragProto().gatewayInternal,
                implementation: internalHandlers({ keys, producerKeys, logger: log }),
              },
            ],
            logger: log,
          })
        : undefined;
    };

    return {
      services: [
        {
          definition: loadKeyfragProto().gateway,
          implementation: {
            ...grpcHandlers(operations, log),
            // The one streaming method, through the same pipeline.
            ExportAuditEvents: exportAuditEvents({ pipeline, audit: auditClient }, log),
          },
        },
      ],
      credentials: publicServerCredentials(tls, extraClientCas),
      prepare,
      start: async () => {
        await startListeners();
        log.info(
          {
            internalPort: internalServer?.port,
            systemKey: config.KF_SYSTEM_KEY,
            cacheTtlMs: cache.enabled ? config.KF_CACHE_TTL_MS : 0,
            preloadPaths: config.KF_CACHE_PRELOAD_PATHS.length,
            customerSlot: customer?.slot,
            customerAddress: customer?.address,
            crypto: cryptoDescription(),
          },
          "gateway settings",
        );
        // Not awaited: the secrets service may be down now, and the next pass comes at TTL/2.
        preloader.start();
        changePoll.start();
      },
      ready: () => ({ restPort: restServer?.port }),
      drain: async () => {
        await Promise.all([
          internalServer?.shutdown(5_000),
          restServer
            ?.close()
            .catch((err: unknown) => log.warn({ err }, "REST listener did not close")),
        ]);
      },
      stop: async () => {
        await rotation
          .close()
          .catch((err: unknown) => log.warn({ err }, "rotation jobs did not close"));
        changes?.close();
        changePoll.stop();
        await preloader.stop();
        cache.close();
        await Promise.allSettled([verifier.close(), decisions.close()]);
        for (const c of [auth, policy, auditClient, secrets]) c.close();
        producers?.close();
        coordinators.close();
        replicas.close();
        await keyViews.flush();
        await combinePool?.close();
        await autoBackup?.close();
        await customer?.stop();
        // The last window's summary of denied events that were counted, not recorded one by one.
        await audit
          .close()
          .catch((err: unknown) => log.warn({ err }, "audit summary not recorded"));
      },
    };
  },
});
