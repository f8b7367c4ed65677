/**
 * The conformance suite on the native engine with its multi-scalar multiplication turned off
 * (useNativeMsm(false)): every product is then one libsodium multiplication, evaluated at once,
 * the other control flow of the point class. The default run covers the native engine with it
 * on, wasm-engine.test.ts the WebAssembly engine (which has none).
 */
import { nativeSodium } from "@keyfrag/native-sodium";
import { afterAll, expect, test } from "vitest";
import { ristrettoMsmStats, useNativeMsm } from "../src/sodium-group.js";

useNativeMsm(false);
afterAll(() => useNativeMsm(true));
const before = ristrettoMsmStats().calls;

await import("./backend-agreement.test.js");
await import("./rfc-vectors.test.js");
await import("./threshold-oprf.test.js");

test.runIf(nativeSodium() !== undefined)(
  "ran on the native engine, without its multi-scalar multiplication",
  () => {
    expect(ristrettoMsmStats()).toEqual({ calls: before, engineHasMsm: true });
  },
);
