export * from "./dkg.js";
export * from "./envelope.js";
export * from "./errors.js";
export * from "./frost-sign.js";
export * from "./identity-seal.js";
export * from "./key-public.js";
export * from "./refresh.js";
export type { Suite } from "./suite.js";
export * from "./threshold-oprf.js";
