import { describe, expect, it } from "vitest";
import { createStoreGate } from "./store-gate.js";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("store gate", () => {
  it("a snapshot waits for the changes in flight, and changes wait for the snapshot", async () => {
    const gate = createStoreGate();
    const events: string[] = [];
    let finishChange = () => {};
    const change = gate.change(async () => {
      events.push("change 1 starts");
      await new Promise<void>((r) => {
        finishChange = r;
      });
      events.push("change 1 ends");
    });
    await tick();
    let finishSnapshot = () => {};
    const snapshot = gate.snapshot(async () => {
      events.push("snapshot starts");
      await new Promise<void>((r) => {
        finishSnapshot = r;
      });
      events.push("snapshot ends");
    });
    const later = gate.change(async () => {
      events.push("change 2");
    });
    await tick();
    expect(events).toEqual(["change 1 starts"]);
    finishChange();
    await tick();
    expect(events).toEqual(["change 1 starts", "change 1 ends", "snapshot starts"]);
    finishSnapshot();
    await Promise.all([change, snapshot, later]);
    expect(events).toEqual([
      "change 1 starts",
      "change 1 ends",
      "snapshot starts",
      "snapshot ends",
      "change 2",
    ]);
  });

  it("a failing change or snapshot does not block the gate", async () => {
    const gate = createStoreGate();
    await expect(gate.change(async () => Promise.reject(new Error("disk")))).rejects.toThrow();
    await expect(gate.snapshot(async () => Promise.reject(new Error("read")))).rejects.toThrow();
    expect(await gate.change(async () => 1)).toBe(1);
    expect(await gate.snapshot(async () => 2)).toBe(2);
  });
});
