/** Server plumbing: error-mapped unary handlers and a server with health and reflection. */
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import {
  type ChannelOptions,
  type handleServerStreamingCall,
  type handleUnaryCall,
  Metadata,
  Server,
  type ServerCredentials,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type UntypedHandleCall,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { ReflectionService } from "@grpc/reflection";
import { HealthImplementation, protoPath as healthProtoPath } from "grpc-health-check";
import { InvalidArgumentError } from "./errors.js";
import { consoleLogger, type Logger, toGrpcStatus } from "./grpc-errors.js";
import { type NodeRole, requireRole } from "./identity.js";
import { loadKeyfragProto, PROTO_LOADER_OPTIONS } from "./proto.js";

/** Metadata key carrying a caller-chosen request id; echoed in error trailers and logs. */
export const REQUEST_ID_KEY = "x-request-id";
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A unary handler written as a plain async function. */
export type UnaryHandler<Req, Res> = (
  request: Req,
  call: ServerUnaryCall<Req, Res>,
) => Promise<Res> | Res;

export interface UnaryOptions {
  /** Where internal errors are logged (default: console.error). */
  logger?: Logger;
  /** If given, only callers whose verified certificate has one of these roles get through. */
  roles?: readonly NodeRole[];
}

/**
 * Adapts `async (request, call) => response` to grpc-js's callback handler. A thrown error
 * goes through `toGrpcStatus`; internal ones are logged with the request id, which is also
 * returned in the `x-request-id` trailer.
 */
export function unary<Req, Res>(
  handler: UnaryHandler<Req, Res>,
  options: UnaryOptions = {},
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    new Promise<Res>((resolve) => {
      if (options.roles) requireRole(call, options.roles);
      const malformed = malformedRequest(call.request);
      if (malformed !== undefined) {
        throw new InvalidArgumentError(`malformed request: ${malformed}`);
      }
      resolve(handler(call.request, call));
    }).then(
      (response) => callback(null, response),
      (err: unknown) => {
        const requestId = requestIdOf(call.metadata);
        const { code, details } = toGrpcStatus(err, {
          requestId,
          logger: options.logger ?? consoleLogger,
          context: { method: call.getPath() },
        });
        const metadata = new Metadata();
        metadata.set(REQUEST_ID_KEY, requestId);
        callback({ code, details, metadata }, null);
      },
    );
  };
}

/**
 * The wrapper a service's gRPC module makes once per set of callers: `const read =
 * forRoles(READERS, logger)`, then `Method: read(async (req) => …)` is `unary(…, { logger,
 * roles: READERS })`.
 */
export function forRoles(roles: readonly NodeRole[], logger?: Logger) {
  return <Req, Res>(handler: UnaryHandler<Req, Res>): handleUnaryCall<Req, Res> =>
    unary<Req, Res>(handler, logger ? { logger, roles } : { roles });
}

/** A server-streaming handler written as `async (request, write, call) => {}`. */
export type ServerStreamHandler<Req, Msg> = (
  request: Req,
  write: (message: Msg) => Promise<void>,
  call: ServerWritableStream<Req, Msg>,
) => Promise<void>;

/**
 * Adapts a server-streaming handler as `unary` adapts a unary one (role check, malformed
 * request, error mapping with the request id in the trailer): `write` waits while the client is
 * slow (backpressure) and throws once the client has gone; a thrown error ends the stream with
 * its status; the stream ends when the handler resolves.
 */
export function serverStream<Req, Msg>(
  handler: ServerStreamHandler<Req, Msg>,
  options: UnaryOptions = {},
): handleServerStreamingCall<Req, Msg> {
  return (call) => {
    let cancelled = false;
    call.on("cancelled", () => {
      cancelled = true;
    });
    const write = async (message: Msg) => {
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
      if (options.roles) requireRole(call, options.roles);
      const malformed = malformedRequest(call.request);
      if (malformed !== undefined) {
        throw new InvalidArgumentError(`malformed request: ${malformed}`);
      }
      resolve(handler(call.request, write, call));
    }).then(
      () => {
        if (!cancelled) call.end();
      },
      (err: unknown) => {
        if (cancelled) return;
        const requestId = requestIdOf(call.metadata);
        const { code, details } = toGrpcStatus(err, {
          requestId,
          logger: options.logger ?? consoleLogger,
          context: { method: call.getPath() },
        });
        const metadata = new Metadata();
        metadata.set(REQUEST_ID_KEY, requestId);
        call.emit("error", { code, details, metadata });
      },
    );
  };
}

/**
 * Marks a request whose bytes did not decode. grpc-js answers such a request INTERNAL
 * ("Error deserializing request") on its own; decoding through `tolerantDefinition` hands the
 * handler this marker instead, and `unary` answers INVALID_ARGUMENT, as for any bad input.
 */
const MALFORMED = Symbol("keyfrag.malformedRequest");

