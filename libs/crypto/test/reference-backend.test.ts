/**
 * The conformance suite on the reference backend. Every other test file of this package runs on
 * the backend the environment selects (libsodium unless KF_CRYPTO_BACKEND=noble); this file
 * switches the process to @noble/curves and runs the very same files again, so the RFC 9591 and
 * RFC 9497 vectors and every property test hold for both. backend-agreement.test.ts checks
 * that the two give byte-identical results.
 */
import { useCryptoBackend } from "../src/suite.js";

useCryptoBackend("noble");

await import("./rfc-vectors.test.js");
await import("./threshold-oprf.test.js");
await import("./frost-sign.test.js");
await import("./dkg.test.js");
await import("./refresh.test.js");
await import("./envelope.test.js");
