/**
 * Audit events: what every service publishes to the JetStream audit stream, and the one way to
 * publish them. An event is recorded once the stream acknowledges it; a service that cannot
 * get that acknowledgement must fail the request it was auditing (fail closed).
 */
import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from "node:crypto";
import { UnavailableError } from "@keyfrag/rpc";
import {
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import { headers, type NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import {
  createDeniedCounter,
  DEFAULT_DENIED_BUDGET,
  type DeniedBudget,
  type DeniedSummary,
} from "./audit-budget.js";

/**
 * Upper bounds (UTF-16 code units) of an event's free-text fields. Many fields hold what a caller
 * chose (a token's header, a path, a claim), so every emitter cuts them to these sizes and the
 * stream's schema refuses anything longer: one event is at most a few tens of KiB however big
 * the request was.
 */
export const AUDIT_LIMITS = {
  /** Names and ids: service, action, auth method, access id, source address, request/lease id. */
  name: 128,
  path: 512,
  reason: 256,
  /** Entries of `fields`, and each value. */
  fields: 32,
  fieldValue: 512,
  /** Sub-claims, values per claim, and each value. */
  subClaims: 16,
  claimValues: 8,
  claimValue: 128,
} as const;

const bounded = (max: number) => z.string().max(max);

const SubClaimsSchema = z
  .record(
    bounded(AUDIT_LIMITS.name),
    z.array(bounded(AUDIT_LIMITS.claimValue)).max(AUDIT_LIMITS.claimValues),
  )
  .refine((claims) => Object.keys(claims).length <= AUDIT_LIMITS.subClaims, {
    message: `at most ${AUDIT_LIMITS.subClaims} sub-claims`,
  });

/** Who did it, as the auth service vouched for them, and from where. */
export const AuditActorSchema = z.object({
  authMethod: bounded(AUDIT_LIMITS.name),
  accessId: bounded(AUDIT_LIMITS.name),
  subClaims: SubClaimsSchema,
  sourceAddress: bounded(AUDIT_LIMITS.name),
});
export type AuditActor = z.infer<typeof AuditActorSchema>;

export const AUDIT_RESULTS = ["allowed", "denied", "error"] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One audit event as it travels on the stream. It never holds a secret value. */
export const AuditEventSchema = z.object({
  id: z.string().uuid(),
  /** Unix milliseconds. */
  time: z.number().int().nonnegative(),
  service: bounded(AUDIT_LIMITS.name).min(1),
  actor: AuditActorSchema,
  action: bounded(AUDIT_LIMITS.name).min(1),
  path: bounded(AUDIT_LIMITS.path),
  result: z.enum(AUDIT_RESULTS),
  requestId: bounded(AUDIT_LIMITS.name),
  leaseId: bounded(AUDIT_LIMITS.name),
  reason: bounded(AUDIT_LIMITS.reason),
  /** Further request fields; those that could hold a secret are `hmac-sha256:<hex>`. */
  fields: z
    .record(bounded(AUDIT_LIMITS.name), bounded(AUDIT_LIMITS.fieldValue))
    .refine((fields) => Object.keys(fields).length <= AUDIT_LIMITS.fields, {
      message: `at most ${AUDIT_LIMITS.fields} fields`,
    }),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/**
 * The same event without the size bounds: records stored before the bounds existed must still
 * parse (and verify) as what they are.
 */
export const StoredAuditEventSchema = z.object({
  id: z.string().uuid(),
  time: z.number().int().nonnegative(),
  service: z.string().min(1),
  actor: z.object({
    authMethod: z.string(),
    accessId: z.string(),
    subClaims: z.record(z.string(), z.array(z.string())),
    sourceAddress: z.string(),
  }),
  action: z.string().min(1),
  path: z.string(),
  result: z.enum(AUDIT_RESULTS),
  requestId: z.string(),
  leaseId: z.string(),
  reason: z.string(),
  fields: z.record(z.string(), z.string()),
});

/**
 * `value` cut to at most `max` code units; a cut value ends in `…[+N]` (N = code units dropped),
 * so a reader sees that it was cut and by how much.
 */
export function boundText(value: string, max: number): string {
  if (value.length <= max) return value;
  let keep = Math.max(0, max - `…[+${value.length}]`.length);
  // Never split a surrogate pair.
  const last = value.charCodeAt(keep - 1);
  if (keep > 0 && last >= 0xd800 && last <= 0xdbff) keep--;
  return `${value.slice(0, keep)}…[+${value.length - keep}]`;
}

function boundRecord<V>(
  record: Record<string, V>,
  maxEntries: number,
  value: (v: V) => V,
): Record<string, V> {
  const out: Record<string, V> = {};
  const entries = Object.entries(record);
  for (const [name, v] of entries.slice(0, maxEntries)) {
    out[boundText(name, AUDIT_LIMITS.name)] = value(v);
  }
  return out;
}

/** The event with every free-text field within AUDIT_LIMITS (what every emitter publishes). */
export function boundAuditEvent(event: AuditEvent): AuditEvent {
  const name = (v: string) => boundText(v, AUDIT_LIMITS.name);
  const entries = Object.keys(event.fields).length;
  const fields = boundRecord(
    event.fields,
    entries > AUDIT_LIMITS.fields ? AUDIT_LIMITS.fields - 1 : AUDIT_LIMITS.fields,
    (v) => boundText(v, AUDIT_LIMITS.fieldValue),
  );
  if (entries > AUDIT_LIMITS.fields) {
    fields.fieldsDropped = String(entries - (AUDIT_LIMITS.fields - 1));
  }
  return {
    ...event,
    service: name(event.service),
    actor: {
      authMethod: name(event.actor.authMethod),
      accessId: name(event.actor.accessId),
      sourceAddress: name(event.actor.sourceAddress),
      subClaims: boundRecord(event.actor.subClaims, AUDIT_LIMITS.subClaims, (values) =>
        values.slice(0, AUDIT_LIMITS.claimValues).map((v) => boundText(v, AUDIT_LIMITS.claimValue)),
      ),
    },
    action: name(event.action),
    path: boundText(event.path, AUDIT_LIMITS.path),
    requestId: name(event.requestId),
    leaseId: name(event.leaseId),
    reason: boundText(event.reason, AUDIT_LIMITS.reason),
    fields,
  };
}

/**
 * `event` itself if it is what AuditEventSchema accepts, else a TypeError naming the first field
 * that is not. For events cut by boundAuditEvent, whose size bounds hold by construction: the
 * same verdict as the schema's parse at a small part of its cost (every gateway call emits one).
 */
export function checkedAuditEvent(event: AuditEvent): AuditEvent {
  const fail = (field: string): never => {
    throw new TypeError(`audit event: ${field} is not what AuditEventSchema accepts`);
  };
  const text = (v: unknown, max: number, field: string, min = 0) => {
    if (typeof v !== "string" || v.length > max || v.length < min) fail(field);
  };
  if (typeof event !== "object" || event === null) fail("the event");
  if (!UUID.test(event.id)) fail("id");
  if (!Number.isSafeInteger(event.time) || event.time < 0) fail("time");
  text(event.service, AUDIT_LIMITS.name, "service", 1);
  text(event.action, AUDIT_LIMITS.name, "action", 1);
  text(event.path, AUDIT_LIMITS.path, "path");
  if (!(AUDIT_RESULTS as readonly unknown[]).includes(event.result)) fail("result");
  text(event.requestId, AUDIT_LIMITS.name, "requestId");
  text(event.leaseId, AUDIT_LIMITS.name, "leaseId");
  text(event.reason, AUDIT_LIMITS.reason, "reason");
  const actor = event.actor;
  if (typeof actor !== "object" || actor === null) fail("actor");
  text(actor.authMethod, AUDIT_LIMITS.name, "actor.authMethod");
  text(actor.accessId, AUDIT_LIMITS.name, "actor.accessId");
  text(actor.sourceAddress, AUDIT_LIMITS.name, "actor.sourceAddress");
  const claims = actor.subClaims;
  if (typeof claims !== "object" || claims === null || Array.isArray(claims))
    fail("actor.subClaims");
  const claimNames = Object.keys(claims);
  if (claimNames.length > AUDIT_LIMITS.subClaims) fail("actor.subClaims");
  for (const name of claimNames) {
    text(name, AUDIT_LIMITS.name, "actor.subClaims");
    const values = claims[name];
    if (!Array.isArray(values) || values.length > AUDIT_LIMITS.claimValues) fail("actor.subClaims");
    for (const v of values as unknown[]) text(v, AUDIT_LIMITS.claimValue, "actor.subClaims");
  }
  const fields = event.fields;
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) fail("fields");
  const fieldNames = Object.keys(fields);
  if (fieldNames.length > AUDIT_LIMITS.fields) fail("fields");
  for (const name of fieldNames) {
    text(name, AUDIT_LIMITS.name, "fields");
    text(fields[name], AUDIT_LIMITS.fieldValue, `fields.${boundText(name, 32)}`);
  }
  return event;
}

/** What z.string().uuid() accepts (zod 4: RFC 9562 versions 1-8, the nil and max UUIDs). */
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** The NATS header that carries an event's MAC. */
export const AUDIT_MAC_HEADER = "Kf-Audit-Mac";

/**
 * The key that MACs `service`'s events: HKDF-SHA256 of the cluster audit key, bound to the
 * service's name. A NATS publisher without the audit key cannot make an event the audit store
 * accepts; the services that hold the key (they HMAC secret fields with it) can derive each
 * other's keys, so the MAC tells "a keyfrag service", not which one.
 */
export function auditMacKey(auditKey: Uint8Array, service: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", auditKey, "", `keyfrag audit event mac v1\n${service}`, 32),
  );
}

/** The header value for `payload` (the exact bytes published) under `macKey`. */
export function auditEventMac(macKey: Uint8Array, payload: Uint8Array | string): string {
  return `v1:${createHmac("sha256", macKey).update(payload).digest("hex")}`;
}

/**
 * Per audit key, the MAC keys of the services seen: the audit service checks every message, and
 * an HKDF per message was ~4% of its busy time (cpu profile). Bounded: names come from subjects.
 */
const macKeys = new WeakMap<Uint8Array, Map<string, Buffer>>();
const MAX_CACHED_MAC_KEYS = 256;

function cachedMacKey(auditKey: Uint8Array, service: string): Buffer {
  let keys = macKeys.get(auditKey);
  if (!keys) {
    keys = new Map();
    macKeys.set(auditKey, keys);
  }
  let key = keys.get(service);
  if (!key) {
    key = auditMacKey(auditKey, service);
    if (keys.size >= MAX_CACHED_MAC_KEYS) keys.clear();
    keys.set(service, key);
  }
  return key;
}

/** Whether `header` is the MAC of `payload` under `service`'s key (constant time). */
export function verifyAuditEventMac(
  auditKey: Uint8Array,
  service: string,
  payload: Uint8Array,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(auditEventMac(cachedMacKey(auditKey, service), payload));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What a service says about one action; the emitter fills in id, time and service. */
export interface AuditEventInput {
  actor?: Partial<AuditActor>;
  action: string;
  path?: string;
  result: AuditResult;
  requestId?: string;
  leaseId?: string;
  reason?: string;
  /** Fields recorded as given. Never put a secret here. */
  fields?: Record<string, string>;
  /** Fields that could carry a secret: recorded only as their HMAC under the audit key. */
  secretFields?: Record<string, string>;
  /**
   * The actor proved who it is (a verified token): its denials are accountable, like its allowed
   * calls, and recorded one by one. Only denials of callers that proved nothing (no or a bad
   * token, a failed login: their actor fields are whatever the caller claimed) are budgeted.
   * Not part of the recorded event.
   */
  authenticated?: boolean;
}

/**
 * The HMAC the audit log holds for `value`: `hmac-sha256:<hex>` under the cluster's audit key.
 * An operator who knows a value can compute it (the audit service's AuditHash) and search for it.
 */
export function auditHmac(auditKey: Uint8Array, value: string): string {
  return `hmac-sha256:${createHmac("sha256", auditKey).update(value, "utf8").digest("hex")}`;
}

/** The JetStream stream that holds a cluster's audit events (stream names allow no dots). */
export function auditStreamName(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_-]/g, "_")}_audit`;
}

const DAY_MS = 86_400_000;

/** The largest message the audit stream takes (set when the stream is created). */
export const MAX_AUDIT_MESSAGE_BYTES = 256 * 1024;

/**
 * Creates the audit stream if it does not exist yet: file storage, kept 30 days, and
 * DiscardPolicy.New so a full stream (or disk) refuses new events (the caller fails closed)
 * instead of silently dropping old ones nobody has stored yet. Whether an acknowledged event has reached the disk is the
 * server's `sync_interval` (set to `always` in the deploy files; NATS 2.10+).
 */
export async function ensureAuditStream(nc: NatsConnection, prefix: string): Promise<string> {
  const name = auditStreamName(prefix);
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(name);
    return name;
  } catch (err) {
    if (!isStreamNotFound(err)) throw err;
  }
  try {
    await jsm.streams.add({
      name,
      subjects: [`${prefix}.audit.events.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.New,
      max_age: 30 * DAY_MS * 1_000_000, // nanoseconds
      // No byte limit: JetStream reserves a stream's max_bytes from the server's storage up front,
      // so a large one fails other streams' creation. A full disk still refuses new events.
      duplicate_window: 120_000 * 1_000_000,
      // Every emitter cuts events to AUDIT_LIMITS (a few tens of KiB even fully JSON-escaped).
      max_msg_size: MAX_AUDIT_MESSAGE_BYTES,
      num_replicas: 1,
    });
  } catch (err) {
    // Another process created it between our info and add.
    if (!/already in use/i.test(String(err))) throw err;
  }
  return name;
}

