import {
  DeadlineExceededError,
  NotFoundError,
  PermissionDeniedError,
  UnavailableError,
} from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { readThrough } from "./read-through.js";
import { createSecretCache, type SecretValue } from "./secret-cache.js";

describe("readThrough", () => {
  let t = 0;
  const cache = createSecretCache({
    ttlMs: 1_000,
    maxStaleMs: 60_000,
    maxEntries: 10,
    now: () => t,
  });
  const stored: SecretValue = { name: "/a", version: 4, value: Buffer.from("cached") };

  const withUpstream = (read: () => Promise<SecretValue[]>) => {
    const staleServed: unknown[] = [];
    return {
      staleServed,
      deps: {
        cache,
        read,
        beforeStale: async (err: unknown) => {
          staleServed.push(err);
        },
      },
    };
  };

  it("keeps what upstream answered", async () => {
    const { deps } = withUpstream(async () => [stored]);
    expect(await readThrough(deps, ["/a"], 0)).toEqual({ values: [stored], stale: false });
    expect(cache.fresh(["/a"], 0)).toHaveLength(1);
  });

  it("serves stale values only when upstream is unavailable", async () => {
    t += 5_000; // past the TTL, within max-stale
    for (const err of [new UnavailableError("down"), new DeadlineExceededError("slow")]) {
      const { deps, staleServed } = withUpstream(async () => {
        throw err;
      });
      const res = await readThrough(deps, ["/a"], 0);
      expect(res.stale).toBe(true);
      expect(Buffer.from(res.values[0]?.value ?? []).toString()).toBe("cached");
      expect(staleServed).toEqual([err]);
    }
    for (const err of [new NotFoundError("/a not found"), new PermissionDeniedError("no")]) {
      const { deps, staleServed } = withUpstream(async () => {
        throw err;
      });
      await expect(readThrough(deps, ["/a"], 0)).rejects.toBe(err);
      expect(staleServed).toEqual([]);
    }
  });

  it("serves nothing when the stale event cannot be recorded, or nothing is cached", async () => {
    const down = new UnavailableError("down");
    await expect(
      readThrough(
        {
          cache,
          read: async () => {
            throw down;
          },
          beforeStale: async () => {
            throw new UnavailableError("audit unavailable");
          },
        },
        ["/a"],
        0,
      ),
    ).rejects.toThrow("audit unavailable");
    const { deps } = withUpstream(async () => {
      throw down;
    });
    await expect(readThrough(deps, ["/never-read"], 0)).rejects.toBe(down);
  });
});
