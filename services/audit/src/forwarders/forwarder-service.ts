/**
 * Forwarders configured at run time. The configuration lives in Redis (secrets sealed); every
 * audit replica runs every forwarder, each forwarder being one durable JetStream consumer shared
 * by the replicas (so each event goes out once per forwarder, at least once). A change is
 * announced on `<cluster>.audit.forwarders` and every replica reconciles its runners with Redis;
 * a periodic reconcile catches an announcement missed during a reconnect.
 */
import { type NatsConnection, type Subscription, subjects } from "@keyfrag/bus";
import {
  type Forwarder,
  type Forwarder__Output,
  InvalidArgumentError,
  NotFoundError,
} from "@keyfrag/rpc";
import { DeliverPolicy, type JsMsg, jetstreamManager } from "@nats-io/jetstream";
import type { Redis } from "ioredis";
import type { ChainStore } from "../chain/chain-store.js";
import { authenticEvents } from "../consumer/authentic-event.js";
import {
  ensureDurableConsumer,
  type PullWorker,
  startPullWorker,
} from "../consumer/pull-worker.js";
import {
  checkForwarderName,
  type ForwarderConfig,
  type ForwarderTarget,
  forwarderToProto,
  parseForwarder,
} from "./forwarder-config.js";
import type { SecretBox } from "./secret-box.js";
import { createSink, type Sink } from "./sinks.js";

export interface ForwarderLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ForwarderServiceDeps {
  redis: Redis;
  /** The service's Redis prefix (e.g. `kf:audit`). */
  prefix: string;
  nc: NatsConnection;
  cluster: string;
  stream: string;
  chain: Pick<ChainStore, "recordsOfIds" | "checkpoint">;
  secrets: SecretBox;
  /** The cluster audit key: only genuine events are forwarded (the store refuses the rest). */
  auditKey: Uint8Array;
  logger: ForwarderLogger;
  /** Cap of the pause between delivery attempts (default 10 s). */
  maxRetryDelayMs?: number;
  /** How often to reconcile without an announcement (default 30 s). */
  reconcileIntervalMs?: number;
}

export interface ForwarderService {
  set(input: Forwarder__Output | null | undefined): Promise<Forwarder>;
  delete(name: string): Promise<void>;
  list(): Promise<Forwarder[]>;
  /** Names of the forwarders this replica is running now. */
  running(): string[];
  /** Starts the configured forwarders and follows changes. */
  start(): Promise<void>;
  /** Stops every runner (the batch in hand finishes or is handed back). */
  stop(): Promise<void>;
}

/** The durable consumer of a forwarder. */
export const forwarderDurable = (name: string) => `fwd-${name}`;

interface Runner {
  stored: string;
  worker: PullWorker;
  sink: Sink;
}

