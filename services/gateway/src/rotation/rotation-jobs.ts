/**
 * The gateway's key-rotation background work on BullMQ: the `rewrap` queue (move stored
 * versions to a newer key version) and the `rotation-check` job scheduler (rotate keys whose
 * interval has passed). Every gateway runs both workers; BullMQ hands each job to exactly one of
 * them, so a rewrap or a check never runs twice at once. A customer-slot key's rewrap goes to
 * the queue of its customer slot (`rewrap-slot-<n>`), worked only by gateways holding that
 * slot: no other gateway can derive under the key, and one that took the job would fail it.
 */
import type { AuditEmitter } from "@keyfrag/bus";
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  type SecretsClient,
} from "@keyfrag/rpc";
import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { dueKeys } from "./auto-rotation.js";
import {
  encryptsUnder,
  type RewrapCounts,
  type RewrapCursor,
  type RewrapDeps,
  rewrapKey,
} from "./rewrap.js";

/** The pino subset used here. */
export interface RotationLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RewrapJobData {
  keyName: string;
  toVersion: number;
}

/** What one rotation check did. */
export interface RotationCheckResult {
  /** Keys rotated, with their new version. */
  rotated: { name: string; version: number }[];
  /** Keys whose rotation failed (retried at the next check). */
  failed: string[];
}

export interface RotationJobsDeps extends RewrapDeps {
  /** The gateway's Redis connection; workers use duplicates of it. */
  connection: Redis;
  /** Redis key prefix of the queues (the gateway's KF_REDIS_PREFIX). */
  prefix: string;
  secrets: SecretsClient;
  /** Rotates a DFC key (coordinator RotateKey + Secrets.AddKeyVersion); resolves with the new version. */
  rotate: (name: string) => Promise<number>;
  audit: Pick<AuditEmitter, "emit">;
  log: RotationLogger;
  /** This gateway's node id: automatic rotations are recorded as actor `gateway:<nodeId>`. */
  nodeId: string;
  /** This gateway's customer slot (KF_CUSTOMER_SLOT): it also works that slot's rewrap queue. */
  customerSlot?: number;
  /** How often keys are checked for a due rotation (KF_ROTATION_CHECK_MS). */
  checkEveryMs: number;
  /** Rewrap attempts before a job is given up (default 8), first retry after `backoffMs` (default 5 s), doubling. */
  attempts?: number;
  backoffMs?: number;
  /**
   * How long a rewrap waits after being queued (default 10 s): longer than the gateways' key
   * cache (KeyService `cacheMs`, 5 s), so every gateway knows the new version before any stored
   * ciphertext needs it.
   */
  rewrapDelayMs?: number;
  /** The clock the check compares rotation intervals against (tests move it). */
  now?: () => number;
}

const REWRAP_QUEUE = "rewrap";
/** The rewrap queue of the keys of one customer slot. */
const slotRewrapQueue = (slot: number) => `${REWRAP_QUEUE}-slot-${slot}`;

/** The customer slot a key item records (its rewrap runs only at a gateway of that slot). */
export const customerSlotOf = (item: {
  dfc_key?: { customer_slot?: boolean; customer_fragment_slot?: number } | null;
}): number | undefined =>
  (item.dfc_key?.customer_slot && item.dfc_key.customer_fragment_slot) || undefined;
const CHECK_QUEUE = "rotation-check";
const CHECK_SCHEDULER = "rotation-check";

/** A job id unique per (key, version): key names may hold ':', which BullMQ ids may not. */
const rewrapJobId = (keyName: string, toVersion: number) =>
  `rewrap|${encodeURIComponent(keyName)}|v${toVersion}`;

