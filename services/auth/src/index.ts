/**
 * @keyfrag/auth: auth methods (access key, JWT/OIDC, Kubernetes, client certificate) and the
 * short-lived tokens they issue. main.ts is the process; these are the parts to reuse.
 */
export { authHandlers } from "./auth-grpc.js";
export { type AuthService, type AuthServiceSettings, createAuthService } from "./auth-service.js";
export { type AuthConfig, loadConfig } from "./config.js";
export { createFailureLimiter, type FailureLimiter } from "./login/failure-limiter.js";
export { createJwtLogin, type JwtLogin, type JwtLoginOptions } from "./login/jwt-login.js";
export {
  type Credential,
  createLoginService,
  type LoginAttempt,
  type LoginService,
} from "./login/login-service.js";
export { hashAccessKey, newAccessKey, verifyAccessKey } from "./methods/access-key.js";
export {
  type ChangeContext,
  createMethodService,
  type MethodService,
} from "./methods/method-service.js";
export { createMethodStore, type MethodStore, newAccessId } from "./methods/method-store.js";
export { methodToProto, type StoredMethod } from "./methods/method-types.js";
export { createRevocations, type Revocations } from "./tokens/revocations.js";
export { createSigningKeys, type SigningKeys } from "./tokens/signing-keys.js";
export { createTokenService, type TokenService } from "./tokens/token-service.js";
