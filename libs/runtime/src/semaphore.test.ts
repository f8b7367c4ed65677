import { ResourceExhaustedError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createSemaphore } from "./semaphore.js";

describe("semaphore", () => {
  it("runs at most `limit` at once, queues the rest in order, refuses beyond the queue", async () => {
    const sem = createSemaphore(2, 2, "things");
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (i: number) =>
      sem.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((r) => releases.push(r));
        running--;
        return i;
      });
    const runs = [1, 2, 3, 4].map(task);
    await expect(task(5)).rejects.toThrow(ResourceExhaustedError);
    await expect(task(5)).rejects.toThrow(/too many things in progress/);
    while (order.length < 4 || releases.length > 0) {
      await new Promise((r) => setTimeout(r, 1));
      releases.shift()?.();
    }
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4]);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it("frees the permit when a run fails", async () => {
    const sem = createSemaphore(1, 0, "things");
    await expect(sem.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await sem.run(async () => "next")).toBe("next");
  });
});
