/**
 * Whether a message on the audit stream is an event a keyfrag service made. NATS accepts a
 * publish on `<cluster>.audit.events.<service>` from anyone allowed to publish there, so the
 * store takes an event only if it carries the MAC of its exact bytes under the key of the service
 * its subject names (derived from the cluster audit key), and the event says that service too.
 * A message may hold several events (an emitter's batch): all are taken or none.
 */
import {
  AUDIT_MAC_HEADER,
  type AuditEvent,
  AuditEventSchema,
  auditMessageEvents,
  verifyAuditEventMac,
} from "@keyfrag/bus";
import type { JsMsg } from "@nats-io/jetstream";

/** Why a message was refused (fixed strings: they end up in logs and in summary events). */
export type Refusal = "malformed" | "service does not match its subject" | "no valid MAC";

export type Authenticity = { events: AuditEvent[] } | { refused: Refusal };

/** Checks one stream message under the cluster's audit key; its events, in order. */
export function authenticEvents(msg: JsMsg, auditKey: Uint8Array): Authenticity {
  const marker = ".audit.events.";
  const at = msg.subject.indexOf(marker);
  const service = at < 0 ? "" : msg.subject.slice(at + marker.length);
  const events: AuditEvent[] = [];
  try {
    for (const body of auditMessageEvents(msg.data)) {
      const parsed = AuditEventSchema.safeParse(body);
      if (!parsed.success) return { refused: "malformed" };
      events.push(parsed.data);
    }
  } catch {
    return { refused: "malformed" };
  }
  if (!service || events.some((e) => e.service !== service))
    return { refused: "service does not match its subject" };
  const mac = msg.headers?.get(AUDIT_MAC_HEADER) || undefined;
  if (!verifyAuditEventMac(auditKey, service, msg.data, mac)) return { refused: "no valid MAC" };
  return { events };
}
