/** The `keyfrag.v1.Audit` gRPC service. */
import { randomUUID } from "node:crypto";
import { auditHmac } from "@keyfrag/bus";
import {
  type AuditHandlers,
  type AuditRecord__Output,
  type ExportChunk,
  InvalidArgumentError,
  type Logger,
  type NodeRole,
  type QueryEventsRequest__Output,
  REQUEST_ID_KEY,
  requireRole,
  toGrpcStatus,
  unary,
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
  const rpc = <Req, Res>(fn: (req: Req) => Promise<Res>) =>
    unary<Req, Res>((req) => fn(req), { logger: deps.logger, roles: ROLES });

  return {
    QueryEvents: rpc(async (req: QueryEventsRequest__Output) => {
      const query = parseQuery(req);
      const page = await deps.queries.page(query, parsePageSize(req.page_size), req.page_token);
      return { records: page.records.map(recordToProto), next_page_token: page.nextPageToken };
    }),
    ExportEvents: serverStream(
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

/**
 * A server-streaming handler written as `async (request, write) => {}`, with the same role
 * check and error mapping as `unary`: `write` waits while the client is slow (backpressure)
 * and throws once the client has gone, and a thrown error ends the stream with its status.
 */
export function serverStream(
  handler: (
    request: QueryEventsRequest__Output,
    write: (message: ExportChunk) => Promise<void>,
  ) => Promise<void>,
  options: { logger: Logger; roles: readonly NodeRole[] },
): AuditHandlers["ExportEvents"] {
  return (call) => {
    let cancelled = false;
    call.on("cancelled", () => {
      cancelled = true;
    });
    const write = async (message: ExportChunk) => {
      if (cancelled) throw new Error("the client cancelled the stream");
      if (!call.write(message)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            call.off("drain", done);
            call.off("cancelled", done);
            resolve();
          };
          call.on("drain", done);
          call.on("cancelled", done);
        });
      }
    };
    new Promise<void>((resolve) => {
      requireRole(call, options.roles);
      resolve(handler(call.request, write));
    }).then(
      () => {
        if (!cancelled) call.end();
      },
      (err: unknown) => {
        if (cancelled) return;
        const [given] = call.metadata.get(REQUEST_ID_KEY);
        const requestId =
          typeof given === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
        const { code, details } = toGrpcStatus(err, {
          requestId,
          logger: options.logger,
          context: { method: call.getPath() },
        });
        // The trailer is a grpc-js Metadata; this package reaches grpc-js only through the call.
        const metadata = new (call.metadata.constructor as new () => typeof call.metadata)();
        metadata.set(REQUEST_ID_KEY, requestId);
        call.emit("error", { code, details, metadata });
      },
    );
  };
}
