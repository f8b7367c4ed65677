/** Client plumbing: typed clients for keyfrag services and one promisified, error-mapped call. */
import {
  type ChannelCredentials,
  type Client,
  type ClientOptions,
  type ClientReadableStream,
  type ClientUnaryCall,
  type CallOptions as GrpcCallOptions,
  Metadata,
  type requestCallback,
  type ServiceError,
} from "@grpc/grpc-js";
import type { AuditClient } from "./generated/keyfrag/v1/Audit.js";
import type { AuthClient } from "./generated/keyfrag/v1/Auth.js";
import type { CoordinatorClient } from "./generated/keyfrag/v1/Coordinator.js";
import type { CustomerLinkClient } from "./generated/keyfrag/v1/CustomerLink.js";
import type { FragmentManagerClient } from "./generated/keyfrag/v1/FragmentManager.js";
import type { GatewayClient } from "./generated/keyfrag/v1/Gateway.js";
import type { GatewayInternalClient } from "./generated/keyfrag/v1/GatewayInternal.js";
import type { PolicyClient } from "./generated/keyfrag/v1/Policy.js";
import type { ProducersClient } from "./generated/keyfrag/v1/Producers.js";
import type { SecretsClient } from "./generated/keyfrag/v1/Secrets.js";
import { fromGrpcError, isServiceError } from "./grpc-errors.js";
import { loadKeyfragProto } from "./proto.js";
import { REQUEST_ID_KEY } from "./server.js";

