/**
 * @keyfrag/sdk: a typed client of the keyfrag gateway, with TLS, token handling and renewal,
 * retries on UNAVAILABLE and typed errors.
 */
export {
  ConflictError,
  DeadlineExceededError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  KeyfragError,
  type KeyfragErrorCode,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
  UnauthenticatedError,
  UnavailableError,
} from "@keyfrag/rpc";
export { grpcCodeName } from "./errors.js";
export {
  type BytesInput,
  type CreateDynamicSecretInput,
  type CreateSecretInput,
  type CreateTargetInput,
  createKeyfragClient,
  type DecryptInput,
  type DynamicSecretValueOutput,
  type EncryptInput,
  type GetSshCertificateInput,
  isExpiredToken,
  type KeyfragCallOptions,
  type KeyfragClient,
  type KeyfragClientOptions,
  type KeyfragCredentials,
  type SecretValueOutput,
  type SetRoleRuleInput,
  type SignInput,
  type TokenInfo,
  type UpdateSecretValInput,
  type UpdateTargetInput,
  type VerifyInput,
} from "./keyfrag-client.js";
export { type BackoffOptions, backoffDelay, shouldRetry } from "./retry.js";
