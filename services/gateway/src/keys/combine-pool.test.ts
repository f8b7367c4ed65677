import { fileURLToPath } from "node:url";
import {
  blindInputs,
  combinePartials,
  type DkgSession,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  evaluatePartial,
  generateIdentityKeyPair,
  SlotContributionError,
} from "@keyfrag/crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createCombinePool } from "./combine-pool.js";

// The pool runs the compiled worker (dist/keys/combine-worker.js): `pnpm build` first, as CI does.
const pool = createCombinePool(
  2,
  fileURLToPath(new URL("../../dist/keys/combine-worker.js", import.meta.url)),
);
afterAll(() => pool.close());

/** A real 3-of-3 ristretto255 DKG, as the slot primaries run it. */
function dkg() {
  const slots = [1, 2, 3];
  const ids = new Map(slots.map((s) => [s, generateIdentityKeyPair()] as const));
  const session: DkgSession = {
    sessionId: `pool-${Math.random()}`,
    suite: "ristretto255",
    threshold: 3,
    participants: slots.map((slot) => ({
      slot,
      identityPublicKey: (ids.get(slot) as ReturnType<typeof generateIdentityKeyPair>).publicKey,
    })),
  };
  const r1 = slots.map((s) =>
    dkgRound1(session, s, ids.get(s) as ReturnType<typeof generateIdentityKeyPair>),
  );
  const packages = r1.flatMap((r) =>
    dkgRound2(
      r.state,
      r1.map((x) => x.message),
    ),
  );
  return r1.map((r) =>
    dkgFinish(
      r.state,
      packages.filter((p) => p.to === r.state.slot),
    ),
  );
}

describe("the combine pool", () => {
  const results = dkg();
  const key = (results[0] as (typeof results)[number]).key;
  const batch = blindInputs([new Uint8Array([1]), new Uint8Array([2, 3])]);
  const partials = results.map((r) => evaluatePartial(r.share, key, batch.blinded));

  it("gives on a worker thread the outputs combinePartials gives on the event loop", async () => {
    const outputs = await pool.combine(key, batch, partials);
    expect(outputs.map((o) => Buffer.from(o).toString("hex"))).toEqual(
      combinePartials(key, batch, partials).map((o) => Buffer.from(o).toString("hex")),
    );
  });

  it("refuses a tampered batch proof with a SlotContributionError naming the slot", async () => {
    const bad = partials.map((p) => {
      if (p.slot !== 2) return p;
      const proof = p.proof.slice();
      proof[7] = (proof[7] as number) ^ 4;
      return { ...p, proof };
    });
    const err = await pool.combine(key, batch, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlotContributionError);
    expect((err as SlotContributionError).slot).toBe(2);
    expect(String(err)).toMatch(/slot 2: evaluation rejected: DLEQ proof did not verify/);
  });
});
