import { readFile } from "node:fs/promises";
import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import type { z } from "zod";

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
  auditMessageEvents,
  auditStreamName,
  boundAuditEvent,
  boundText,
  checkedAuditEvent,
  createAuditEmitter,
  DENIED_SUMMARY_ACTION,
  enforceAuditStreamLimits,
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

export {
  EMPTY_HELD_KEY_SET,
  HELD_KEY_SETS,
  type Heartbeat,
  HeartbeatSchema,
  type HeldKey,
  HeldKeySchema,
  heldKeySetDigest,
  heldKeySetOf,
  type OpenHeartbeatOptions,
  openHeartbeat,
  type SignedHeartbeat,
  SignedHeartbeatSchema,
  signHeartbeat,
} from "./heartbeat.js";

/** A service's NATS user (KF_NATS_USER) and the file of its password (KF_NATS_PASSWORD_FILE). */
export interface NatsCredentials {
  KF_NATS_USER?: string | undefined;
  KF_NATS_PASSWORD_FILE?: string | undefined;
}

/**
 * Connects to NATS with a client name (visible in server monitoring), as the service's own
 * NATS user when `credentials` name one.
 */
export async function connectBus(
  url: string,
  name: string,
  credentials: NatsCredentials = {},
): Promise<NatsConnection> {
  const { KF_NATS_USER: user, KF_NATS_PASSWORD_FILE: passwordFile } = credentials;
  if ((user === undefined) !== (passwordFile === undefined)) {
    throw new Error("KF_NATS_USER and KF_NATS_PASSWORD_FILE go together: set both or neither");
  }
  const auth =
    user !== undefined && passwordFile !== undefined
      ? { user, pass: (await readFile(passwordFile, "utf8")).trim() }
      : {};
  return connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    ...auth,
  });
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
