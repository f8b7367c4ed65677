/**
 * The gateway's operations, apart from any transport: each is `(request, call) => response`,
 * with the request in the shape proto-loader decodes (`keyfrag.v1.Gateway`'s messages) and the
 * call naming who asks (token, request id, peer, TLS). The gRPC server wraps each with `unary`;
 * the REST API calls the very same functions, so both go through one pipeline.
 */
import type { handleUnaryCall, ServerUnaryCall } from "@grpc/grpc-js";
import { type GatewayHandlers, type Logger, unary } from "@keyfrag/rpc";

/** What an operation reads of the call that carried it. */
export type OperationCall = Pick<
  ServerUnaryCall<unknown, unknown>,
  "metadata" | "getPeer" | "getAuthContext"
>;

/** One gateway operation. */
export type Operation<Req, Res> = (request: Req, call: OperationCall) => Promise<Res>;

/** The method names of `keyfrag.v1.Gateway` (without the index signature of grpc-js' type). */
type AnyGatewayMethod = keyof {
  [K in keyof GatewayHandlers as string extends K ? never : K]: GatewayHandlers[K];
};

/**
 * The unary methods of `keyfrag.v1.Gateway`: the operations. ExportAuditEvents streams and is
 * served apart (gateway-grpc.ts's exportAuditEvents).
 */
export type GatewayMethod = keyof {
  [M in AnyGatewayMethod as GatewayHandlers[M] extends handleUnaryCall<infer _Req, infer _Res>
    ? M
    : never]: true;
};

/** Every unary method of `keyfrag.v1.Gateway` as an operation. */
export type GatewayOperations = {
  [M in GatewayMethod]: GatewayHandlers[M] extends handleUnaryCall<infer Req, infer Res>
    ? Operation<Req, Res>
    : never;
};

/** The request type of a gateway method, as its operation takes it. */
export type OperationRequest<M extends GatewayMethod> = Parameters<GatewayOperations[M]>[0];
/** The response type of a gateway method, as its operation resolves it. */
export type OperationResponse<M extends GatewayMethod> = Awaited<ReturnType<GatewayOperations[M]>>;

/** The gRPC handlers of the operations: each through `unary` (error mapping, malformed input). */
export function grpcHandlers(operations: GatewayOperations, logger: Logger): GatewayHandlers {
  const handlers: Record<string, handleUnaryCall<never, unknown>> = {};
  for (const [method, operation] of Object.entries(operations)) {
    handlers[method] = unary(operation as Operation<never, unknown>, { logger });
  }
  return handlers as unknown as GatewayHandlers;
}
