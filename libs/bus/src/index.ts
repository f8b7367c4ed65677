import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { z } from "zod";

export {
  AUDIT_LIMITS,
  AUDIT_MAC_HEADER,
  type AuditActor,
  AuditActorSchema,
  type AuditEmitter,
  type AuditEmitterOptions,
  type AuditEvent,
  type AuditEventInput,
  AuditEventSchema,
  type AuditResult,
  auditEventMac,
  auditHmac,
  auditMacKey,
  auditStreamName,
  boundAuditEvent,
  boundText,
  createAuditEmitter,
  DENIED_SUMMARY_ACTION,
  ensureAuditStream,
  MAX_AUDIT_MESSAGE_BYTES,
  StoredAuditEventSchema,
  verifyAuditEventMac,
} from "./audit.js";
export { DEFAULT_DENIED_BUDGET, type DeniedBudget } from "./audit-budget.js";
export {
  SECRETS_CHANGE_KINDS,
  type SecretsChange,
  type SecretsChangeKind,
  SecretsChangeSchema,
} from "./secrets-change.js";
export type { NatsConnection, Subscription };

/**
 * Subjects, under a per-cluster prefix (default `kf`), so several clusters or test runs can
 * share one NATS server without hearing each other.
 */
export function subjects(prefix: string) {
  return {
    /** Fragment managers announce themselves and what they hold, every heartbeat interval. */
    heartbeat: `${prefix}.topology.heartbeat`,
    /** Audit events, one subject per emitting service: `<prefix>.audit.events.<service>`. */
    auditEvents: `${prefix}.audit.events`,
    /** Audit forwarder configuration changed (every audit replica reloads it). */
    auditForwarders: `${prefix}.audit.forwarders`,
    /** A token or all tokens of an access id were revoked. */
    authRevocations: `${prefix}.auth.revocations`,
    /** The auth service published a new token-signing public key. */
    authKeys: `${prefix}.auth.keys`,
    /** A role, rule or association changed: policy decisions cached anywhere are stale. */
    policyChanged: `${prefix}.policy.changed`,
    /** An item of the secrets service changed: cached values of it are stale. */
    secretsChanged: `${prefix}.secrets.changed`,
  };
}

const hexBytes = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** A fragment manager's heartbeat: where it is, how to reach it, and which epochs it holds. */
export const HeartbeatSchema = z.object({
  nodeId: z.string().min(1),
  region: z.string().min(1),
  zone: z.string().min(1),
  slot: z.number().int().min(1).max(255),
  address: z.string().min(1),
  identityPublicKey: hexBytes(32),
  /** The node's certificate (DER, base64): the cluster CA certifies its slot and identity key in it. */
  certificate: z.string().min(1),
  keys: z.array(
    z.object({
      keyId: hexBytes(16),
      version: z.number().int().min(1),
      epoch: z.number().int().min(0),
      /** keyPublicDigest (hex) of the current epoch's public data. */
      digest: hexBytes(32),
      pendingEpoch: z.number().int().min(0).optional(),
      pendingDigest: hexBytes(32).optional(),
    }),
  ),
  /** Set by a gateway's customer fragment: its slot is kept out of ordinary keys. */
  customer: z.boolean().optional(),
  sentAt: z.number().int(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** Connects to NATS with a client name (visible in server monitoring). */
export function connectBus(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
}

/** Publishes a JSON message. */
export function publishJson(nc: NatsConnection, subject: string, value: unknown): void {
  nc.publish(subject, JSON.stringify(value));
}

/**
 * Subscribes to JSON messages of one schema. Messages that do not parse are reported to
 * `onInvalid` and skipped: a bad publisher never stops the subscriber.
 */
export function subscribeJson<S extends z.ZodType>(
  nc: NatsConnection,
  subject: string,
  schema: S,
  onMessage: (value: z.infer<S>) => void,
  onInvalid: (error: unknown) => void = () => {},
): Subscription {
  return nc.subscribe(subject, {
    callback: (err, msg) => {
      if (err) return onInvalid(err);
      try {
        onMessage(schema.parse(msg.json()));
      } catch (e) {
        onInvalid(e);
      }
    },
  });
}
