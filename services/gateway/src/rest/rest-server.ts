/**
 * The REST API (Akeyless V2 conventions): an HTTPS listener beside the gRPC one, on the same
 * TLS material. Every route validates its body against its operation's JSON Schema and then
 * invokes the gateway's own operations (the very functions the gRPC server serves), so a REST
 * call goes through the same pipeline: token → policy → durable audit event → work. Mounted at
 * `/`, `/v2/` and `/api/v2/`; the OpenAPI 3.1 document at `/openapi.json`, its page at `/docs`.
 */
import { randomUUID } from "node:crypto";
import type { Server, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { Metadata } from "@grpc/grpc-js";
import { KeyfragError, REQUEST_ID_KEY, toHttpError, UnauthenticatedError } from "@keyfrag/rpc";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import type {
  GatewayMethod,
  GatewayOperations,
  Operation,
  OperationCall,
  OperationRequest,
  OperationResponse,
} from "../pipeline/operations.js";
import type { GatewayLogger } from "../pipeline/pipeline.js";
import { inRestTerms } from "./rest-field-terms.js";
import { type Invoke, REST_OPERATIONS, type RestOperation } from "./rest-operations.js";

/** Where the operations are mounted (Akeyless V2 clients use any of them). */
export const MOUNTS = ["", "/v2", "/api/v2"] as const;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** A token is printable ASCII without spaces (as a `Bearer` header value must be). */
const TOKEN_CHARACTERS = /^[\x21-\x7E]+$/;

export interface RestServerOptions {
  /** host:port; port 0 picks a free one. */
  address: string;
  tls: {
    cert: Buffer;
    key: Buffer;
    /** CAs that clients' certificates (certificate logins) may chain to. */
    ca: Buffer;
  };
  operations: GatewayOperations;
  logger: GatewayLogger;
  /** Largest request body, in bytes; larger ones are refused with 400. */
  maxBodyBytes: number;
  /** The gateway's version, for the OpenAPI document. */
  version?: string;
  /** Timeouts and the connection limit (default DEFAULT_REST_LIMITS). */
  limits?: Partial<RestServerLimits>;
}

/**
 * Limits of the listener, so slow or idle clients cannot hold its sockets (and the gateway
 * process's file descriptors, which gRPC, upstream and fragment connections share): the TLS
 * handshake within `handshakeTimeoutMs`, a request's headers within `headersTimeoutMs`, the
 * whole request (body included) within `requestTimeoutMs`, no socket silent for longer than
 * `idleTimeoutMs` (an answer being computed included), an idle keep-alive connection closed
 * after `keepAliveTimeoutMs`, at most `maxConnections` open at once and at most
 * `maxConnectionsPerClient` from one client address (more are closed on accept), so one client
 * cannot take every connection from the others.
 */
export interface RestServerLimits {
  handshakeTimeoutMs: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** Connections open at once from one IP address (0: no limit besides maxConnections). */
  maxConnectionsPerClient: number;
  /** How often Node checks the headers and request timeouts (its default, 30 s, would let them run far over). */
  checkIntervalMs: number;
}

export const DEFAULT_REST_LIMITS: RestServerLimits = {
  handshakeTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  keepAliveTimeoutMs: 10_000,
  maxConnections: 1_024,
  maxConnectionsPerClient: 128,
  checkIntervalMs: 2_000,
};

export interface RestServer {
  readonly port: number;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** The `host:port` a grpc-js peer string would give, for the pipeline's audit records. */
function peerOf(request: FastifyRequest): string {
  const ip = request.socket.remoteAddress ?? "unknown";
  const port = request.socket.remotePort ?? 0;
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The call the operations see: the body's token as `authorization`, the request id, the peer. */
function operationCall(request: FastifyRequest, token: string | undefined, requestId: string) {
  const metadata = new Metadata();
  if (token) {
    // Checked before grpc-js sees it: its "illegal characters" error quotes the whole value,
    // token included, and would be logged as an internal error. The token is never echoed.
    if (!TOKEN_CHARACTERS.test(token))
      throw new UnauthenticatedError(
        "malformed token: only printable ASCII without spaces or line breaks (a trailing newline?)",
      );
    metadata.set("authorization", `Bearer ${token}`);
  }
  metadata.set(REQUEST_ID_KEY, requestId);
  const socket = request.socket as TLSSocket;
  const call: OperationCall = {
    metadata,
    getPeer: () => peerOf(request),
    // Only a certificate that chained to a trusted CA (as on the gRPC listener).
    getAuthContext: () => {
      const certificate = socket.authorized ? socket.getPeerCertificate() : undefined;
      return {
        transportSecurityType: "ssl",
        ...(certificate?.raw ? { sslPeerCertificate: certificate } : {}),
      };
    },
  };
  return call;
}

/** Turns framework errors (validation, body parsing and size) into the one error shape. */
function frameworkError(err: FastifyError, maxBodyBytes: number): string | undefined {
  if (err.validation)
    return `${err.validationContext ?? "body"}${err.message.replace(/^body/, "")}`;
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return `request body is larger than ${maxBodyBytes} bytes`;
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "the body must be JSON (content-type: application/json)";
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "the body must be a JSON object";
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return `malformed JSON: ${err.message}`;
    default:
      // Fastify's JSON parser reports malformed JSON as a SyntaxError with status 400.
      if (err instanceof SyntaxError || err.statusCode === 400)
        return `malformed JSON: ${err.message}`;
      return undefined;
  }
}

/** Starts the REST listener. */
export async function startRestServer(options: RestServerOptions): Promise<RestServer> {
  const { operations, logger, maxBodyBytes } = options;
  const limits = { ...DEFAULT_REST_LIMITS, ...options.limits };
  const app = Fastify({
    https: {
      cert: options.tls.cert,
      key: options.tls.key,
      ca: options.tls.ca,
      // Asked for, not required: certificate logins only (see transport/public-credentials.ts).
      requestCert: true,
      rejectUnauthorized: false,
      // https.createServer takes the TLS and the HTTP server's options in one object.
      handshakeTimeout: limits.handshakeTimeoutMs,
      // Headers are part of the request: never given longer than the whole of it.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    // Fastify's defaults (0) switch Node's request timeout off: a client trickling a body
    // would hold its socket forever.
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    bodyLimit: maxBodyBytes,
    logger: false,
    // Akeyless clients send strings where numbers or booleans go: the schemas say which
    // strings are accepted, so nothing is coerced silently.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "keyfrag REST API",
        version: options.version ?? "v2",
        description:
          'Akeyless V2 conventions: POST /<operation> with a JSON body, the token in the body\'s `token` field; also mounted at /v2/ and /api/v2/. Errors: {"error": "…"} with 400, 401, 403, 404, 409, 429, 503 or 500.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const requestId = String(reply.getHeader("x-request-id") ?? request.id);
    const message = frameworkError(err, maxBodyBytes);
    if (message !== undefined) return reply.code(400).send({ error: message });
    const { status, body } = toHttpError(err, {
      requestId,
      logger,
      // The path only: a query string is the caller's input (it may hold a token).
      context: { operation: request.url.split("?")[0] },
    });
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no operation ${request.method} ${request.url.split("?")[0]}` }),
  );

  const route = (mount: string, operation: RestOperation, name: string) => {
    app.post(
      `${mount}/${name}`,
      {
        schema: {
          body: operation.body,
          summary: operation.summary,
          tags: [operation.tag],
          operationId: name,
          // The document lists each operation once, at `/`.
          hide: mount !== "" || name !== operation.name,
        },
      },
      async (request, reply) => {
        const given = request.headers[REQUEST_ID_KEY];
        const requestId =
          typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
        reply.header("x-request-id", requestId);
        const body = request.body as { token?: string };
        const call = operationCall(
          request,
          operation.anonymous ? undefined : body.token,
          requestId,
        );
        const invoke: Invoke = <M extends GatewayMethod>(method: M, req: OperationRequest<M>) =>
          (operations[method] as unknown as Operation<OperationRequest<M>, OperationResponse<M>>)(
            req,
            call,
          );
        return operation.run(body, invoke).catch((err: unknown) => {
          // The message in the body's words (`user-ttl`, not `user_ttl_seconds`).
          if (err instanceof KeyfragError && err.code !== "internal") {
            err.message = inRestTerms(err.message, operation.body, operation.fieldNames);
          }
          throw err;
        });
      },
    );
  };
  for (const mount of MOUNTS) {
    for (const operation of REST_OPERATIONS) {
      for (const name of [operation.name, ...(operation.aliases ?? [])])
        route(mount, operation, name);
    }
  }
  app.get("/openapi.json", { schema: { hide: true } }, () => app.swagger());
  app.get("/", { schema: { hide: true } }, () => ({
    service: "keyfrag",
    api: "Akeyless V2 compatible REST",
    openapi: "/openapi.json",
    docs: "/docs",
  }));

  app.server.maxConnections = limits.maxConnections;
  if (limits.maxConnectionsPerClient > 0)
    limitPerClient(app.server, limits.maxConnectionsPerClient);
  const [host, port] = splitAddress(options.address);
  await app.listen({ host, port });
  // Once listening, an error (EMFILE on accept…) must not become an uncaught exception that
  // stops the gateway: log it; the server keeps accepting.
  app.server.on("error", (err) => logger.error({ err }, "REST server error"));
  const bound = app.server.address();
  return {
    port: typeof bound === "object" && bound ? bound.port : port,
    app,
    close: () => app.close(),
  };
}

/**
 * Closes a connection on accept while its client address already has `max` open. Counted on the
 * TCP socket (before the TLS handshake, so a client cannot hold more by never finishing it);
 * an IPv4 address seen as IPv6 (`::ffff:a.b.c.d`) is the same client.
 */
function limitPerClient(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const client = (socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    const count = open.get(client) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(client, count + 1);
    socket.once("close", () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}

function splitAddress(address: string): [string, number] {
  const i = address.lastIndexOf(":");
  return [address.slice(0, i).replace(/^\[|\]$/g, ""), Number(address.slice(i + 1))];
}