/** Why the request did not decode, when it did not; undefined for a decoded request. */
export function malformedRequest(request: unknown): string | undefined {
  if (typeof request !== "object" || request === null || !(MALFORMED in request)) return undefined;
  return String((request as { [MALFORMED]: unknown })[MALFORMED]);
}

/** `definition` with request decoders that return a marked object instead of throwing. */
function tolerantDefinition(definition: ServiceDefinition): ServiceDefinition {
  return Object.fromEntries(
    Object.entries(definition).map(([name, method]) => [
      name,
      {
        ...method,
        requestDeserialize: (bytes: Buffer) => {
          try {
            return method.requestDeserialize(bytes);
          } catch (err) {
            return { [MALFORMED]: err instanceof Error ? err.message : "undecodable message" };
          }
        },
      },
    ]),
  ) as ServiceDefinition;
}

function requestIdOf(metadata: Metadata): string {
  const [given] = metadata.get(REQUEST_ID_KEY);
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * A service to serve: its definition and its handlers, e.g. a `FragmentManagerHandlers`.
 * Methods left out answer UNIMPLEMENTED.
 */
export interface ServiceRegistration {
  definition: ServiceDefinition;
  implementation: { readonly [method: string]: UntypedHandleCall | undefined };
}

export interface StartServerOptions {
  /** `host:port`; port 0 picks a free one (see `RunningServer.port`). */
  address: string;
  credentials: ServerCredentials;
  services: readonly ServiceRegistration[];
  /** Where server-level failures are logged (default: console.error). */
  logger?: Logger;
  /** grpc-js channel options (message sizes, keepalive…). */
  serverOptions?: ChannelOptions;
}

export interface RunningServer extends AsyncDisposable {
  /** The bound port (the real one when the address asked for port 0). */
  readonly port: number;
  /** Reports every served service, and the server as a whole (""), as SERVING or NOT_SERVING. */
  setServing(serving: boolean): void;
  /**
   * Health NOT_SERVING, then a graceful shutdown that lets calls in flight finish, forced
   * after `graceMs`. Safe to call more than once.
   */
  shutdown(graceMs?: number): Promise<void>;
}

const DEFAULT_GRACE_MS = 10_000;

/**
 * Starts a gRPC server with `grpc.health.v1` (SERVING once bound) and server reflection over
 * the keyfrag contracts, so `grpcurl` and Kubernetes probes work.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger;
  const server = new Server(options.serverOptions);

  const serviceNames = options.services.map((s) => serviceNameOf(s.definition));
  const health = new HealthImplementation(
    Object.fromEntries(["", ...serviceNames].map((name) => [name, "NOT_SERVING" as const])),
  );
  health.addToServer(server);
  new ReflectionService({
    ...loadKeyfragProto().packageDefinition,
    ...loadHealthDefinition(),
  }).addToServer(server);
  for (const service of options.services) {
    // grpc-js answers UNIMPLEMENTED for the methods an implementation leaves out.
    server.addService(
      tolerantDefinition(service.definition),
      service.implementation as UntypedServiceImplementation,
    );
  }

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(options.address, options.credentials, (err, boundPort) =>
        err ? reject(err) : resolve(boundPort),
      );
    });
  } catch (err) {
    logger.error({ err, address: options.address }, "gRPC server could not bind");
    server.forceShutdown();
    throw err;
  }

  const setServing = (serving: boolean) => {
    const status = serving ? "SERVING" : "NOT_SERVING";
    for (const name of ["", ...serviceNames]) health.setStatus(name, status);
  };
  setServing(true);

  let stopped: Promise<void> | undefined;
  const shutdown = (graceMs = DEFAULT_GRACE_MS): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      setServing(false);
      const timer = setTimeout(() => {
        // Calls still running (or long-lived watches) are cancelled.
        server.forceShutdown();
        resolve();
      }, graceMs);
      server.tryShutdown((err) => {
        clearTimeout(timer);
        if (err) logger.error({ err }, "gRPC server shutdown failed");
        resolve();
      });
    });
    return stopped;
  };

  return {
    port,
    setServing,
    shutdown,
    [Symbol.asyncDispose]: () => shutdown(0),
  };
}

/** `keyfrag.v1.FragmentManager` from a definition's method paths (`/pkg.Service/Method`). */
function serviceNameOf(definition: ServiceDefinition): string {
  const first = Object.values(definition)[0];
  const match = first ? /^\/(.+)\/[^/]+$/.exec(first.path) : null;
  if (!match?.[1]) throw new Error("a service definition needs at least one method");
  return match[1];
}

let healthDefinition: ReturnType<typeof loadSync> | undefined;

/** grpc.health.v1 as a package definition, so reflection lists the health service too. */
function loadHealthDefinition(): ReturnType<typeof loadSync> {
  // grpc-health-check keeps its proto at <root>/health/v1/health.proto.
  healthDefinition ??= loadSync("health/v1/health.proto", {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [dirname(dirname(dirname(healthProtoPath)))],
  });
  return healthDefinition;
}
