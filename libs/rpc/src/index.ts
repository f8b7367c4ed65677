/**
 * @keyfrag/rpc: the gRPC plumbing every keyfrag service and client shares — contracts and
 * their generated types, cluster mTLS, peer identity, error mapping, server and client helpers.
 */

export {
  type AcceptedLink,
  acceptLink,
  answerLink,
  createInProcessLink,
  createLinkCaller,
  createLinkResponder,
  type InProcessLink,
  LINK_CALLER_MAX_IN_FLIGHT,
  LINK_CALLER_MAX_QUEUED,
  LINK_RESPONDER_MAX_IN_FLIGHT,
  type LinkCaller,
  type LinkCallerOptions,
  type LinkClientStream,
  type LinkPeer,
  type LinkResponder,
  type LinkResponderOptions,
  type LinkServerStream,
  type SendFrame,
} from "./call-link.js";
export {
  type CallOptions,
  call,
  createAuditClient,
  createAuthClient,
  createCoordinatorClient,
  createCustomerLinkClient,
  createFragmentManagerClient,
  createGatewayClient,
  createGatewayInternalClient,
  createPolicyClient,
  createProducersClient,
  createSecretsClient,
  DEFAULT_DEADLINE_MS,
  type RequestOf,
  type ResponseOf,
  streamCall,
  type UnaryMethodName,
} from "./client.js";
export * from "./codec.js";
export {
  ConflictError,
  DeadlineExceededError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  KeyfragError,
  type KeyfragErrorCode,
  MAX_QUOTED_CHARS,
  NotFoundError,
  PermissionDeniedError,
  quote,
  ResourceExhaustedError,
  UnauthenticatedError,
  UnavailableError,
} from "./errors.js";
export { renameFieldsInMessage, secondsAsDuration } from "./field-terms.js";
// Message, enum and service types generated from proto/keyfrag/v1 (`pnpm gen:proto`).
export type * from "./generated/index.js";
export {
  consoleLogger,
  fromGrpcError,
  fromGrpcStatus,
  type GrpcStatus,
  grpcStatusOf,
  isRetryable,
  isServiceError,
  type Logger,
  MAX_STATUS_MESSAGE_CHARS,
  type ToGrpcStatusOptions,
  toGrpcStatus,
} from "./grpc-errors.js";
export { checkHealth, type HealthAnswer } from "./health-client.js";
export {
  type HttpError,
  httpStatusOf,
  type ToHttpErrorOptions,
  toHttpError,
} from "./http-errors.js";
export {
  formatIdentity,
  type IdentifiedCall,
  issuedByClusterCa,
  NODE_ROLES,
  type NodeRole,
  type PeerIdentity,
  parseIdentity,
  parseNodeRole,
  peerIdentity,
  requireRole,
  trustClusterCa,
} from "./identity.js";
export {
  isKeyAlgorithm,
  KEY_ALGORITHMS,
  type KeyAlgorithm,
  keyAlgorithm,
} from "./key-algorithm.js";
export { CRASH_EXIT_CODE, exitOnUncaughtError, onShutdown, runMain } from "./lifecycle.js";
export { PRODUCER_MEMBERS, type ProducerMember, producerMember } from "./producer-member.js";
export {
  type KeyfragGrpcObject,
  type KeyfragProto,
  loadKeyfragProto,
  PROTO_LOADER_OPTIONS,
} from "./proto.js";
export {
  forRoles,
  malformedRequest,
  REQUEST_ID_KEY,
  type RunningServer,
  type ServerStreamHandler,
  type ServiceRegistration,
  type StartServerOptions,
  serverStream,
  startServer,
  type UnaryHandler,
  type UnaryOptions,
  unary,
} from "./server.js";
export {
  requireSlotPeer,
  type SlotIdentity,
  slotIdentityUris,
  slotPeerCredentials,
  verifySlotCertificate,
} from "./slot-identity.js";
export {
  type CertificateFiles,
  clientCredentials,
  clientCredentialsFor,
  createDevCa,
  type DevCaOptions,
  type IssueCertificateOptions,
  issueCertificate,
  loadTlsFiles,
  serverCredentials,
  type TlsFilePaths,
  type TlsMaterial,
} from "./tls.js";
