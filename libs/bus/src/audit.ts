/**
 * Audit events: what every service publishes to the JetStream audit stream, and the one way to
 * publish them. An event is recorded once the stream acknowledges it; a service that cannot
 * get that acknowledgement must fail the request it was auditing (fail closed).
 */
import { createHmac, randomUUID } from "node:crypto";
import { UnavailableError } from "@keyfrag/rpc";
import {
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";

const SubClaimsSchema = z.record(z.string(), z.array(z.string()));

/** Who did it, as the auth service vouched for them, and from where. */
export const AuditActorSchema = z.object({
  authMethod: z.string(),
  accessId: z.string(),
  subClaims: SubClaimsSchema,
  sourceAddress: z.string(),
});
export type AuditActor = z.infer<typeof AuditActorSchema>;

export const AUDIT_RESULTS = ["allowed", "denied", "error"] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One audit event as it travels on the stream. It never holds a secret value. */
export const AuditEventSchema = z.object({
  id: z.string().uuid(),
  /** Unix milliseconds. */
  time: z.number().int().nonnegative(),
  service: z.string().min(1),
  actor: AuditActorSchema,
  action: z.string().min(1),
  path: z.string(),
  result: z.enum(AUDIT_RESULTS),
  requestId: z.string(),
  leaseId: z.string(),
  reason: z.string(),
  /** Further request fields; those that could hold a secret are `hmac-sha256:<hex>`. */
  fields: z.record(z.string(), z.string()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

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
      num_replicas: 1,
    });
  } catch (err) {
    // Another process created it between our info and add.
    if (!/already in use/i.test(String(err))) throw err;
  }
  return name;
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
  /** The per-cluster audit key (32+ bytes) that HMACs secret-bearing fields. */
  auditKey: Uint8Array;
  /** How long to wait for the stream's acknowledgement (default 5 s). */
  timeoutMs?: number;
}

export interface AuditEmitter {
  /** Publishes an event and resolves once the stream has acknowledged it. */
  emit(event: AuditEventInput): Promise<AuditEvent>;
  /** `auditHmac` under this emitter's key. */
  hmac(value: string): string;
}

/**
 * The audit emitter every service uses. `emit` throws UnavailableError when the event could
 * not be recorded; the event id doubles as the JetStream message id, so a retried publish is
 * stored once.
 */
export function createAuditEmitter(options: AuditEmitterOptions): AuditEmitter {
  if (options.auditKey.length < 32) throw new Error("the audit key must be at least 32 bytes");
  const js = jetstream(options.nc, { timeout: options.timeoutMs ?? 5_000 });
  const subject = `${options.prefix}.audit.events.${options.service}`;
  const streamName = auditStreamName(options.prefix);
  let ensured: Promise<string> | undefined;
  const hmac = (value: string) => auditHmac(options.auditKey, value);

  return {
    hmac,
    async emit(input) {
      const fields: Record<string, string> = { ...input.fields };
      for (const [name, value] of Object.entries(input.secretFields ?? {})) {
        fields[name] = hmac(value);
      }
      const event = AuditEventSchema.parse({
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
      } satisfies AuditEvent);
      try {
        ensured ??= ensureAuditStream(options.nc, options.prefix).catch((err: unknown) => {
          ensured = undefined;
          throw err;
        });
        await ensured;
        await js.publish(subject, JSON.stringify(event), {
          msgID: event.id,
          expect: { streamName },
        });
      } catch (err) {
        throw new UnavailableError(
          `audit event could not be recorded: ${(err as Error)?.message ?? String(err)}`,
          { cause: err },
        );
      }
      return event;
    },
  };
}
