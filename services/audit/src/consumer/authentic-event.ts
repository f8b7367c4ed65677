/**
 * Whether a message on the audit stream is an event a keyfrag service made. NATS accepts a
 * publish on `<cluster>.audit.events.<service>` from anyone allowed to publish there, so the
 * store takes an event only if it carries the MAC of its exact bytes under the key of the service
 * its subject names (derived from the cluster audit key), and the event says that service too.
 */
import {
  AUDIT_MAC_HEADER,
  type AuditEvent,
  AuditEventSchema,
  verifyAuditEventMac,
} from "@keyfrag/bus";
import type { JsMsg } from "@nats-io/jetstream";

/** Why a message was refused (fixed strings: they end up in logs and in summary events). */
export type Refusal = "malformed" | "service does not match its subject" | "no valid MAC";

export type Authenticity = { event: AuditEvent } | { refused: Refusal };

/** Checks one stream message under the cluster's audit key. */
export function authenticEvent(msg: JsMsg, auditKey: Uint8Array): Authenticity {
  const marker = ".audit.events.";
  const at = msg.subject.indexOf(marker);
  const service = at < 0 ? "" : msg.subject.slice(at + marker.length);
  let event: AuditEvent;
  try {
    const parsed = AuditEventSchema.safeParse(msg.json());
    if (!parsed.success) return { refused: "malformed" };
    event = parsed.data;
  } catch {
    return { refused: "malformed" };
  }
  if (!service || event.service !== service)
    return { refused: "service does not match its subject" };
  const mac = msg.headers?.get(AUDIT_MAC_HEADER) || undefined;
  if (!verifyAuditEventMac(auditKey, service, msg.data, mac)) return { refused: "no valid MAC" };
  return { event };
}
