import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, reservePort } from "./free-port.js";

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

describe("ports for test processes", () => {
  it("a reserved port cannot be listened on by anyone else until it is released", async () => {
    const { port, release } = await reservePort();
    expect(await canListen(port)).toBe(false);
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(await canListen(port)).toBe(true);
  });

  it("never hands out the same port twice in one process", async () => {
    const ports = [await freePort(), (await reservePort()).port, await freePort()];
    expect(new Set(ports).size).toBe(3);
  });
});
