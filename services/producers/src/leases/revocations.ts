/**
 * Revocation jobs: one BullMQ delayed job per lease, due at the lease's expiry, retried with
 * capped exponential backoff for as long as the lease exists. Everything is in Redis, so a
 * producers process killed at any moment loses nothing: when one runs again, BullMQ hands it
 * every job that fell due. Startup reads nothing per lease.
 *
 * A safety net covers the one gap (a crash between writing a lease and adding its job): a
 * periodic pass re-queues leases that expired a while ago and are still there, a bounded batch
 * at a time. Each pass goes on where the last one stopped and starts over at the end, so every
 * expired lease is looked at, however many older ones keep failing.
 */
import { DelayedError, type Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type LeaseRecord, leaseToken } from "./lease-store.js";

const QUEUE = "revocations";
/** Effectively forever: a revocation is retried until it succeeds or the lease is forgotten. */
const ATTEMPTS = 1_000_000_000;

export interface RevocationsDeps {
  /** A connection without a key prefix (BullMQ adds `prefix`). */
  connection: Redis;
  prefix: string;
  log: Logger;
  /** First retry delay (default 1 s); each failure doubles it up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  /** Default 5 minutes. */
  maxBackoffMs?: number;
  concurrency?: number;
  /** How often the safety net runs (default 30 s), and how long after expiry it steps in. */
  reconcileEveryMs?: number;
  reconcileGraceMs?: number;
  /** Expired leases still present, oldest first, from `offset` on (the lease store's expiredIds). */
  expiredLeases: (beforeMs: number, limit: number, offset: number) => Promise<string[]>;
  /** Leases looked at per pass (default 200). */
  reconcileBatch?: number;
}

/**
 * Revokes lease `leaseId`. Resolves `{ notDueUntil }` when the lease was renewed past now,
 * resolves when it is revoked or gone, rejects when revocation failed (retried later).
 */
export type RevokeLease = (leaseId: string) => Promise<{ notDueUntil?: number } | undefined>;

/**
 * Creates the revocation queue (the lease service schedules on it); `start(process)` runs its
 * worker, which hands each due lease to `process` (the lease service's processDue), and the
 * safety net.
 */
export function createRevocations(deps: RevocationsDeps) {
  const base = deps.baseBackoffMs ?? 1_000;
  const cap = deps.maxBackoffMs ?? 300_000;
  const queue = new Queue<{ leaseId: string }>(QUEUE, {
    connection: deps.connection,
    prefix: deps.prefix,
  });
  let worker: Worker<{ leaseId: string }> | undefined;
  let workerConnection: Redis | undefined;
  let timer: NodeJS.Timeout | undefined;

  const add = (leaseId: string, delay: number) =>
    queue.add(
      "revoke",
      { leaseId },
      {
        jobId: leaseToken(leaseId),
        delay: Math.max(0, delay),
        attempts: ATTEMPTS,
        backoff: { type: "capped-exponential" },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );

  const jobOf = (leaseId: string) => queue.getJob(leaseToken(leaseId));

  /** Makes the lease's job due now, whatever state it is in; adds it if it is missing. */
  async function dueNow(leaseId: string): Promise<void> {
    const job = await jobOf(leaseId);
    if (!job) {
      await add(leaseId, 0);
      return;
    }
    const state = await job.getState();
    if (state === "delayed") await job.promote().catch(() => undefined);
    else if (state === "failed") await job.retry().catch(() => undefined);
    else if (state === "completed" || state === "unknown") {
      await job.remove().catch(() => undefined);
      await add(leaseId, 0);
    }
    // waiting / active / prioritized: it runs (or is running) already.
  }

  // Where the next pass of the safety net starts in the expired leases (oldest first).
  let offset = 0;

  async function reconcile(): Promise<void> {
    const before = Date.now() - (deps.reconcileGraceMs ?? 60_000);
    const batch = deps.reconcileBatch ?? 200;
    const ids = await deps.expiredLeases(before, batch, offset);
    // A short batch is the end: the next pass starts over. Leases revoked meanwhile shift the
    // rest forward, so a lease skipped this round is looked at in the next one.
    offset = ids.length < batch ? 0 : offset + ids.length;
    for (const id of ids) {
      const job = await jobOf(id);
      if (!job) {
        deps.log.warn({ leaseId: id }, "expired lease had no revocation job; queued one");
        await add(id, 0);
      } else if ((await job.getState()) === "failed") {
        await job.retry().catch(() => undefined);
      }
    }
  }

  return {
    /** Queues the lease's revocation at its expiry (idempotent: one job per lease). */
    async schedule(lease: LeaseRecord): Promise<void> {
      await add(lease.id, lease.expiresAtMs - Date.now());
    },

    /** Moves the lease's revocation to its (new) expiry. */
    async reschedule(lease: LeaseRecord): Promise<void> {
      const job = await jobOf(lease.id);
      if (!job) {
        await add(lease.id, lease.expiresAtMs - Date.now());
        return;
      }
      // An active or waiting job finds the lease renewed and delays itself (see process).
      if ((await job.getState()) === "delayed") {
        await job.changeDelay(Math.max(0, lease.expiresAtMs - Date.now())).catch(() => undefined);
      }
    },

    dueNow,

    /** One pass of the safety net (also run every `reconcileEveryMs` once started). */
    reconcile,

    /** Drops the lease's job (after a revocation done in the request, or a forget). */
    async cancel(leaseId: string): Promise<void> {
      const job = await jobOf(leaseId);
      // A locked (running) job cannot be removed; it will find the lease gone.
      await job?.remove().catch(() => undefined);
    },

    start(process: RevokeLease): void {
      workerConnection = deps.connection.duplicate({ maxRetriesPerRequest: null });
      worker = new Worker<{ leaseId: string }>(
        QUEUE,
        async (job: Job<{ leaseId: string }>, token?: string) => {
          const outcome = await process(job.data.leaseId);
          if (outcome?.notDueUntil !== undefined) {
            await job.moveToDelayed(outcome.notDueUntil, token);
            throw new DelayedError();
          }
        },
        {
          connection: workerConnection,
          prefix: deps.prefix,
          concurrency: deps.concurrency ?? 8,
          settings: {
            backoffStrategy: (attemptsMade: number) =>
              Math.min(cap, base * 2 ** Math.max(0, attemptsMade - 1)),
          },
        },
      );
      worker.on("error", (err) =>
        deps.log.warn({ err: { message: err.message } }, "revocation worker error"),
      );
      const every = deps.reconcileEveryMs ?? 30_000;
      timer = setInterval(() => {
        reconcile().catch((err: unknown) => deps.log.warn({ err }, "revocation safety net failed"));
      }, every);
      timer.unref();
    },

    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      await worker?.close();
      await queue.close();
      workerConnection?.disconnect();
    },
  };
}

export type Revocations = ReturnType<typeof createRevocations>;
