import type { KeyPublic } from "@keyfrag/crypto";
import { InternalError, InvalidArgumentError, UnavailableError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createDfcClient, type KeyView } from "./dfc-client.js";

/** A key source that records what it was asked and answers with `answer(version)`. */
function source(answer: (version: number) => number) {
  const asked: [string, boolean, number][] = [];
  const keys = async (name: string, fresh: boolean, version: number): Promise<KeyView> => {
    asked.push([name, fresh, version]);
    return {
      name,
      keyId: new Uint8Array(32),
      version: answer(version),
      key: { slots: [1], threshold: 1, epoch: 0 } as unknown as KeyPublic,
      placement: new Map(),
    };
  };
  return { asked, keys };
}
const noReplicas = {
  evaluate: () => Promise.reject(new Error("unused")),
  signCommit: () => Promise.reject(new Error("unused")),
  signShare: () => Promise.reject(new Error("unused")),
};
const input = [new Uint8Array([1])];

describe("dfc-client key versions", () => {
  it("asks the key source for the named version, 0 (newest) by default", async () => {
    const s = source((v) => v || 7);
    const dfc = createDfcClient({ keys: s.keys, port: noReplicas });
    // No replica is known: each operation fails UNAVAILABLE after its lookup and one fresh retry.
    await expect(dfc.derive("/k", input)).rejects.toThrow(
      new UnavailableError("slot 1: no replica gave a valid answer (no replicas known)"),
    );
    await expect(dfc.derive("/k", input, { version: 3 })).rejects.toThrow(UnavailableError);
    await expect(dfc.sign("/k", input[0] as Uint8Array, { version: 2 })).rejects.toThrow(
      /^signing with \/k failed on every replica combination/,
    );
    expect(s.asked).toEqual([
      ["/k", false, 0],
      ["/k", true, 0],
      ["/k", false, 3],
      ["/k", true, 3],
      ["/k", false, 2],
      ["/k", true, 2],
    ]);
  });

  it("refuses a bad version and a key source that answers another version", async () => {
    const dfc = createDfcClient({ keys: source(() => 5).keys, port: noReplicas });
    for (const version of [-1, 1.5, Number.NaN, 2 ** 32])
      await expect(dfc.derive("/k", input, { version })).rejects.toThrow(InvalidArgumentError);
    await expect(dfc.derive("/k", input, { version: 1 })).rejects.toThrow(InternalError);
    await expect(dfc.sign("/k", new Uint8Array(1), { version: 1 })).rejects.toThrow(
      /answered \/k v5 when asked for v1/,
    );
  });
});
