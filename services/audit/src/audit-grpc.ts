/** The `keyfrag.v1.Audit` gRPC service. */
import { auditHmac } from "@keyfrag/bus";
import {
  type AuditHandlers,
  type AuditRecord__Output,
  type ExportChunk,
  forRoles,
  InvalidArgumentError,
  type Logger,
  type NodeRole,
  type QueryEventsRequest__Output,
  serverStream,
} from "@keyfrag/rpc";
import type { AuditRecord } from "./chain/audit-record.js";
import type { ChainStore } from "./chain/chain-store.js";
import type { ForwarderService } from "./forwarders/forwarder-service.js";
import { type AuditQueries, parsePageSize, parseQuery } from "./query/audit-query.js";

/** Every Audit RPC is the gateway's: it authorizes operators before asking us. */
const ROLES: readonly NodeRole[] = ["gateway"];

/** The record as the API returns it. */
export function recordToProto(r: AuditRecord): AuditRecord__Output {
  return {
    seq: String(r.seq),
    id: r.id,
    time_ms: String(r.time),
    service: r.service,
    actor: {
      auth_method: r.actor.authMethod,
      access_id: r.actor.accessId,
      sub_claims: Object.fromEntries(
        Object.entries(r.actor.subClaims).map(([k, values]) => [k, { values }]),
      ),
      source_address: r.actor.sourceAddress,
    },
    action: r.action,
    path: r.path,
    result: r.result,
    request_id: r.requestId,
    lease_id: r.leaseId,
    reason: r.reason,
    fields: r.fields,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

/** The handlers, over the chain, its queries and the forwarders. */
export function auditHandlers(deps: {
  chain: Pick<ChainStore, "verify">;
  queries: AuditQueries;
  forwarders: Pick<ForwarderService, "set" | "delete" | "list">;
  auditKey: Uint8Array;
  logger: Logger;
}): AuditHandlers {
  const rpc = forRoles(ROLES, deps.logger);

  return {
    QueryEvents: rpc(async (req: QueryEventsRequest__Output) => {
      const query = parseQuery(req);
      const page = await deps.queries.page(query, parsePageSize(req.page_size), req.page_token);
      return { records: page.records.map(recordToProto), next_page_token: page.nextPageToken };
    }),
    ExportEvents: serverStream<QueryEventsRequest__Output, ExportChunk>(
      async (req, write) => {
        const query = parseQuery(req);
        // One record per line, exactly as stored: the canonical fields plus seq and hashes,
        // so an exported file can be re-verified offline.
        for await (const chunk of deps.queries.all(query, 100)) {
          await write({ lines: chunk.map((r) => `${JSON.stringify(r)}\n`).join("") });
        }
      },
      { logger: deps.logger, roles: ROLES },
    ),
    VerifyChain: rpc(async () => {
      const r = await deps.chain.verify();
      return {
        ok: r.ok,
        records: String(r.records),
        broken_seq: String(r.brokenSeq),
        problem: r.problem,
        pruned_through_seq: String(r.prunedThroughSeq),
      };
    }),
    AuditHash: rpc(async (req: { value: string }) => {
      if (!req.value) throw new InvalidArgumentError("value is required");
      return { hash: auditHmac(deps.auditKey, req.value) };
    }),
    SetForwarder: rpc(async (req: { forwarder: Parameters<ForwarderService["set"]>[0] }) =>
      deps.forwarders.set(req.forwarder),
    ),
    DeleteForwarder: rpc(async (req: { name: string }) => {
      await deps.forwarders.delete(req.name);
      return {};
    }),
    ListForwarders: rpc(async () => ({ forwarders: await deps.forwarders.list() })),
  };
}
