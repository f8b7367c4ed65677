import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
