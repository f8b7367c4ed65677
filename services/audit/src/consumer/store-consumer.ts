/**
 * Moves events from the JetStream audit stream into the hash chain. Every replica pulls from the
 * same durable consumer; a message is acked only after its record is in Redis, so a crash at any
 * point loses nothing (the event is redelivered and, if it was already stored, skipped).
 */
import { type AuditEvent, boundText } from "@keyfrag/bus";
import { DeliverPolicy, type JsMsg, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { ChainStore } from "../chain/chain-store.js";
import { authenticEvents, type Refusal } from "./authentic-event.js";
import { ensureDurableConsumer, type PullWorker, startPullWorker } from "./pull-worker.js";

export interface StoreConsumerLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StoreConsumerDeps {
  nc: NatsConnection;
  stream: string;
  chain: Pick<ChainStore, "append">;
  logger: StoreConsumerLogger;
  /** The cluster audit key: only events MAC'd under it (per service) are stored. */
  auditKey: Uint8Array;
  /** Told of every refused message (to be counted into a summary event). */
  onRefused?: (why: Refusal, subject: string) => void;
  /** Durable consumer name shared by every audit replica of the cluster. */
  durable?: string;
  /** Longest pause between attempts while Redis is failing. */
  maxRetryDelayMs?: number;
}

/** The default durable name of the store's consumer. */
export const STORE_DURABLE = "audit-store";

/** Starts consuming the audit stream into the chain; `stop()` finishes the batch in hand. */
export async function startStoreConsumer(deps: StoreConsumerDeps): Promise<PullWorker> {
  const durable = deps.durable ?? STORE_DURABLE;
  const maxDelay = deps.maxRetryDelayMs ?? 5_000;
  await ensureDurableConsumer(await jetstreamManager(deps.nc), deps.stream, durable, {
    deliverPolicy: DeliverPolicy.All,
  });
  return startPullWorker({
    nc: deps.nc,
    stream: deps.stream,
    durable,
    logger: deps.logger,
    handle: async (batch, stopping) => {
      const valid: { msg: JsMsg; events: AuditEvent[] }[] = [];
      for (const msg of batch) {
        const checked = authenticEvents(msg, deps.auditKey);
        if ("events" in checked) valid.push({ msg, events: checked.events });
        else {
          // It will never be genuine: storing nothing and terminating beats blocking the chain.
          deps.logger.error(
            { subject: boundText(msg.subject, 96), streamSeq: msg.seq, why: checked.refused },
            "refused a message on the audit stream",
          );
          deps.onRefused?.(checked.refused, msg.subject);
          msg.term();
        }
      }
      if (valid.length === 0) return;
      let delay = 100;
      for (;;) {
        try {
          await deps.chain.append(valid.flatMap((v) => v.events));
          break;
        } catch (err) {
          deps.logger.error({ err, messages: valid.length }, "audit chain append failed; retrying");
          if (stopping()) {
            for (const v of valid) v.msg.nak();
            return;
          }
          for (const v of valid) v.msg.working();
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, maxDelay);
        }
      }
      for (const v of valid) v.msg.ack();
    },
  });
}
