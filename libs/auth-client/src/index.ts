/**
 * @keyfrag/auth-client: the keyfrag token format and a local verifier of keyfrag tokens.
 */
export * from "./token-format.js";
export {
  createTokenVerifier,
  describeJoseError,
  type TokenVerifier,
  type TokenVerifierOptions,
  type VerifiedToken,
} from "./token-verifier.js";
