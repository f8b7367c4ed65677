import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../keys/key-service.js";

/**
 * Scheduled refresh: one BullMQ job scheduler per key version ("refresh every interval"). Only
 * the leader runs the worker, so a refresh is never run twice at once by two coordinators.
 */
export function createRefreshSchedule(params: {
  connection: Redis;
  prefix: string;
  intervalMs: number;
  /** When the key version was last refreshed (by schedule or on demand), if it exists. */
  lastRefreshAt: (name: string, version: number) => Promise<number | undefined>;
  refresh: (name: string, version: number) => Promise<unknown>;
  log: Logger;
  /** Scheduled refreshes run at once (default 8; the key service bounds all ceremonies too). */
  concurrency?: number;
}) {
  const queue = new Queue("refresh", { connection: params.connection, prefix: params.prefix });
  let worker: Worker | undefined;

  return {
    /** (Re)installs the schedule of one key version, first run one interval after its last refresh; idempotent. */
    async schedule(name: string, version: number, lastRefreshAt: number): Promise<void> {
      await queue.upsertJobScheduler(
        `refresh:${name}:v${version}`,
        {
          every: params.intervalMs,
          startDate: Math.max(Date.now(), lastRefreshAt) + params.intervalMs,
        },
        {
          name: "refresh",
          data: { name, version },
          opts: { removeOnComplete: 100, removeOnFail: 100 },
        },
      );
    },
    /** Starts processing scheduled refreshes (call when this coordinator becomes leader). */
    startWorker(): void {
      if (worker) return;
      worker = new Worker(
        "refresh",
        async (job) => {
          const { name, version } = job.data as { name: string; version: number };
          // A refresh on demand since the last tick postpones the scheduled one.
          const last = await params.lastRefreshAt(name, version);
          if (last === undefined || Date.now() - last < params.intervalMs / 2) return;
          await params.refresh(name, version);
        },
        // BullMQ needs its own blocking connection for the worker.
        {
          connection: params.connection.duplicate({ maxRetriesPerRequest: null }),
          prefix: params.prefix,
          concurrency: params.concurrency ?? 8,
        },
      );
      worker.on("failed", (job, err) =>
        params.log.warn({ err, job: job?.id }, "scheduled refresh failed"),
      );
    },
    async stopWorker(): Promise<void> {
      const w = worker;
      worker = undefined;
      if (w) await w.close();
    },
    async close(): Promise<void> {
      await this.stopWorker();
      await queue.close();
    },
  };
}
