/**
 * The conformance suite on libsodium in WebAssembly. The libsodium backend runs ristretto255 on
 * the native addon (@keyfrag/native-sodium) wherever it is built, and on libsodium compiled to
 * WebAssembly where it is not: this file switches the process to the WebAssembly engine and runs
 * the RFC vectors, the OPRF and DKG property tests and the byte-for-byte cross-checks against
 * @noble/curves again, so both engines are held to the same results (the edwards25519 and X25519
 * operations are sodium-native's on both; the envelope and refresh files add nothing
 * engine-specific beyond these, so they run on the default engine and the reference only).
 * The WebAssembly engine has no multi-scalar multiplication (every product is one libsodium
 * multiplication, as on a machine without the addon): the last test checks that not one native
 * ristretto255 multi-scalar multiplication ran meanwhile.
 */
import { expect, test } from "vitest";
import { ristrettoMsmStats, useRistrettoEngine } from "../src/sodium-group.js";

await useRistrettoEngine("wasm");
const before = ristrettoMsmStats().calls;

await import("./backend-agreement.test.js");
await import("./rfc-vectors.test.js");
await import("./threshold-oprf.test.js");
await import("./dkg.test.js");

test("the WebAssembly engine ran without the addon's multi-scalar multiplication", () => {
  expect(ristrettoMsmStats()).toEqual({ calls: before, engineHasMsm: false });
});
