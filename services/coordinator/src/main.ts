import {
  createAuditEmitter,
  openHeartbeat,
  SignedHeartbeatSchema,
  subjects,
  subscribeJson,
} from "@keyfrag/bus";
import { loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { loadConfig } from "./config.js";
import { coordinatorHandlers } from "./coordinator-grpc.js";
import { createCustomerLinks } from "./keys/customer-links.js";
import { createFragmentClients } from "./keys/fragment-client.js";
import { auditedKeys } from "./keys/key-audit.js";
import { createKeyRegistry } from "./keys/key-registry.js";
import { createKeyService, type FaultStep } from "./keys/key-service.js";
import { createLeaderElection } from "./leader/leader-election.js";
import { createRefreshSchedule } from "./refresh/refresh-schedule.js";
import { createHeldKeySync } from "./topology/held-key-sync.js";
import { createTopology } from "./topology/topology.js";

/** Refresh schedules a new leader (re)installs at once: one Redis script each. */
const SCHEDULES_AT_ONCE = 32;

/** Composition root of a coordinator. */
runService({
  name: "coordinator",
  loadConfig,
  build: ({ log, tls, redis, nc }, config) => {
    if (config.deprecatedIdVariable) {
      log.warn("KF_COORDINATOR_ID is deprecated: name the node with KF_NODE_ID");
    }
    const topology = createTopology({
      staleAfterMs: config.KF_STALE_AFTER_MS,
      customerSlots: config.KF_CUSTOMER_SLOTS.map((c) => c.slot),
    });
    // Only heartbeats a node signed with its certificate's key (cluster CA) count: NATS is not trusted.
    const heartbeats = subscribeJson(
      nc,
      subjects(config.KF_CLUSTER).heartbeat,
      SignedHeartbeatSchema,
      (signed) => {
        const hb = openHeartbeat(signed, { caPem: tls.ca });
        topology.observe(hb);
        // Heartbeats carry a digest per held-key set; what changed is fetched from the node.
        heldKeys.poke(hb.nodeId);
      },
      (err) => log.warn({ err }, "ignored a malformed or unsigned heartbeat"),
    );

    // Set when this coordinator becomes leader; the repair loop runs recovery until it succeeds.
    let recoveryDue = false;
    const leader = createLeaderElection({
      redis,
      namespace: config.KF_REDIS_PREFIX,
      id: config.nodeId,
      ttlMs: config.KF_LEADER_TTL_MS,
      onChange: (isLeader, token) => {
        log.info({ leader: isLeader, token }, isLeader ? "became leader" : "lost leadership");
        recoveryDue = isLeader;
        // The refresh schedule's worker runs only on the leader (called only once started), and
        // only the leader keeps the index of key versions repair examines.
        if (!isLeader) {
          void schedule.stopWorker();
          keys.dropIndex();
        }
      },
    });
    // Gateways' customer fragments attach here (CustomerLink): the coordinator never dials one.
    const customerLinks = createCustomerLinks({
      customerSlots: config.KF_CUSTOMER_SLOTS.map((c) => c.slot),
      log: log.child({ component: "customer-link" }),
    });
    const fragments = createFragmentClients(
      tls,
      () => leader.token(),
      customerLinks,
      config.KF_FRAGMENT_DEADLINE_MS,
    );
    // Messages arrive on later turns of the event loop, after this is set.
    const heldKeys = createHeldKeySync({ topology, fetch: fragments.heldKeys, log });
    const fault = (step: FaultStep) => {
      if (config.KF_FAULT_STEP === step) {
        log.error({ step }, "fault injection: crashing");
        process.exit(86);
      }
    };
    const registry = createKeyRegistry(redis, config.KF_REDIS_PREFIX, leader);
    const audit = createAuditEmitter({
      nc,
      prefix: config.KF_CLUSTER,
      service: "coordinator",
      auditKey: config.KF_AUDIT_KEY_FILE,
    });
    const keys = auditedKeys(
      createKeyService({
        topology,
        registry,
        fragments: fragments.port,
        log,
        fault,
        settleMs: config.KF_STALE_AFTER_MS,
        customerFragments: config.KF_CUSTOMER_SLOTS,
      }),
      audit,
      log,
      config.nodeId,
    );
    const schedule = createRefreshSchedule({
      connection: redis,
      prefix: `${config.KF_REDIS_PREFIX}:bull`,
      intervalMs: config.KF_REFRESH_INTERVAL_MS,
      lastRefreshAt: async (name, version) => (await registry.get(name, version))?.lastRefreshAt,
      refresh: (name, version) => keys.refreshKey(name, version),
      log,
    });

    /** A new leader's first duties: finish what the previous one left, install schedules, start the worker. */
    const takeOver = async () => {
      await keys.recover();
      // Keys an older coordinator recorded are added to the name index ClusterStatus pages.
      await keys.indexNames();
      // What repair examines from now on, read once page by page; also the keys to schedule.
      await keys.loadIndex();
      const versions = [...keys.indexedKeys()];
      for (let i = 0; i < versions.length; i += SCHEDULES_AT_ONCE) {
        await Promise.all(
          versions
            .slice(i, i + SCHEDULES_AT_ONCE)
            .map((k) => schedule.schedule(k.name, k.version, k.lastRefreshAt)),
        );
      }
      if (leader.isLeader()) schedule.startWorker();
    };

    // One loop does the leader's periodic work: take over (retried until it succeeds), then
    // repair. It waits one staleness period after election so the topology is complete.
    let repairTimer: NodeJS.Timeout | undefined;
    const startRepairLoop = () => {
      let busy = false;
      let leaderSince = 0;
      repairTimer = setInterval(() => {
        if (!leader.isLeader() || busy) {
          if (!leader.isLeader()) leaderSince = 0;
          return;
        }
        leaderSince ||= Date.now();
        if (Date.now() - leaderSince < config.KF_STALE_AFTER_MS) return;
        busy = true;
        const work = recoveryDue
          ? takeOver().then(() => {
              recoveryDue = false;
            })
          : keys.repair();
        work
          .catch((err: unknown) =>
            log.warn({ err }, recoveryDue ? "take-over failed; will retry" : "repair pass failed"),
          )
          .finally(() => {
            busy = false;
          });
      }, config.KF_REPAIR_INTERVAL_MS);
    };

    return {
      services: [
        {
          definition: loadKeyfragProto().coordinator,
          implementation: coordinatorHandlers({
            coordinatorId: config.nodeId,
            keys,
            topology,
            leader,
            onKeyCreated: (rec) => schedule.schedule(rec.name, rec.version, rec.lastRefreshAt),
            storeReady: () => redis.status === "ready",
            logger: log,
          }),
        },
        {
          definition: loadKeyfragProto().customerLink,
          implementation: { Attach: customerLinks.attach },
        },
      ],
      start: async () => {
        await leader.start();
        startRepairLoop();
      },
      beforeShutdown: () => {
        clearInterval(repairTimer);
        // Long-lived streams would hold the server's drain until its forced shutdown.
        customerLinks.close();
      },
      stop: async () => {
        await schedule.close().catch(() => undefined);
        await leader.stop();
        heartbeats.unsubscribe();
        await audit
          .close()
          .catch((err: unknown) => log.warn({ err }, "audit summary not recorded"));
        fragments.close();
      },
    };
  },
});
