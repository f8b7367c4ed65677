/**
 * The compiled package (what services load) works on the libsodium backend: tsc's emit of the
 * point classes differs from the source transform the other tests run through.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DkgResult, SigningNonce } from "../src/index.js";

const dist = new URL("../dist/index.js", import.meta.url);

describe.runIf(existsSync(dist))("the compiled @keyfrag/crypto", () => {
  it("signs and derives on the default backend", async () => {
    const c = (await import(dist.href)) as typeof import("../src/index.js");
    expect(c.cryptoBackend()).toBe(process.env.KF_CRYPTO_BACKEND === "noble" ? "noble" : "sodium");
    // CI builds the native addon (a failed compile fails its build), so ristretto255 runs natively.
    if (process.env.CI === "true") {
      expect(c.ristrettoEngineFallbackReason()).toBeUndefined();
      expect(c.ristrettoEngine()).toBe("native");
      expect(c.cryptoDescription()).toEqual({
        backend: "sodium",
        ristretto255: "native libsodium",
        edwards25519: "sodium-native",
        msm: true,
      });
    }
    for (const suite of ["ed25519", "ristretto255"] as const) {
      const ids = [1, 2].map(() => c.generateIdentityKeyPair());
      const session = {
        sessionId: `compiled-${suite}`,
        suite,
        threshold: 2,
        participants: ids.map((id, i) => ({ slot: i + 1, identityPublicKey: id.publicKey })),
      };
      const r1 = ids.map((id, i) => c.dkgRound1(session, i + 1, id));
      const r2 = r1.flatMap((r) =>
        c.dkgRound2(
          r.state,
          r1.map((x) => x.message),
        ),
      );
      const [a, b] = r1.map((r) => c.dkgFinish(r.state, r2)) as [DkgResult, DkgResult];
      const message = new TextEncoder().encode("compiled");
      if (suite === "ed25519") {
        const nonces = [a, b].map((x) => c.signCommit(x.share));
        const commitments = nonces.map((n) => n.commitment);
        const shares = [a, b].map((x, i) =>
          c.signShare(x.share, x.key, nonces[i] as SigningNonce, commitments, message),
        );
        const sig = c.aggregateSignature(a.key, commitments, message, shares);
        expect(c.verifyEd25519(sig, message, a.key.groupPublicKey)).toBe(true);
      } else {
        const batch = c.blindInputs([message]);
        const partials = [a, b].map((x) => c.evaluatePartial(x.share, x.key, batch.blinded));
        expect(c.combinePartials(a.key, batch, partials)[0]).toHaveLength(c.OPRF_OUTPUT_BYTES);
      }
    }
  });
});
