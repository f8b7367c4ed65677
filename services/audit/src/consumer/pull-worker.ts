/**
 * A durable JetStream pull consumer worked in batches. Pull requests (`fetch`) feed a queue as
 * messages arrive; one loop hands what has queued (up to `maxBatch`) to `handle`, which acks what
 * it has durably done. Batching comes for free under load, and an idle worker still sees a message
 * as soon as it arrives. Works against NATS 2.9 (plain pull requests, no 2.10+ features).
 */
import {
  AckPolicy,
  type ConsumerConfig,
  type DeliverPolicy,
  type JetStreamManager,
  type JsMsg,
  jetstream,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";

export interface PullWorkerLogger {
  warn(obj: object, msg: string): void;
}

export interface PullWorkerOptions {
  nc: NatsConnection;
  stream: string;
  durable: string;
  /**
   * Handles one batch. It acks (or terms) each message once it is done with it; a message it
   * leaves un-acked is delivered again after the consumer's ack wait. `stopping()` turns true
   * when the worker is asked to stop, so a handler retrying forever can give up.
   */
  handle(batch: JsMsg[], stopping: () => boolean): Promise<void>;
  maxBatch?: number;
  logger?: PullWorkerLogger;
}

export interface PullWorker {
  /**
   * Stops pulling: the pull request in flight runs out (at most a second) and every message
   * already received goes through `handle` (with `stopping()` true, so retries give up).
   */
  stop(): Promise<void>;
  /** Resolves when the loop has ended. */
  readonly done: Promise<void>;
}

/** Creates the durable consumer if it does not exist (an existing one keeps its position). */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  options: { deliverPolicy: DeliverPolicy; ackWaitMs?: number; maxAckPending?: number },
): Promise<void> {
  try {
    await jsm.consumers.info(stream, durable);
    return;
  } catch (err) {
    if (!/consumer not found/i.test(String((err as Error)?.message ?? err))) throw err;
  }
  const config: Partial<ConsumerConfig> = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: options.deliverPolicy,
    ack_wait: (options.ackWaitMs ?? 30_000) * 1_000_000,
    max_ack_pending: options.maxAckPending ?? 1_000,
    max_deliver: -1,
  };
  try {
    await jsm.consumers.add(stream, config);
  } catch (err) {
    // Another replica created it between our info and add: use theirs.
    if (!/already (exists|in use)/i.test(String((err as Error)?.message ?? err))) throw err;
  }
}

/** Starts a worker on an existing durable pull consumer. */
export async function startPullWorker(options: PullWorkerOptions): Promise<PullWorker> {
  const maxBatch = options.maxBatch ?? 100;
  const consumer = await jetstream(options.nc).consumers.get(options.stream, options.durable);
  const queue: JsMsg[] = [];
  let wake: (() => void) | undefined;
  let stopping = false;
  let pumping = true;
  const poke = () => wake?.();

  // Short pull requests, one at a time, never cancelled: NATS 2.9 keeps delivering to a pull
  // request until it expires even after the client stopped listening, and whatever it delivers
  // there waits out the ack wait. Letting the request in flight run out (at most EXPIRES_MS)
  // before stopping leaves nothing stranded.
  const pump = (async () => {
    while (!stopping) {
      // Fetch the next batch only once the last one is handed over, so un-acked messages do
      // not sit in our queue (and past their ack wait) while a handler retries.
      if (queue.length > 0) {
        await sleep(10);
        continue;
      }
      try {
        const messages = await consumer.fetch({ max_messages: maxBatch, expires: EXPIRES_MS });
        for await (const msg of messages) {
          queue.push(msg);
          poke();
        }
      } catch (err) {
        options.logger?.warn({ err, durable: options.durable }, "pull request failed; retrying");
        await sleep(1_000);
      }
    }
    pumping = false;
    poke();
  })();

  const done = (async () => {
    for (;;) {
      if (queue.length === 0) {
        if (!pumping) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const batch = queue.splice(0, maxBatch);
      try {
        await options.handle(batch, () => stopping);
      } catch (err) {
        // The handler should not throw; if it does, its messages come back after the ack wait.
        options.logger?.warn({ err, durable: options.durable }, "batch handler failed");
      }
    }
    await pump;
  })();

  return {
    done,
    async stop() {
      stopping = true;
      poke();
      await done;
    },
  };
}

/** How long one pull request waits for messages (the minimum the client allows). */
const EXPIRES_MS = 1_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
