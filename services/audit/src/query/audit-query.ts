/**
 * Queries over the chain's indexes: newest first, filtered, paginated with an opaque token.
 * The most selective filter picks the index to walk (actor, then path prefix, action, result,
 * else time); the other filters are applied to the records read.
 */
import { createHash } from "node:crypto";
import { AuditEventSchema, type AuditResult } from "@keyfrag/bus";
import { InvalidArgumentError } from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import type { AuditRecord } from "../chain/audit-record.js";
import {
  type ChainStore,
  parseIndexMember,
  pathPrefixes,
  timeLowerBound,
  timeUpperBound,
} from "../chain/chain-store.js";

/** A selection of records; times are inclusive Unix ms, 0 = unbounded. */
export interface AuditQuery {
  sinceMs: number;
  untilMs: number;
  actor: string;
  action: string;
  pathPrefix: string;
  result: AuditResult | "";
}

const AUDIT_RESULTS: readonly string[] = AuditEventSchema.shape.result.options;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;

/** The raw request fields as they come off the wire (int64 as decimal strings). */
export interface RawQuery {
  since_ms?: string | number;
  until_ms?: string | number;
  actor?: string;
  action?: string;
  path_prefix?: string;
  result?: string;
  page_size?: number;
  page_token?: string;
}

/** Checks a request's selection; InvalidArgumentError names the bad field. */
export function parseQuery(raw: RawQuery): AuditQuery {
  const sinceMs = parseTime(raw.since_ms, "since_ms");
  const untilMs = parseTime(raw.until_ms, "until_ms");
  if (sinceMs > 0 && untilMs > 0 && untilMs < sinceMs) {
    throw new InvalidArgumentError("until_ms must not be before since_ms");
  }
  const result = raw.result ?? "";
  if (result !== "" && !AUDIT_RESULTS.includes(result)) {
    throw new InvalidArgumentError(`result must be empty or one of ${AUDIT_RESULTS.join(", ")}`);
  }
  return {
    sinceMs,
    untilMs,
    actor: raw.actor ?? "",
    action: fullAction(raw.action ?? ""),
    pathPrefix: raw.path_prefix ?? "",
    result: result as AuditResult | "",
  };
}

/**
 * Actions are stored as `<service>.<verb>` (`gateway.get-secret-value`); a caller names the
 * public API's verbs as its commands do (`get-secret-value`), which are the gateway's.
 */
export function fullAction(action: string): string {
  return action === "" || action.includes(".") ? action : `gateway.${action}`;
}

/** The page size asked for (0 → default); InvalidArgumentError above the maximum. */
export function parsePageSize(size: number | undefined): number {
  if (!size) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(`page_size must be at most ${MAX_PAGE_SIZE}`);
  }
  return size;
}

function parseTime(value: string | number | undefined, field: string): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n < 0 || n > 99_999_999_999_999) {
    throw new InvalidArgumentError(`${field} must be a non-negative Unix time in milliseconds`);
  }
  return n;
}

/** One page of records and the token of the next (empty when there is none). */
export interface AuditPage {
  records: AuditRecord[];
  nextPageToken: string;
}

export interface AuditQueries {
  /** One page, newest first, after `pageToken` (empty for the first page). */
  page(query: AuditQuery, pageSize: number, pageToken: string): Promise<AuditPage>;
  /** Every selected record, newest first, in chunks (for export). */
  all(query: AuditQuery, chunkSize?: number): AsyncGenerator<AuditRecord[]>;
}

const SCAN_CHUNK = 500;

/** Creates the query side over the chain in `redis`. */
export function createAuditQueries(deps: {
  redis: Redis;
  chain: Pick<ChainStore, "keys" | "records" | "pathIndexReady">;
}): AuditQueries {
  const { redis, chain } = deps;

  async function indexFor(q: AuditQuery): Promise<string> {
    if (q.actor) return chain.keys.index("actor", q.actor);
    // The deepest `/`-ended prefix of the query holds every record the query can match.
    const prefix = pathPrefixes(q.pathPrefix).at(-1);
    if (prefix && (await chain.pathIndexReady())) return chain.keys.index("path", prefix);
    if (q.action) return chain.keys.index("action", q.action);
    if (q.result) return chain.keys.index("result", q.result);
    return chain.keys.byTime;
  }

  const matches = (q: AuditQuery, r: AuditRecord) =>
    (!q.actor || r.actor.accessId === q.actor) &&
    (!q.action || r.action === q.action) &&
    (!q.result || r.result === q.result) &&
    r.path.startsWith(q.pathPrefix) &&
    (!q.sinceMs || r.time >= q.sinceMs) &&
    (!q.untilMs || r.time <= q.untilMs);

  /**
   * Walks the index downwards from `after` (exclusive; undefined = the newest), yielding each
   * matching record with its index member, until `limit` matches were found or the index ends.
   */
  async function* walk(
    q: AuditQuery,
    after: string | undefined,
  ): AsyncGenerator<{ record: AuditRecord; member: string }> {
    const key = await indexFor(q);
    const min = q.sinceMs ? timeLowerBound(q.sinceMs) : "-";
    let max = after ? `(${after}` : q.untilMs ? timeUpperBound(q.untilMs) : "+";
    for (;;) {
      const members = await redis.zrevrangebylex(key, max, min, "LIMIT", 0, SCAN_CHUNK);
      if (members.length === 0) return;
      const seqs = members.map((m) => parseIndexMember(m)?.seq ?? 0);
      const records = await chain.records(seqs);
      for (const [i, member] of members.entries()) {
        const record = records[i];
        // A record missing from the store is VerifyChain's to report, not the query's.
        if (record && record.seq === seqs[i] && matches(q, record)) yield { record, member };
      }
      const last = members[members.length - 1];
      if (members.length < SCAN_CHUNK || last === undefined) return;
      max = `(${last}`;
    }
  }

  return {
    async page(query, pageSize, pageToken) {
      const after = pageToken ? decodeToken(pageToken, query) : undefined;
      const records: AuditRecord[] = [];
      let lastMember = "";
      for await (const { record, member } of walk(query, after)) {
        if (records.length === pageSize) {
          // One more match exists: there is a next page, starting after the last one returned.
          return { records, nextPageToken: encodeToken(lastMember, query) };
        }
        records.push(record);
        lastMember = member;
      }
      return { records, nextPageToken: "" };
    },
    async *all(query, chunkSize = 100) {
      let chunk: AuditRecord[] = [];
      for await (const { record } of walk(query, undefined)) {
        chunk.push(record);
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    },
  };
}

// The token names where the previous page ended and which query it belongs to, so a token
// replayed with other filters is refused instead of silently skipping records.
function fingerprint(q: AuditQuery): string {
  return createHash("sha256")
    .update(JSON.stringify([q.sinceMs, q.untilMs, q.actor, q.action, q.pathPrefix, q.result]))
    .digest("base64url")
    .slice(0, 16);
}

function encodeToken(member: string, q: AuditQuery): string {
  return Buffer.from(JSON.stringify({ v: 1, m: member, q: fingerprint(q) })).toString("base64url");
}

function decodeToken(token: string, q: AuditQuery): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const t = parsed as { v?: unknown; m?: unknown; q?: unknown } | undefined;
  if (t?.v !== 1 || typeof t.m !== "string" || !parseIndexMember(t.m)) {
    throw new InvalidArgumentError("page_token is not a token this service issued");
  }
  if (t.q !== fingerprint(q)) {
    throw new InvalidArgumentError("page_token belongs to a query with other filters");
  }
  return t.m;
}