/**
 * Gives an audit stream made before the message-size limit existed that limit (an update keeps
 * the messages). Only the stream's owner, the audit service, may update it: emitters' NATS users
 * may only look the stream up and create it.
 */
export async function enforceAuditStreamLimits(nc: NatsConnection, prefix: string): Promise<void> {
  const name = auditStreamName(prefix);
  const jsm = await jetstreamManager(nc);
  const limit = (await jsm.streams.info(name)).config.max_msg_size ?? -1;
  if (limit <= 0 || limit > MAX_AUDIT_MESSAGE_BYTES) {
    await jsm.streams.update(name, { max_msg_size: MAX_AUDIT_MESSAGE_BYTES });
  }
}

function isStreamNotFound(err: unknown): boolean {
  return /stream not found/i.test(String((err as Error)?.message ?? err));
}

export interface AuditEmitterOptions {
  nc: NatsConnection;
  /** Cluster subject prefix (e.g. `kf`). */
  prefix: string;
  /** The emitting service, e.g. `auth`. */
  service: string;
  /** The per-cluster audit key (32+ bytes) that HMACs secret-bearing fields and MACs events. */
  auditKey: Uint8Array;
  /** How long to wait for the stream's acknowledgement (default 5 s). */
  timeoutMs?: number;
  /** Denied events recorded one by one per window (DEFAULT_DENIED_BUDGET where not given). */
  deniedBudget?: Partial<DeniedBudget>;
  /**
   * Messages awaiting the stream's acknowledgement at once (default 4). Events emitted in one
   * turn of the event loop go together in one message, and events emitted while that many are
   * in flight wait and go together in the next, so under load one acknowledgement (and, with
   * `sync_interval: always`, one fsync) covers many events.
   */
  maxInFlight?: number;
  /** Most events in one message (default 256; the message also stays under 192 KiB). */
  maxBatch?: number;
}