/** Creates the rotation queues; nothing runs until `start()`. */
export function createRotationJobs(deps: RotationJobsDeps) {
  const now = deps.now ?? Date.now;
  const actor = { authMethod: "node", accessId: `gateway:${deps.nodeId}` };
  /** Rewrap queues by name, opened on first use. */
  const rewrapQueues = new Map<string, Queue<RewrapJobData>>();
  const rewrapQueue = (name: string) => {
    let q = rewrapQueues.get(name);
    if (!q) {
      q = new Queue<RewrapJobData>(name, { connection: deps.connection, prefix: deps.prefix });
      rewrapQueues.set(name, q);
    }
    return q;
  };
  const checkQueue = new Queue(CHECK_QUEUE, { connection: deps.connection, prefix: deps.prefix });
  const workers: Worker[] = [];
  const connections: Redis[] = [];

  async function runRewrap(job: Job<RewrapJobData>): Promise<RewrapCounts> {
    const { keyName, toVersion } = job.data;
    const saved = job.progress as Partial<RewrapCursor> | number;
    const resume = typeof saved === "object" && saved.counts ? (saved as RewrapCursor) : undefined;
    try {
      const counts = await rewrapKey(deps, job.data, {
        ...(resume ? { resume } : {}),
        onPage: async (cursor) => {
          await job.updateProgress(cursor);
          deps.log.info({ keyName, toVersion, ...cursor.counts }, "rewrap progress");
        },
      });
      await deps.audit.emit({
        actor,
        action: "gateway.rewrap",
        path: keyName,
        result: "allowed",
        fields: countFields(toVersion, counts),
      });
      deps.log.info({ keyName, toVersion, ...counts }, "rewrap finished");
      return counts;
    } catch (err) {
      if (!isPermanent(err)) throw err;
      // A bad job (no such key version, a signing key) fails the same way every attempt.
      await deps.audit
        .emit({
          actor,
          action: "gateway.rewrap",
          path: keyName,
          result: "error",
          reason: err instanceof Error ? err.message : String(err),
          fields: { toVersion: String(toVersion) },
        })
        .catch(() => undefined);
      throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
    }
  }

  /** Rotates every due key and enqueues its rewrap; one key failing does not stop the others. */
  async function checkNow(): Promise<RotationCheckResult> {
    const result: RotationCheckResult = { rotated: [], failed: [] };
    for (const item of await dueKeys(deps.secrets, now())) {
      try {
        const version = await deps.rotate(item.name);
        await deps.audit.emit({
          actor,
          action: "gateway.rotate-key",
          path: item.name,
          result: "allowed",
          reason: "automatic rotation: interval passed",
          fields: {
            version: String(version),
            automatic: "true",
            rotationIntervalDays: String(item.dfc_key?.rotation_interval_days ?? 0),
          },
        });
        if (encryptsUnder(item))
          await enqueueRewrap(item.name, version, { customerSlot: customerSlotOf(item) });
        result.rotated.push({ name: item.name, version });
        deps.log.info({ keyName: item.name, version }, "key rotated automatically");
      } catch (err) {
        result.failed.push(item.name);
        deps.log.warn({ err, keyName: item.name }, "automatic rotation failed; next check retries");
        await deps.audit
          .emit({
            actor,
            action: "gateway.rotate-key",
            path: item.name,
            result: "error",
            reason: err instanceof Error ? err.message : String(err),
            fields: { automatic: "true" },
          })
          .catch(() => undefined);
      }
    }
    return result;
  }

  /**
   * Queues a rewrap of `keyName` to `toVersion`; a job for the same pair already waiting is
   * reused. `customerSlot`: the key's customer slot (`customerSlotOf` its item), whose gateways
   * alone run it.
   */
  async function enqueueRewrap(
    keyName: string,
    toVersion: number,
    options: { delayMs?: number; customerSlot?: number | undefined } = {},
  ): Promise<string> {
    const queue = options.customerSlot ? slotRewrapQueue(options.customerSlot) : REWRAP_QUEUE;
    const job = await rewrapQueue(queue).add(
      "rewrap",
      { keyName, toVersion },
      {
        jobId: rewrapJobId(keyName, toVersion),
        delay: options.delayMs ?? deps.rewrapDelayMs ?? 10_000,
        attempts: deps.attempts ?? 8,
        backoff: { type: "exponential", delay: deps.backoffMs ?? 5_000 },
        // Freed once done, so a later request for the same pair runs again (harmlessly).
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
    return job.id ?? rewrapJobId(keyName, toVersion);
  }

  const worker = <T>(queue: string, process: (job: Job<T>) => Promise<unknown>) => {
    // BullMQ needs its own blocking connection for each worker.
    const connection = deps.connection.duplicate({ maxRetriesPerRequest: null });
    connections.push(connection);
    const w = new Worker<T>(queue, process, {
      connection,
      prefix: deps.prefix,
      concurrency: 1,
    });
    w.on("failed", (job, err) =>
      deps.log.warn(
        { err: { message: err.message }, queue, job: job?.id, attempts: job?.attemptsMade },
        `${queue} job failed`,
      ),
    );
    w.on("error", (err) => deps.log.warn({ err: { message: err.message }, queue }, "worker error"));
    workers.push(w);
  };

  return {
    enqueueRewrap,
    /** Runs one rotation check here and now (the scheduled job calls the same). */
    checkNow,
    /** Installs the check schedule (idempotent across gateways) and starts both workers. */
    async start(): Promise<void> {
      if (workers.length > 0) return;
      await checkQueue.upsertJobScheduler(
        CHECK_SCHEDULER,
        { every: deps.checkEveryMs },
        { name: "check", data: {}, opts: { removeOnComplete: 20, removeOnFail: 20 } },
      );
      worker<RewrapJobData>(REWRAP_QUEUE, runRewrap);
      if (deps.customerSlot) worker<RewrapJobData>(slotRewrapQueue(deps.customerSlot), runRewrap);
      worker(CHECK_QUEUE, checkNow);
    },
    /** Stops the workers (letting a running job finish) and the queues. */
    async close(): Promise<void> {
      await Promise.allSettled(workers.splice(0).map((w) => w.close()));
      await Promise.allSettled([
        ...[...rewrapQueues.values()].map((q) => q.close()),
        checkQueue.close(),
      ]);
      for (const c of connections.splice(0)) c.disconnect();
    },
  };
}

export type RotationJobs = ReturnType<typeof createRotationJobs>;

function countFields(toVersion: number, counts: RewrapCounts): Record<string, string> {
  return Object.fromEntries([
    ["toVersion", String(toVersion)],
    ...Object.entries(counts).map(([k, v]) => [k, String(v)]),
  ]);
}

/** Errors about the job itself, which no retry would change. */
function isPermanent(err: unknown): boolean {
  return (
    err instanceof NotFoundError ||
    err instanceof InvalidArgumentError ||
    err instanceof FailedPreconditionError ||
    err instanceof PermissionDeniedError
  );
}
