import { keyPublicDigest, type RefreshDealing } from "@keyfrag/crypto";
import { FailedPreconditionError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { inProcessKey } from "./in-process-key.js";

describe("refresh commit is bound to the decided public data", () => {
  it("a pending epoch left by an undecided refresh is never committed for a later, decided one", async () => {
    await using k = await inProcessKey("/commit/aes", [1, 2]);
    const a = (slot: number) => k.replicas.get(`fm-${slot}a`);
    const prepare = async (sessionId: string, slots: number[]) => {
      const dealings: RefreshDealing[] = [];
      for (const s of slots) {
        dealings.push(
          await (a(s)?.refreshDeal({
            ...k.ref,
            sessionId,
            epoch: 0,
            participants: k.participants,
          }) as Promise<RefreshDealing>),
        );
      }
      return Promise.all(slots.map((s) => a(s)?.refreshPrepare({ ...k.ref, sessionId, dealings })));
    };

    // Refresh A prepares epoch 1 on both slots, then is abandoned on slot 2 only (say, fm-1a
    // was unreachable for the abort).
    const [fromA] = await prepare("refresh-a", [1, 2]);
    await a(2)?.refreshAbort({ ...k.ref, epoch: 1 });
    // A commit naming some other decision is refused on slot 1, which keeps A's pending epoch…
    const otherDecision = new Uint8Array(32).fill(7);
    await expect(
      a(1)?.refreshCommit({ ...k.ref, epoch: 1, digest: otherDecision }),
    ).rejects.toThrow(FailedPreconditionError);
    expect((await a(1)?.status())?.keys[0]?.epoch).toBe(0);
    // …and only the decided one commits.
    await a(1)?.refreshCommit({
      ...k.ref,
      epoch: 1,
      digest: keyPublicDigest(fromA as NonNullable<typeof fromA>),
    });
    expect((await a(1)?.status())?.keys[0]?.epoch).toBe(1);
  });
});

describe("discarding a failed key generation", () => {
  it("drops a never-refreshed key's fragments, and refuses for a key that was refreshed", async () => {
    await using k = await inProcessKey("/discard/aes", [1, 2]);
    const node = k.replicas.get("fm-1a");
    await node?.discardKey(k.ref);
    expect((await node?.status())?.keys).toEqual([]);

    await using live = await inProcessKey("/live/aes", [1, 2]);
    const a = (slot: number) => live.replicas.get(`fm-${slot}a`);
    const dealings: RefreshDealing[] = [];
    for (const s of [1, 2]) {
      dealings.push(
        await (a(s)?.refreshDeal({
          ...live.ref,
          sessionId: "r",
          epoch: 0,
          participants: live.participants,
        }) as Promise<RefreshDealing>),
      );
    }
    const [next] = await Promise.all(
      [1, 2].map((s) => a(s)?.refreshPrepare({ ...live.ref, sessionId: "r", dealings })),
    );
    await a(1)?.refreshCommit({
      ...live.ref,
      epoch: 1,
      digest: keyPublicDigest(next as NonNullable<typeof next>),
    });
    await expect(a(1)?.discardKey(live.ref)).rejects.toThrow(/was refreshed/);
  });
});
