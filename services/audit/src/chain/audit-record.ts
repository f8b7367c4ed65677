/**
 * The audit record: an event as it arrived on the stream, plus its place in the hash chain.
 * The hash covers a canonical serialization, so anyone holding an exported record (a JSON line)
 * and its predecessor's hash can recompute it without keyfrag.
 */
import { createHash } from "node:crypto";
import type { AuditEvent } from "@keyfrag/bus";

/** The hash a first record links back to. */
export const GENESIS_HASH = "0".repeat(64);

/** An event stored in the chain. */
export interface AuditRecord extends AuditEvent {
  /** Position in the chain, from 1. */
  seq: number;
  /** Hex SHA-256 of the previous record (GENESIS_HASH for seq 1). */
  prevHash: string;
  /** Hex SHA-256 over `prevHash` and the canonical content of this record (see `recordHash`). */
  hash: string;
}

/**
 * JSON with object keys sorted at every level and no whitespace: the same content always gives
 * the same bytes, whatever order a producer or Redis round-trip left the keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new TypeError("canonical JSON has no representation for a non-finite number");
    }
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The fields the hash covers: the event and its seq (the links themselves are not content). */
export function recordContent(record: AuditEvent & { seq: number }): Record<string, unknown> {
  return {
    seq: record.seq,
    id: record.id,
    time: record.time,
    service: record.service,
    actor: record.actor,
    action: record.action,
    path: record.path,
    result: record.result,
    requestId: record.requestId,
    leaseId: record.leaseId,
    reason: record.reason,
    fields: record.fields,
  };
}

/** SHA-256(hex) of `prevHash + "\n" + canonicalJson(content)`. */
export function recordHash(prevHash: string, record: AuditEvent & { seq: number }): string {
  return createHash("sha256")
    .update(`${prevHash}\n${canonicalJson(recordContent(record))}`, "utf8")
    .digest("hex");
}

/** Chains `event` after a record with `prevSeq`/`prevHash`. */
export function chainRecord(event: AuditEvent, prevSeq: number, prevHash: string): AuditRecord {
  const seq = prevSeq + 1;
  const content = { ...eventOf(event), seq };
  return { ...content, prevHash, hash: recordHash(prevHash, content) };
}

/** The event fields of a record (or event), without chain fields or anything unknown. */
export function eventOf(value: AuditEvent): AuditEvent {
  return {
    id: value.id,
    time: value.time,
    service: value.service,
    actor: value.actor,
    action: value.action,
    path: value.path,
    result: value.result,
    requestId: value.requestId,
    leaseId: value.leaseId,
    reason: value.reason,
    fields: value.fields,
  };
}