/** A client of `keyfrag.v1.FragmentManager` at `address` (`host:port`). */
export function createFragmentManagerClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): FragmentManagerClient {
  const { FragmentManager } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new FragmentManager(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/**
 * Cluster peers restart and come back within seconds: reconnect quickly instead of backing
 * off for up to two minutes (grpc-js's default). No channelz: keyfrag serves no channelz
 * service, and its bookkeeping costs every call timestamps and counters.
 */
export const CLUSTER_CHANNEL_OPTIONS = {
  "grpc.initial_reconnect_backoff_ms": 200,
  "grpc.max_reconnect_backoff_ms": 2_000,
  "grpc.enable_channelz": 0,
} as const;

/** A client of `keyfrag.v1.Coordinator` at `address` (`host:port`). */
export function createCoordinatorClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): CoordinatorClient {
  const { Coordinator } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new Coordinator(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/**
 * A client of `keyfrag.v1.CustomerLink` at `address` (a coordinator): what a customer fragment
 * opens its link with. Keepalive pings find a link a middlebox dropped silently.
 */
export function createCustomerLinkClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): CustomerLinkClient {
  const { CustomerLink } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new CustomerLink(address, credentials, {
    ...CLUSTER_CHANNEL_OPTIONS,
    "grpc.keepalive_time_ms": 30_000,
    "grpc.keepalive_timeout_ms": 10_000,
    ...options,
  });
}

/** A client of `keyfrag.v1.Auth` at `address` (`host:port`). */
export function createAuthClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): AuthClient {
  const { Auth } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new Auth(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/** A client of `keyfrag.v1.Policy` at `address` (`host:port`). */
export function createPolicyClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): PolicyClient {
  const { Policy } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new Policy(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/** A client of `keyfrag.v1.Audit` at `address` (`host:port`). */
export function createAuditClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): AuditClient {
  const { Audit } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new Audit(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/** A client of `keyfrag.v1.Secrets` at `address` (`host:port`). */
export function createSecretsClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): SecretsClient {
  const { Secrets } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new Secrets(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/** A client of `keyfrag.v1.Gateway` (the public API) at `address` (`host:port`). */
export function createGatewayClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): GatewayClient {
  const { Gateway } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new Gateway(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/** A client of `keyfrag.v1.Producers` (dynamic secrets) at `address` (`host:port`). */
export function createProducersClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): ProducersClient {
  const { Producers } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new Producers(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

/** A client of a gateway's `keyfrag.v1.GatewayInternal` (seal, unseal, sign for producers). */
export function createGatewayInternalClient(
  address: string,
  credentials: ChannelCredentials,
  options?: ClientOptions,
): GatewayInternalClient {
  const { GatewayInternal } = loadKeyfragProto().grpcObject.keyfrag.v1;
  return new GatewayInternal(address, credentials, { ...CLUSTER_CHANNEL_OPTIONS, ...options });
}

// Generated clients declare each unary method as four overloads; the shortest one,
// `(request, callback)`, names the request and response types.
type UnaryShape<Req, Res> = (argument: Req, callback: requestCallback<Res>) => ClientUnaryCall;

/** Names of the unary methods of a generated client (both `NodeStatus` and `nodeStatus`). */
export type UnaryMethodName<C> = {
  [K in keyof C & string]: C[K] extends UnaryShape<never, unknown> ? K : never;
}[keyof C & string];

/** The request type of a client's unary method. */
export type RequestOf<C, M extends keyof C> =
  C[M] extends UnaryShape<infer Req, unknown> ? Req : never;

/** The (decoded) response type of a client's unary method. */
export type ResponseOf<C, M extends keyof C> = C[M] extends (
  argument: never,
  callback: requestCallback<infer Res>,
) => ClientUnaryCall
  ? Res
  : never;

export interface CallOptions {
  /** Time allowed for the call, from now (default 5 s). */
  deadlineMs?: number;
  metadata?: Metadata;
  /** Sent as `x-request-id`; the server logs it with any internal error. */
  requestId?: string;
  /**
   * Wait (within the deadline) for the channel to connect instead of failing at once while it
   * is reconnecting: for peers known to be up, e.g. a node that just restarted.
   */
  waitForReady?: boolean;
}

/** Deadline of a call that names none. */
export const DEFAULT_DEADLINE_MS = 5_000;

type UntypedUnary = (
  argument: unknown,
  metadata: Metadata,
  options: GrpcCallOptions,
  callback: requestCallback<unknown>,
) => ClientUnaryCall;

/**
 * Calls a unary method and resolves with its response. Every failure is a KeyfragError
 * (from `fromGrpcError`); `isRetryable` tells whether trying again may help.
 */
export function call<C extends Client, M extends UnaryMethodName<C>>(
  client: C,
  method: M,
  request: RequestOf<C, M>,
  options: CallOptions = {},
): Promise<ResponseOf<C, M>> {
  const metadata = options.metadata?.clone() ?? new Metadata();
  if (options.requestId !== undefined) metadata.set(REQUEST_ID_KEY, options.requestId);
  // grpc-js reads wait-for-ready from the call's metadata options.
  if (options.waitForReady) metadata.setOptions({ waitForReady: true });
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const invoke = client[method] as unknown as UntypedUnary;
  return new Promise((resolve, reject) => {
    invoke.call(client, request, metadata, { deadline }, (err, response) => {
      if (err) reject(fromGrpcError(err as ServiceError));
      else resolve(response as ResponseOf<C, M>);
    });
  });
}

/**
 * Calls a server-streaming method and yields its messages as they arrive (the consumer's pace
 * is the stream's: grpc-js stops reading while it waits). Every failure is a KeyfragError; the
 * call is cancelled when the consumer stops early. `deadlineMs` bounds the whole stream.
 */
export async function* streamCall<Msg>(
  client: Client,
  method: string,
  request: unknown,
  options: CallOptions = {},
): AsyncGenerator<Msg, void, undefined> {
  const metadata = options.metadata?.clone() ?? new Metadata();
  if (options.requestId !== undefined) metadata.set(REQUEST_ID_KEY, options.requestId);
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const invoke = (client as unknown as Record<string, unknown>)[method] as (
    argument: unknown,
    metadata: Metadata,
    options: GrpcCallOptions,
  ) => ClientReadableStream<Msg>;
  const stream = invoke.call(client, request, metadata, { deadline });
  let ended = false;
  try {
    for await (const message of stream) yield message as Msg;
    ended = true;
  } catch (err) {
    ended = true;
    throw isServiceError(err) ? fromGrpcError(err) : err;
  } finally {
    if (!ended) stream.cancel();
  }
}
