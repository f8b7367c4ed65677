import { Metadata } from "@grpc/grpc-js";
import { UnauthenticatedError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { auditAction, bearerToken, peerAddress, requestIdOf } from "./request-context.js";

const md = (entries: Record<string, string | string[]>) => {
  const m = new Metadata();
  for (const [k, v] of Object.entries(entries)) for (const x of [v].flat()) m.add(k, x);
  return m;
};

describe("request context", () => {
  it("reads a bearer token and refuses anything else", () => {
    expect(bearerToken(md({ authorization: "Bearer abc.def.ghi" }))).toBe("abc.def.ghi");
    expect(bearerToken(md({ authorization: "bearer abc" }))).toBe("abc");
    const bad: Record<string, string | string[]>[] = [
      {},
      { authorization: "abc" },
      { authorization: "Bearer " },
      { authorization: "Basic x" },
      { authorization: ["Bearer a", "Bearer b"] },
    ];
    for (const entries of bad) {
      expect(() => bearerToken(md(entries))).toThrow(UnauthenticatedError);
    }
  });

  it("keeps a plain request id and replaces a strange one", () => {
    expect(requestIdOf(md({ "x-request-id": "req-1" }))).toBe("req-1");
    const fresh = requestIdOf(md({ "x-request-id": "no spaces allowed" }));
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("takes the address out of grpc-js peer strings", () => {
    expect(peerAddress("127.0.0.1:5000")).toBe("127.0.0.1");
    expect(peerAddress("ipv4:10.0.0.1:443")).toBe("10.0.0.1");
    expect(peerAddress("[::1]:5000")).toBe("::1");
    expect(peerAddress("[::ffff:192.0.2.4]:1")).toBe("192.0.2.4");
    expect(peerAddress("unix:/tmp/s")).toBe("unix:/tmp/s");
  });

  it("names audit actions in kebab case", () => {
    expect(auditAction("CreateSecret")).toBe("gateway.create-secret");
    expect(auditAction("GetSecretValue")).toBe("gateway.get-secret-value");
    expect(auditAction("RefreshKey")).toBe("gateway.refresh-key");
  });
});
