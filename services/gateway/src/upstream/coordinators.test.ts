import { createServer } from "node:net";
import { credentials } from "@grpc/grpc-js";
import { UnavailableError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createCoordinatorPool } from "./coordinators.js";

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("coordinator pool", () => {
  it("tells the caller the control plane is unavailable without the coordinators' addresses", async () => {
    const port = await closedPort();
    const logged: [string, unknown][] = [];
    const pool = createCoordinatorPool([`127.0.0.1:${port}`], credentials.createInsecure(), {
      onUnavailable: (message, err) => logged.push([message, err]),
    });
    try {
      const err = await pool.leader("RotateKey", { name: "/k" }).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(UnavailableError);
      expect((err as Error).message).toMatch(/control plane unavailable.*nothing was changed/);
      expect((err as Error).message).not.toContain(String(port));
      const status = await pool.clusterStatus().catch((e: unknown) => e as Error);
      expect((status as Error).message).toBe("control plane unavailable: no coordinator answered");
      // The detail is kept for the log.
      expect(logged).toHaveLength(2);
      expect(String(logged[0]?.[1])).toContain(String(port));
    } finally {
      pool.close();
    }
  });
});