export interface AuditEmitter {
  /**
   * Publishes an event and resolves with it once the stream has acknowledged it. A `denied`
   * event of an unauthenticated caller over its source's budget is only counted (resolves undefined): the window's summary
   * event records it.
   */
  emit(event: AuditEventInput): Promise<AuditEvent | undefined>;
  /** `auditHmac` under this emitter's key. */
  hmac(value: string): string;
  /** Closes the denied-event window now and records its summaries. */
  flush(): Promise<void>;
  /** Stops the window timer and records the last summaries. */
  close(): Promise<void>;
}

/** Bytes of events put in one batch message, well under the stream's MAX_AUDIT_MESSAGE_BYTES. */
const MAX_BATCH_BYTES = 192 * 1024;

/**
 * The events of one audit stream message: a message holds one event (a JSON object) or, when
 * an emitter sent several together, a JSON array of them. Each still has to be checked
 * against AuditEventSchema; throws on a payload that is neither.
 */
export function auditMessageEvents(payload: Uint8Array | string): unknown[] {
  const body: unknown = JSON.parse(
    typeof payload === "string" ? payload : Buffer.from(payload).toString("utf8"),
  );
  if (Array.isArray(body)) {
    if (body.length === 0) throw new Error("an empty batch of audit events");
    return body;
  }
  return [body];
}

