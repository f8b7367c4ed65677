import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type TLSSocket } from "node:tls";
import { createDevCa, issueCertificate } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayOperations } from "../pipeline/operations.js";
import { type RestServer, type RestServerOptions, startRestServer } from "./rest-server.js";

let dir = "";
let tls: RestServerOptions["tls"];
/** Every line the REST server logged, serialized as a JSON log line would be. */
const logged: string[] = [];
const logger = {
  error: (obj: object, msg: string) => logged.push(`${msg} ${serialize(obj)}`),
  warn: (obj: object, msg: string) => logged.push(`${msg} ${serialize(obj)}`),
};
/** Operations called by the REST layer (none, for requests refused before the pipeline). */
const called: string[] = [];
const operations = new Proxy({} as GatewayOperations, {
  get: (_target, method) => async () => {
    called.push(String(method));
    throw new Error(`operation ${String(method)} must not be reached`);
  },
});

function serialize(obj: object): string {
  return JSON.stringify(obj, (_key, value) =>
    value instanceof Error ? { message: value.message, stack: value.stack } : value,
  );
}

let server: RestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-rest-"));
  const ca = await createDevCa(dir);
  const node = await issueCertificate({ caDir: dir, dir, name: "gateway-1", role: "gateway" });
  tls = {
    cert: await readFile(node.certFile),
    key: await readFile(node.keyFile),
    ca: await readFile(ca.certFile),
  };
  server = await startRestServer({
    address: "127.0.0.1:0",
    tls,
    operations,
    logger,
    maxBodyBytes: 1_048_576,
  });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("REST server: tokens", () => {
  it("answers 401 to a token with a control character, logging and echoing no part of it", async () => {
    const token = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.SIGNATUREsecretpart";
    for (const bad of [
      `${token}\n`,
      `${token}\r`,
      `${token}\u0000`,
      `Bearer ${token}`,
      `${token}é`,
    ]) {
      const res = await server.app.inject({
        method: "POST",
        url: "/get-secret-value",
        payload: { token: bad, names: ["/a"] },
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(401);
      expect(res.json().error).toMatch(/malformed token/);
      expect(res.body).not.toContain("SIGNATURE");
    }
    expect(called).toEqual([]);
    expect(logged.filter((line) => line.includes("SIGNATURE") || line.includes("eyJ"))).toEqual([]);
  });

  it("never logs a request's body or query string when an operation fails internally", async () => {
    logged.length = 0;
    const res = await server.app.inject({
      method: "POST",
      url: "/get-secret-value?token=querySECRET",
      payload: { token: "a.b.bodySECRET", names: ["/a"] },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatch(/^internal error \(request /);
    expect(logged.length).toBe(1);
    expect(logged[0]).not.toMatch(/SECRET/);
  });
});

describe("REST server: malformed JSON", () => {
  // Fastify's parser already answers without quoting the body (a guard, not a fix).
  it("says the JSON is malformed without quoting the body", async () => {
    const res = await server.app.inject({
      method: "POST",
      url: "/get-secret-value",
      headers: { "content-type": "application/json" },
      payload: "tokenSECRET",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/^malformed JSON: /);
    expect(res.body).not.toContain("SECRET");
  });
});

/** A TLS socket to the server, with when it closed (undefined while open). */
async function openSocket(
  port: number,
  localAddress?: string,
): Promise<{ socket: TLSSocket; closedAt: () => number | undefined }> {
  let closedAt: number | undefined;
  const socket = connect({
    host: "127.0.0.1",
    port,
    rejectUnauthorized: false,
    ...(localAddress ? { localAddress } : {}),
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    closedAt = Date.now();
  });
  await new Promise<void>((resolve) => {
    socket.once("secureConnect", () => resolve());
    socket.once("close", () => resolve());
  });
  return { socket, closedAt: () => closedAt };
}

describe("REST server: slow and idle clients", () => {
  let limited: RestServer;
  beforeAll(async () => {
    limited = await startRestServer({
      address: "127.0.0.1:0",
      tls,
      operations,
      logger,
      maxBodyBytes: 1_048_576,
      limits: {
        headersTimeoutMs: 500,
        requestTimeoutMs: 1_000,
        checkIntervalMs: 100,
        maxConnections: 3,
      },
    });
  });
  afterAll(() => limited?.close());

  it("cuts off a client that trickles its body within the request timeout", async () => {
    const { socket, closedAt } = await openSocket(limited.port);
    const start = Date.now();
    socket.write(
      "POST /auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    // One byte every 100 ms: the socket is never idle, the request never complete.
    const tick = setInterval(() => {
      if (closedAt() === undefined) socket.write(" ");
    }, 100);
    try {
      await expect.poll(closedAt, { timeout: 4_000, interval: 50 }).toBeDefined();
    } finally {
      clearInterval(tick);
      socket.destroy();
    }
    // The request timeout (1 s) checked every 100 ms, with slack for a busy machine.
    expect((closedAt() ?? Number.POSITIVE_INFINITY) - start).toBeLessThan(3_000);
  });

  it("closes connections over maxConnections on accept", async () => {
    const open = await Promise.all([1, 2, 3].map(() => openSocket(limited.port)));
    const extra = await openSocket(limited.port);
    try {
      await expect.poll(extra.closedAt, { timeout: 2_000, interval: 50 }).toBeDefined();
      expect(open.map((o) => o.closedAt())).toEqual([undefined, undefined, undefined]);
    } finally {
      for (const o of [...open, extra]) o.socket.destroy();
    }
  });
});

/** The first bytes of the answer to `GET /` on an open socket ("" if it closes first). */
function served(socket: TLSSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.once("data", (d: Buffer) => resolve(d.toString()));
    socket.once("close", () => resolve(""));
    socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  });
}

describe("REST server: connections per client", () => {
  let perClient: RestServer;
  beforeAll(async () => {
    perClient = await startRestServer({
      address: "127.0.0.1:0",
      tls,
      operations,
      logger,
      maxBodyBytes: 1_048_576,
      limits: { maxConnections: 10, maxConnectionsPerClient: 2 },
    });
  });
  afterAll(() => perClient?.close());

  it("closes a client's connections over maxConnectionsPerClient; other clients and later ones are served", async () => {
    // Two clients: 127.0.0.1 and 127.0.0.2 (the whole of 127/8 is loopback on Linux).
    const first = await Promise.all([1, 2].map(() => openSocket(perClient.port)));
    const third = await openSocket(perClient.port);
    const other = await openSocket(perClient.port, "127.0.0.2");
    try {
      await expect.poll(third.closedAt, { timeout: 2_000, interval: 50 }).toBeDefined();
      expect(first.map((o) => o.closedAt())).toEqual([undefined, undefined]);
      // Another address has its own allowance, and is served.
      expect(await served(other.socket)).toMatch(/^HTTP\/1.1 200/);
      // One closed: the client may open one again.
      first[0]?.socket.destroy();
      await expect.poll(() => first[0]?.closedAt(), { timeout: 2_000, interval: 20 }).toBeDefined();
      const again = await openSocket(perClient.port);
      expect(await served(again.socket)).toMatch(/^HTTP\/1.1 200/);
    } finally {
      for (const o of [...first, third, other]) o.socket.destroy();
    }
  });
});
