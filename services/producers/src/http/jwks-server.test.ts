import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalogStore } from "../catalog/catalog-store.js";
import type { DynamicSecretRecord, ProducerConfig } from "../catalog/catalog-types.js";
import { createIssuers } from "../issuers/issuers.js";
import { startJwksServer } from "./jwks-server.js";

/** One raw HTTP/1.1 exchange, so the request target reaches the server byte for byte. */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      data += chunk;
    });
    socket.on("error", reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${target} in 5 s`)));
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf("\r\n\r\n") + 4) });
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: jwks\r\nConnection: close\r\n\r\n`, "latin1");
  });
}

function record(name: string, producer: ProducerConfig): DynamicSecretRecord {
  return {
    name,
    type: producer.kind === "jwt" ? "jwt" : "ssh",
    target: "",
    userTtlSeconds: 60,
    maxTtlSeconds: 600,
    description: "",
    createdAtMs: Date.now(),
    producer,
  } as DynamicSecretRecord;
}

// The real HTTP server, issuers and catalog store (on the test Redis); the gateway, another
// service, is a port answering one public key.
describe("JWKS endpoint", () => {
  let redis: TestRedis;
  let server: Awaited<ReturnType<typeof startJwksServer>>;

  beforeAll(async () => {
    redis = await testRedis();
    const catalog = createCatalogStore(redis.client, redis.key("p"));
    await catalog.createSecret(
      record("/ds/jwt", {
        kind: "jwt",
        jwt: { keyName: "/k/jwt", issuer: "https://i", audience: [], claimsTemplate: "" },
      }),
    );
    await catalog.createSecret(
      record("/ds/ssh", {
        kind: "ssh",
        ssh: {
          caKeyName: "/k/ca",
          allowedPrincipals: ["*"],
          defaultPrincipals: ["u"],
          extensions: {},
          criticalOptions: {},
        },
      }),
    );
    const issuers = createIssuers({
      catalog,
      gateway: {
        publicKeys: async () => [{ version: 1, publicKey: Buffer.alloc(32, 7) }],
        sign: () => Promise.reject(new Error("not used")),
      },
      audit: { emit: async () => undefined },
      nodeId: "test",
      webhookSigningKey: "/k/webhook",
      checkTtl: (_ds, ttl) => ttl,
    });
    server = await startJwksServer({
      address: "127.0.0.1:0",
      issuers,
      log: pino({ level: process.env.DBG ? "debug" : "silent" }),
    });
  });

  afterAll(async () => {
    await server?.close();
    await redis?.[Symbol.asyncDispose]();
  });

  it.each([
    "/v1/jwks/producer/%E0%A4%A",
    "/v1/jwks/producer/%",
    "/v1/jwks/producer/%%",
    "/v1/jwks/producer/%ZZ",
    "/v1/jwks/producer/%ED%A0%80", // a lone surrogate
    "/v1/jwks/producer/%C0%AF", // an overlong encoding
    "//",
    "///",
    "*",
    "http://jwks/v1/jwks/webhooks",
  ])("answers %s with 400 and a JSON error, and keeps serving", async (target) => {
    const answer = await rawGet(server.port, target);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: "malformed request path" });
    expect((await rawGet(server.port, "/healthz")).status).toBe(200);
  });

  it("survives a few hundred random request targets", async () => {
    for (let i = 0; i < 300; i++) {
      const junk = [...randomBytes(1 + (i % 40))]
        .map((b) => (b % 3 === 0 ? "%" : b % 3 === 1 ? "/" : String.fromCharCode(33 + (b % 94))))
        .join("");
      const answer = await rawGet(server.port, `/v1/jwks/producer/${junk}`);
      expect(answer.status, junk).toBeGreaterThanOrEqual(400);
      expect(answer.status, junk).toBeLessThan(500);
    }
    expect((await rawGet(server.port, "/healthz")).status).toBe(200);
  });

  it("serves the JWKS of a JWT issuer", async () => {
    const answer = await rawGet(server.port, "/v1/jwks/producer/ds/jwt");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).keys).toHaveLength(1);
  });

  it("answers a missing name exactly as a dynamic secret that is not a JWT issuer", async () => {
    const other = await rawGet(server.port, "/v1/jwks/producer/ds/ssh");
    const missing = await rawGet(server.port, "/v1/jwks/producer/ds/none");
    expect(missing.status).toBe(404);
    expect(other).toEqual(missing);
  });
});

// The server alone (no issuer is asked): what slow clients and accept errors do to it.
describe("JWKS server under abuse", () => {
  const issuers = {
    issuerJwks: async () => ({ keys: [] }),
    webhookJwks: async () => ({ keys: [] }),
  };
  const errors: unknown[] = [];
  const log = pino({ level: "silent" });
  log.error = ((obj: unknown) => {
    errors.push(obj);
  }) as never;

  /** Opens a connection and resolves with how long the server kept it open (ms). */
  const heldFor = (port: number, send: string) =>
    new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(port, "127.0.0.1", () => socket.write(send, "latin1"));
      socket.on("error", () => {});
      socket.resume(); // read what comes (a 408), so the close is seen
      socket.on("close", () => resolve(Date.now() - started));
      setTimeout(() => {
        socket.destroy();
        reject(new Error("the server kept a slow connection open for 5 s"));
      }, 5_000).unref();
    });

  it("keeps serving after an error once listening (EMFILE on accept)", async () => {
    const jwks = await startJwksServer({ address: "127.0.0.1:0", issuers, log });
    try {
      const emfile = Object.assign(new Error("accept EMFILE"), { code: "EMFILE" });
      jwks.server.emit("error", emfile);
      jwks.server.emit("error", emfile);
      expect(errors).toHaveLength(2);
      expect((await rawGet(jwks.port, "/healthz")).status).toBe(200);
    } finally {
      await jwks.close();
    }
  });

  it("closes a connection whose headers do not arrive in time", async () => {
    const jwks = await startJwksServer({
      address: "127.0.0.1:0",
      issuers,
      log,
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 400, checkIntervalMs: 100 },
    });
    try {
      expect(await heldFor(jwks.port, "GET /healthz HTTP/1.1\r\nHost: j")).toBeLessThan(2_000);
    } finally {
      await jwks.close();
    }
  });

  it("refuses connections beyond its maximum", async () => {
    const jwks = await startJwksServer({
      address: "127.0.0.1:0",
      issuers,
      log,
      limits: { maxConnections: 2 },
    });
    const idle = [connect(jwks.port, "127.0.0.1"), connect(jwks.port, "127.0.0.1")];
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(await heldFor(jwks.port, "")).toBeLessThan(2_000);
    } finally {
      for (const s of idle) s.destroy();
      await jwks.close();
    }
  });
});