/** Creates the forwarder service (call `start()` to run forwarders). */
export function createForwarderService(deps: ForwarderServiceDeps): ForwarderService {
  const { redis, logger } = deps;
  const p = deps.prefix.endsWith(":") ? deps.prefix : `${deps.prefix}:`;
  const configKey = `${p}fwd:config`;
  const statusKey = (name: string) => `${p}fwd:status:${name}`;
  const subject = subjects(deps.cluster).auditForwarders;
  const maxDelay = deps.maxRetryDelayMs ?? 10_000;
  const runners = new Map<string, Runner>();
  let subscription: Subscription | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let reconciling: Promise<void> = Promise.resolve();

  const jsm = () => jetstreamManager(deps.nc);

  function unseal(config: ForwarderConfig): ForwarderTarget {
    const t = config.target;
    if (t.type === "http") return { ...t, token: deps.secrets.open(config.name, "token", t.token) };
    if (t.type === "elasticsearch" && t.password) {
      return { ...t, password: deps.secrets.open(config.name, "password", t.password) };
    }
    return t;
  }

  async function startRunner(config: ForwarderConfig, stored: string): Promise<Runner> {
    const sink = createSink(unseal(config));
    const status = statusKey(config.name);
    const worker = await startPullWorker({
      nc: deps.nc,
      stream: deps.stream,
      durable: forwarderDurable(config.name),
      logger,
      handle: (batch, stopping) => deliver(config.name, status, sink, batch, stopping),
    });
    logger.info({ forwarder: config.name, type: config.target.type }, "forwarder started");
    return { stored, worker, sink };
  }

  /** Delivers one batch, retrying with capped backoff until the destination takes it. */
  async function deliver(
    name: string,
    status: string,
    sink: Sink,
    batch: JsMsg[],
    stopping: () => boolean,
  ): Promise<void> {
    // One item per event; a message holding several events is acked once, after all of them.
    const items: { msg: JsMsg; id: string; time: number }[] = [];
    const msgs: JsMsg[] = [];
    for (const msg of batch) {
      const checked = authenticEvents(msg, deps.auditKey);
      if ("events" in checked) {
        msgs.push(msg);
        for (const e of checked.events) items.push({ msg, id: e.id, time: e.time });
      } else msg.term(); // the store refuses it too: there is no record to forward
    }
    if (items.length === 0) return;
    let delay = 100;
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      try {
        const records = await deps.chain.recordsOfIds(items.map((i) => i.id));
        // A missing record no newer than the retention checkpoint was pruned (a forwarder that
        // starts at `all` replays the stream, which may keep events longer than the chain).
        const prunedThrough = records.includes(null) ? (await deps.chain.checkpoint()).time : 0;
        const missing = records.filter(
          (r, i) => r === null && (items[i]?.time ?? 0) > prunedThrough,
        );
        // Forward records (with seq and hash), so the destination anchors the chain; an event
        // the store has not written yet is waited for, normally a few milliseconds.
        if (missing.length === 0) {
          const kept = records.filter((r) => r !== null);
          if (kept.length > 0) await sink.send(kept);
          break;
        }
        failure = attempt > 5 ? `${missing.length} events not yet in the audit store` : "";
      } catch (err) {
        failure = describe(err);
      }
      if (failure) {
        logger.warn({ forwarder: name, attempt, error: failure }, "forwarding failed; retrying");
        await redis.hset(status, "lastError", failure).catch(() => undefined);
      }
      if (stopping()) {
        for (const m of msgs) m.nak();
        return;
      }
      for (const m of msgs) m.working();
      const until = Date.now() + delay;
      while (Date.now() < until && !stopping()) await sleep(Math.min(100, until - Date.now()));
      delay = Math.min(delay * 2, maxDelay);
    }
    for (const m of msgs) m.ack();
    await redis
      .multi()
      .hincrby(status, "delivered", items.length)
      .hset(status, "lastError", "")
      .exec()
      .catch(() => undefined);
  }

  /** Brings this replica's runners in line with Redis. Runs one at a time. */
  function reconcile(): Promise<void> {
    reconciling = reconciling.then(async () => {
      if (stopped) return;
      const wanted = await redis.hgetall(configKey);
      for (const [name, runner] of runners) {
        if (wanted[name] === runner.stored) continue;
        runners.delete(name);
        await runner.worker.stop();
        await runner.sink.close().catch(() => undefined);
        logger.info({ forwarder: name }, "forwarder stopped");
      }
      for (const [name, stored] of Object.entries(wanted)) {
        if (runners.has(name)) continue;
        try {
          runners.set(name, await startRunner(JSON.parse(stored) as ForwarderConfig, stored));
        } catch (err) {
          logger.error({ err, forwarder: name }, "forwarder could not start; will retry");
        }
      }
    });
    const done = reconciling;
    reconciling = reconciling.catch((err: unknown) =>
      logger.error({ err }, "forwarder reconcile failed"),
    );
    return done;
  }

  const announce = (name: string) =>
    deps.nc.publish(subject, JSON.stringify({ name, at: Date.now() }));

  return {
    async set(input) {
      const config = parseForwarder(input);
      const existingRaw = await redis.hget(configKey, config.name);
      const existing = existingRaw ? (JSON.parse(existingRaw) as ForwarderConfig) : undefined;
      const t = config.target;
      const old = existing?.target.type === t.type ? existing.target : undefined;
      if (t.type === "http") {
        if (t.token) t.token = deps.secrets.seal(config.name, "token", t.token);
        else if (old?.type === "http") t.token = old.token;
        else throw new InvalidArgumentError("forwarder.http.token is required");
      }
      if (t.type === "elasticsearch") {
        if (t.password) t.password = deps.secrets.seal(config.name, "password", t.password);
        else if (old?.type === "elasticsearch" && t.username) t.password = old.password;
      }
      // Where a forwarder starts is decided once, when its consumer is created.
      if (existing) config.start = existing.start;
      await ensureDurableConsumer(await jsm(), deps.stream, forwarderDurable(config.name), {
        deliverPolicy: config.start === "all" ? DeliverPolicy.All : DeliverPolicy.New,
      });
      await redis.hset(configKey, config.name, JSON.stringify(config));
      announce(config.name);
      await reconcile();
      return forwarderToProto(config, await statusOf(config.name));
    },
    async delete(name) {
      checkForwarderName(name, "name");
      if ((await redis.hdel(configKey, name)) === 0) {
        throw new NotFoundError(`no forwarder named ${name}`);
      }
      await reconcile();
      try {
        await (await jsm()).consumers.delete(deps.stream, forwarderDurable(name));
      } catch (err) {
        if (!/consumer not found/i.test(String(err))) throw err;
      }
      await redis.del(statusKey(name));
      announce(name);
    },
    async list() {
      const all = await redis.hgetall(configKey);
      const out: Forwarder[] = [];
      for (const name of Object.keys(all).sort()) {
        const stored = all[name];
        if (stored)
          out.push(forwarderToProto(JSON.parse(stored) as ForwarderConfig, await statusOf(name)));
      }
      return out;
    },
    running: () => [...runners.keys()].sort(),
    async start() {
      subscription = deps.nc.subscribe(subject, {
        callback: () => {
          void reconcile();
        },
      });
      await reconcile();
      timer = setInterval(() => void reconcile(), deps.reconcileIntervalMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      subscription?.unsubscribe();
      if (timer) clearInterval(timer);
      await reconciling;
      stopped = true;
      const all = [...runners.values()];
      runners.clear();
      await Promise.all(
        all.map(async (runner) => {
          await runner.worker.stop();
          await runner.sink.close().catch(() => undefined);
        }),
      );
    },
  };

  async function statusOf(name: string) {
    const [delivered, lastError] = await redis.hmget(statusKey(name), "delivered", "lastError");
    let pending = 0;
    try {
      const info = await (await jsm()).consumers.info(deps.stream, forwarderDurable(name));
      pending = info.num_pending + info.num_ack_pending;
    } catch {
      // A consumer another replica is recreating right now: report nothing pending.
    }
    return { delivered: Number(delivered ?? 0), pending, lastError: lastError ?? "" };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An error as last_error shows it: fetch's "fetch failed" says little without its cause. */
function describe(err: unknown): string {
  const e = err as Error & { cause?: { message?: string } };
  const message = e?.message ?? String(err);
  return e?.cause?.message ? `${message}: ${e.cause.message}` : message;
}
