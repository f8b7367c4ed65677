import { type AddressInfo, createServer, type Server } from "node:net";
import { credentials } from "@grpc/grpc-js";
import { clientCredentials, UnavailableError } from "@keyfrag/rpc";
import {
  type Cluster,
  type CoordinatorNode,
  DEFAULT_PLACEMENT,
  startCluster,
} from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("coordinator pool, leader's deadline then a follower's answer", () => {
  let cluster: Cluster;
  let blackhole: Server;
  beforeAll(async () => {
    cluster = await startCluster({ coordinators: 2, slots: 2, placement: [DEFAULT_PLACEMENT[0]] });
    // A leader that does not answer in time: it accepts the connection and says nothing.
    blackhole = createServer(() => {});
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
  }, 120_000);
  afterAll(async () => {
    blackhole?.close();
    await cluster?.[Symbol.asyncDispose]();
  });

  it("reports the change's outcome as unknown, not 'nothing was changed'", async () => {
    const follower = cluster.coordinators[1 - (await cluster.leaderIndex())] as CoordinatorNode;
    const { port } = blackhole.address() as AddressInfo;
    const pool = createCoordinatorPool(
      [`127.0.0.1:${port}`, follower.address],
      clientCredentials(await cluster.tls("gateway", "gateway-pool")),
      { writeDeadlineMs: 1_000 },
    );
    try {
      const err = await pool.leader("RotateKey", { name: "/k" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnavailableError);
      expect((err as Error).message).toMatch(/outcome is unknown/);
    } finally {
      pool.close();
    }
  }, 30_000);
});
