export {
  type DkgResult,
  type DkgRound1Message,
  type DkgRound2Message,
  type DkgSession,
  DkgState,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  type Participant,
} from "./dkg.js";
export * from "./envelope.js";
export * from "./errors.js";
export {
  aggregateSignature,
  exportSigningNonce,
  type NonceCommitment,
  restoreSigningNonce,
  SIGNING_NONCE_BYTES,
  type SignatureShare,
  SigningNonce,
  signCommit,
  signShare,
  verifyEd25519,
} from "./frost-sign.js";
export * from "./identity-seal.js";
export {
  checkShare,
  type KeyPublic,
  type KeyPublicJson,
  keyPublicDigest,
  keyPublicFromCommitments,
  keyPublicFromJson,
  keyPublicToJson,
  lagrangeAtZero,
  MAX_SLOT,
  type SlotShare,
  verifyingShareOf,
} from "./key-public.js";
export * from "./refresh.js";
export {
  type RistrettoEngine,
  ristrettoEngine,
  ristrettoEngineFallbackReason,
} from "./sodium-group.js";
export {
  CRYPTO_BACKEND_ENV,
  type CryptoBackend,
  cryptoBackend,
  cryptoDescription,
  type Suite,
} from "./suite.js";
export {
  type BlindedBatch,
  blindInputs,
  combinePartials,
  evaluatePartial,
  MAX_OPRF_BATCH,
  OPRF_OUTPUT_BYTES,
  type PartialEvaluation,
  verifyPartial,
} from "./threshold-oprf.js";
