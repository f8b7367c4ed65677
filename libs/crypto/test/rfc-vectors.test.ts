import { ed25519, ristretto255 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import { signCommitForTestVectors } from "../src/frost-sign.js";
import {
  aggregateSignature,
  type BlindedBatch,
  combinePartials,
  evaluatePartial,
  keyPublicFromCommitments,
  type NonceCommitment,
  type SlotShare,
  signShare,
  verifyPartial,
} from "../src/index.js";
import { blindInputsForTestVectors, evaluatePartialForTestVectors } from "../src/threshold-oprf.js";
import { hex, oprfScalarRng, scriptedRng, unhex } from "./helpers.js";
import { RFC9497_RISTRETTO255_SHA512_VOPRF as VOPRF } from "./vectors/rfc9497-ristretto255-sha512.js";
import { RFC9591_ED25519_SHA512 as FROST } from "./vectors/rfc9591-ed25519-sha512.js";

const le = (h: string) => BigInt(`0x${Buffer.from(h, "hex").reverse().toString("hex")}`);

describe("RFC 9591 FROST(Ed25519, SHA-512) vectors through keyfrag's signing API", () => {
  const { inputs, roundOne, roundTwo, finalOutput } = FROST;
  const a1 = le(inputs.sharePolynomialCoefficients[0]);
  // The RFC's dealer polynomial is f(x) = secret + a1·x; its commitments are our key's public data.
  const key = keyPublicFromCommitments({
    suite: "ed25519",
    threshold: FROST.config.minParticipants,
    slots: [1, 2, 3],
    epoch: 0,
    commitments: [unhex(inputs.groupPublicKey), ed25519.Point.BASE.multiply(a1).toBytes()],
  });
  const share = (slot: 1 | 2 | 3): SlotShare => ({
    suite: "ed25519",
    slot,
    epoch: 0,
    secret: unhex(inputs.participantShares[slot]),
  });
  const message = unhex(inputs.message);

  it("derives the RFC group public key and verifying shares from the dealer commitments", () => {
    expect(hex(key.groupPublicKey)).toBe(inputs.groupPublicKey);
    for (const slot of [1, 2, 3] as const) {
      const y = ed25519.Point.BASE.multiply(le(inputs.participantShares[slot])).toBytes();
      expect(hex(key.verifyingShares.get(slot) as Uint8Array)).toBe(hex(y));
    }
  });

  it("reproduces the RFC nonce commitments, signature shares and final signature", () => {
    const signers = inputs.participantList as readonly (1 | 3)[];
    const nonces = signers.map((slot) =>
      signCommitForTestVectors(
        share(slot),
        scriptedRng(
          unhex(roundOne[slot].hidingNonceRandomness),
          unhex(roundOne[slot].bindingNonceRandomness),
        ),
      ),
    );
    const commitments: NonceCommitment[] = nonces.map((n) => n.commitment);
    for (const [i, slot] of signers.entries()) {
      expect(hex(commitments[i]?.hiding as Uint8Array)).toBe(roundOne[slot].hidingNonceCommitment);
      expect(hex(commitments[i]?.binding as Uint8Array)).toBe(
        roundOne[slot].bindingNonceCommitment,
      );
    }
    const shares = signers.map((slot, i) =>
      signShare(share(slot), key, nonces[i] as (typeof nonces)[number], commitments, message),
    );
    for (const [i, slot] of signers.entries()) {
      expect(hex(shares[i]?.share as Uint8Array)).toBe(roundTwo[slot].sigShare);
    }
    const signature = aggregateSignature(key, commitments, message, shares);
    expect(hex(signature)).toBe(finalOutput.sig);
    expect(ed25519.verify(signature, message, key.groupPublicKey)).toBe(true);
  });
});

describe("RFC 9497 VOPRF(ristretto255, SHA-512) vectors through keyfrag's threshold OPRF", () => {
  const Fn = ristretto255.Point.Fn;
  const skSm = le(VOPRF.skSm);
  const G = ristretto255.Point.BASE;

  function replayBatch(v: (typeof VOPRF.vectors)[number]): BlindedBatch {
    const batch = blindInputsForTestVectors(
      v.input.map(unhex),
      scriptedRng(...v.blind.map((b) => oprfScalarRng(b))),
    );
    expect(batch.blinds.map(hex)).toEqual(v.blind);
    expect(batch.blinded.map(hex)).toEqual(v.blindedElement);
    return batch;
  }

  it.each(VOPRF.vectors)(
    "$name: a slot holding skSm evaluates and proves exactly as the RFC",
    (v) => {
      // A 2-of-2 sharing f(x) = (skSm − a1) + a1·x, so slot 1's share is exactly skSm and its
      // verifying share is pkSm: slot 1's partial must then be the RFC's evaluation and proof.
      const a1 = Fn.fromBytes(Fn.toBytes(12345n));
      const key = keyPublicFromCommitments({
        suite: "ristretto255",
        threshold: 2,
        slots: [1, 2],
        epoch: 0,
        commitments: [G.multiply(Fn.sub(skSm, a1)).toBytes(), G.multiply(a1).toBytes()],
      });
      expect(hex(key.verifyingShares.get(1) as Uint8Array)).toBe(VOPRF.pkSm);
      const batch = replayBatch(v);
      const partial = evaluatePartialForTestVectors(
        { suite: "ristretto255", slot: 1, epoch: 0, secret: unhex(VOPRF.skSm) },
        key,
        batch.blinded,
        scriptedRng(oprfScalarRng(v.proofRandomScalar)),
      );
      expect(partial.evaluated.map(hex)).toEqual(v.evaluationElement);
      expect(hex(partial.proof)).toBe(v.proof);
      expect(() => verifyPartial(key, batch, partial)).not.toThrow();
    },
  );

  it.each(VOPRF.vectors)(
    "$name: partials of a 2-of-3 sharing of skSm combine to the RFC output",
    (v) => {
      const a1 = Fn.fromBytes(Fn.toBytes(987654321n));
      const f = (x: bigint) => Fn.add(skSm, Fn.mul(a1, x));
      const key = keyPublicFromCommitments({
        suite: "ristretto255",
        threshold: 2,
        slots: [1, 2, 3],
        epoch: 0,
        commitments: [unhex(VOPRF.pkSm), G.multiply(a1).toBytes()],
      });
      const batch = replayBatch(v);
      const partials = [1, 3].map((slot) =>
        evaluatePartial(
          { suite: "ristretto255", slot, epoch: 0, secret: Fn.toBytes(f(BigInt(slot))) },
          key,
          batch.blinded,
        ),
      );
      expect(combinePartials(key, batch, partials).map(hex)).toEqual(v.output);
    },
  );
});