/** The action of a summary of denied events that were counted, not recorded one by one. */
export const DENIED_SUMMARY_ACTION = "audit.denied-summary";

/**
 * The audit emitter every service uses. `emit` resolves only once the stream has acknowledged
 * the message holding the event, and throws UnavailableError when it could not be recorded
 * (fail closed). Events are sent at the end of the event loop's turn that emitted them, all
 * of that turn's together, and up to `maxInFlight` messages are unacknowledged at once; events
 * emitted meanwhile go together, as a JSON array, in the next message (group commit), so a busy
 * gateway pays one publish and acknowledgement per batch, not per request. A lone event's id
 * is its JetStream message id, a batch's the first id and its count, so a retried publish is
 * stored once. Every event is cut to AUDIT_LIMITS; every message carries the MAC of its exact
 * bytes (AUDIT_MAC_HEADER).
 */
export function createAuditEmitter(options: AuditEmitterOptions): AuditEmitter {
  if (options.auditKey.length < 32) throw new Error("the audit key must be at least 32 bytes");
  const js = jetstream(options.nc, { timeout: options.timeoutMs ?? 5_000 });
  const subject = `${options.prefix}.audit.events.${options.service}`;
  const streamName = auditStreamName(options.prefix);
  const macKey = auditMacKey(options.auditKey, options.service);
  let ensured: Promise<string> | undefined;
  const hmac = (value: string) => auditHmac(options.auditKey, value);
  const budget = { ...DEFAULT_DENIED_BUDGET, ...options.deniedBudget };
  const denied = createDeniedCounter(budget, Date.now());
  const timer = setInterval(() => void flush().catch(() => undefined), budget.windowMs);
  timer.unref();

  function build(input: AuditEventInput): AuditEvent {
    const fields: Record<string, string> = { ...input.fields };
    for (const [name, value] of Object.entries(input.secretFields ?? {})) {
      fields[name] = hmac(value);
    }
    return checkedAuditEvent(
      boundAuditEvent({
        id: randomUUID(),
        time: Date.now(),
        service: options.service,
        actor: {
          authMethod: input.actor?.authMethod ?? "",
          accessId: input.actor?.accessId ?? "",
          subClaims: input.actor?.subClaims ?? {},
          sourceAddress: input.actor?.sourceAddress ?? "",
        },
        action: input.action,
        path: input.path ?? "",
        result: input.result,
        requestId: input.requestId ?? "",
        leaseId: input.leaseId ?? "",
        reason: input.reason ?? "",
        fields,
      }),
    );
  }

  /** One message: a lone event as itself (its id the message id), several as a JSON array. */
  async function send(batch: readonly Queued[]): Promise<void> {
    ensured ??= ensureAuditStream(options.nc, options.prefix).catch((err: unknown) => {
      ensured = undefined;
      throw err;
    });
    await ensured;
    const [first] = batch;
    if (!first) return;
    const payload = batch.length === 1 ? first.json : `[${batch.map((q) => q.json).join(",")}]`;
    const h = headers();
    h.set(AUDIT_MAC_HEADER, auditEventMac(macKey, payload));
    const msgID = batch.length === 1 ? first.id : `${first.id}+${batch.length}`;
    await js.publish(subject, payload, { msgID, expect: { streamName }, headers: h });
  }

  /** Events waiting for a message, and how many messages await their acknowledgement. */
  interface Queued {
    id: string;
    json: string;
    /** UTF-8 size of `json`: what counts against the stream's message limit. */
    bytes: number;
    /** null once acknowledged, else why not. */
    done: (err: unknown) => void;
  }
  const queue: Queued[] = [];
  let inFlight = 0;
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4);
  const maxBatch = Math.max(1, options.maxBatch ?? 256);
  let pumpScheduled = false;

  /**
   * Sends what is queued once the current turn of the event loop is over (setImmediate: after
   * its I/O callbacks), so that the events of every request this turn handled share a message,
   * instead of the first going alone and the rest waiting for its acknowledgement.
   */
  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  /** Sends what is queued while fewer than maxInFlight messages are unacknowledged. */
  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      let bytes = 0;
      let n = 0;
      while (n < queue.length && n < maxBatch) {
        const size = (queue[n] as Queued).bytes + 1;
        if (n > 0 && bytes + size > MAX_BATCH_BYTES) break;
        bytes += size;
        n++;
      }
      const batch = queue.splice(0, n);
      inFlight++;
      send(batch)
        .then(
          () => {
            for (const q of batch) q.done(null);
          },
          (err: unknown) => {
            for (const q of batch) q.done(err);
          },
        )
        .finally(() => {
          inFlight--;
          if (queue.length > 0) schedulePump();
        });
    }
  }

  /** Resolves once the stream has acknowledged the message that holds `event`. */
  function publish(event: AuditEvent): Promise<void> {
    const json = JSON.stringify(event);
    return new Promise<void>((resolve, reject) => {
      queue.push({
        id: event.id,
        json,
        bytes: Buffer.byteLength(json),
        done: (err) => {
          if (err === null) return resolve();
          reject(
            new UnavailableError(
              `audit event could not be recorded: ${boundText((err as Error)?.message ?? String(err), 200)}`,
              { cause: err },
            ),
          );
        },
      });
      schedulePump();
    });
  }

  let flushing: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    flushing = flushing
      .catch(() => undefined)
      .then(async () => {
        const summaries = denied.close(Date.now());
        const failed: DeniedSummary[] = [];
        for (const s of summaries) {
          try {
            await publish(
              build({
                actor: { sourceAddress: s.source },
                action: DENIED_SUMMARY_ACTION,
                result: "denied",
                reason:
                  "denied events over the per-source budget: counted, not recorded one by one",
                fields: {
                  suppressed: String(s.suppressed),
                  sources: String(s.sources),
                  actions: s.actions,
                  windowStartMs: String(s.windowStartMs),
                  windowEndMs: String(s.windowEndMs),
                },
              }),
            );
          } catch {
            failed.push(s);
          }
        }
        if (failed.length > 0) {
          denied.restore(failed);
          throw new UnavailableError(
            `${failed.length} denied-event summaries could not be recorded`,
          );
        }
      });
    return flushing;
  }

  return {
    hmac,
    async emit(input) {
      const event = build(input);
      if (
        event.result === "denied" &&
        !input.authenticated &&
        !denied.admit(event.actor.sourceAddress, event.action)
      ) {
        return undefined;
      }
      await publish(event);
      return event;
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
