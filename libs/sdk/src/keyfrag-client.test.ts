import { readFileSync } from "node:fs";
import type { ServerUnaryCall } from "@grpc/grpc-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScriptedGateway, startScriptedGateway } from "../test/scripted-gateway.js";
import {
  createKeyfragClient,
  grpcCodeName,
  isExpiredToken,
  type KeyfragClientOptions,
  NotFoundError,
  PermissionDeniedError,
  type TokenInfo,
  UnauthenticatedError,
  UnavailableError,
} from "./index.js";

let gw: ScriptedGateway;

beforeAll(async () => {
  gw = await startScriptedGateway();
});
afterAll(async () => {
  await gw?.[Symbol.asyncDispose]();
});
beforeEach(() => {
  gw.reset();
});

const creds = { accessId: "p-123", accessKey: "good-key" };

function client(extra: Partial<KeyfragClientOptions> = {}) {
  return createKeyfragClient({
    address: gw.address,
    caFile: gw.caFile,
    backoff: { baseMs: 5, maxMs: 20 },
    ...extra,
  });
}

const methods = () => gw.calls.map((c) => c.method);

describe("keyfrag client", () => {
  it("logs in lazily, sends the bearer token and encodes string bytes as UTF-8", async () => {
    const tokens: TokenInfo[] = [];
    using kf = client({ credentials: creds, onToken: (t) => tokens.push(t) });
    const created = await kf.createSecret({ name: "/a/b", value: "héllo" });
    expect(created.name).toBe("/a/b");
    const [value] = await kf.getSecretValue("/a/b");
    expect(value?.value.toString("utf8")).toBe("héllo");

    expect(methods()).toEqual(["Auth", "CreateSecret", "GetSecretValue"]);
    expect(gw.calls[0]?.request).toMatchObject({ access_id: "p-123", access_key: "good-key" });
    expect(gw.calls[0]?.authorization).toBeUndefined();
    expect(gw.calls[1]?.authorization).toBe(`Bearer ${tokens[0]?.token}`);
    expect(gw.calls[2]?.request).toMatchObject({ names: ["/a/b"], version: 0 });
    expect(tokens).toHaveLength(1);
    expect(kf.currentToken()).toEqual(tokens[0]);
  });

  it("uses a given token without logging in", async () => {
    const { token } = gw.issueToken();
    using kf = client({ token });
    const permissions = await kf.describePermissions();
    expect(permissions.roles[0]?.role_name).toBe("reader");
    expect(methods()).toEqual(["DescribePermissions"]);
    expect(gw.calls[0]?.authorization).toBe(`Bearer ${token}`);
  });

  it("retries UNAVAILABLE with backoff and then succeeds", async () => {
    const { token } = gw.issueToken();
    using kf = client({ token });
    gw.failNext("DescribeItem", 2, () => new UnavailableError("audit stream down"));
    const found = await kf.describeItem("/a/b");
    expect(found.name).toBe("/a/b");
    expect(methods()).toEqual(["DescribeItem", "DescribeItem", "DescribeItem"]);
  });

  it("gives up after `retries` and throws UnavailableError", async () => {
    const { token } = gw.issueToken();
    using kf = client({ token, retries: 2 });
    gw.failNext("DescribeItem", 5, () => new UnavailableError("down"));
    const err = await kf.describeItem("/a/b").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect(grpcCodeName(err)).toBe("UNAVAILABLE");
    expect(methods()).toHaveLength(3);
  });

  it("never retries other errors, which arrive as typed classes", async () => {
    const { token } = gw.issueToken();
    using kf = client({ token });
    gw.failNext("DeleteItem", 1, () => new PermissionDeniedError("denied by default"));
    const err = await kf.deleteItem("/a/b").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(grpcCodeName(err)).toBe("PERMISSION_DENIED");
    expect((err as Error).message).toBe("denied by default");
    gw.on("RestoreItem", () => {
      throw new NotFoundError("no item /x");
    });
    await expect(kf.restoreItem("/x")).rejects.toBeInstanceOf(NotFoundError);
    expect(methods()).toEqual(["DeleteItem", "RestoreItem"]);
  });

  it("renews the token shortly before it expires", async () => {
    gw.tokenTtlMs = 1_000;
    const tokens: TokenInfo[] = [];
    using kf = client({ credentials: creds, onToken: (t) => tokens.push(t) });
    await kf.clusterStatus();
    // Renewal is due after 80 % of the token's life (at most 30 s before expiry).
    await new Promise((resolve) => setTimeout(resolve, 850));
    await kf.clusterStatus();
    expect(methods()).toEqual(["Auth", "ClusterStatus", "Auth", "ClusterStatus"]);
    expect(tokens).toHaveLength(2);
    expect(gw.calls[3]?.authorization).toBe(`Bearer ${tokens[1]?.token}`);
  });

  it("logs in once more when the gateway says the token expired", async () => {
    using kf = client({ credentials: creds });
    await kf.listRoles().catch(() => {});
    gw.expireTokens();
    gw.calls.length = 0;
    const status = await kf.clusterStatus();
    expect(status.leader).toBe(true);
    expect(methods()).toEqual(["ClusterStatus", "Auth", "ClusterStatus"]);
  });

  it("reports an expired token it cannot renew", async () => {
    const { token } = gw.issueToken(1);
    using kf = client({ token });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const err = await kf.clusterStatus().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect(isExpiredToken(err)).toBe(true);
  });

  it("logs in with the TLS client certificate", async () => {
    await using certGw = await startScriptedGateway({ requireClientCertificate: true });
    let peerCertificate = false;
    certGw.on("Auth", (_req: never, call: ServerUnaryCall<unknown, unknown>) => {
      peerCertificate = call.getAuthContext()?.sslPeerCertificate !== undefined;
      const t = certGw.issueToken();
      return { token: t.token, expires_at_ms: t.expiresAtMs };
    });
    using kf = client({
      address: certGw.address,
      caFile: certGw.caFile,
      cert: readFileSync(certGw.clientCert.certFile),
      key: readFileSync(certGw.clientCert.keyFile),
      credentials: { certificate: true },
    });
    await kf.auth();
    expect(certGw.calls[0]?.request).toMatchObject({ use_client_certificate: true });
    expect(peerCertificate).toBe(true);
  });

  it("fails with UnavailableError when nothing listens", async () => {
    using kf = client({ address: "127.0.0.1:1", token: "t", retries: 1 });
    await expect(kf.clusterStatus({ deadlineMs: 2_000 })).rejects.toBeInstanceOf(UnavailableError);
  });

  it("rejects bad options with a clear error", () => {
    expect(() => client({ caFile: "/nonexistent/ca.pem" })).toThrow(/cannot read the CA file/);
    expect(() => client({ cert: Buffer.from("x") })).toThrow(/both a certificate and a key/);
  });
});
