import { readFileSync } from "node:fs";
import type { ServerUnaryCall } from "@grpc/grpc-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScriptedGateway, startScriptedGateway } from "../test/scripted-gateway.js";
import {
  createKeyfragClient,
  grpcCodeName,
  InternalError,
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
    await expect(kf.clusterStatus({}, { deadlineMs: 2_000 })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it("dynamic secret methods send their requests and return the gateway's answers", async () => {
    const { token } = gw.issueToken();
    using kf = client({ token });
    const lease = {
      id: "/db/app/l1",
      dynamic_secret: "/db/app",
      state: "active",
      expires_at_ms: 1_800_000_000_000,
    };
    gw.on("CreateTarget", (req: { name: string; type: string }) => ({ ...req, key_name: "k" }));
    gw.on("GetTarget", (req: { name: string }) => ({ name: req.name, type: "redis" }));
    gw.on("ListTargets", () => ({ targets: [{ name: "/t/a" }], next_page_token: "n" }));
    gw.on("DeleteTarget", (req: { name: string }) => ({ name: req.name }));
    gw.on("UpdateTarget", (req: { name: string; connection: Record<string, string> }) => ({
      name: req.name,
      connection: req.connection,
    }));
    gw.on("CreateDynamicSecret", (req: { name: string }) => ({ name: req.name, type: "ssh" }));
    gw.on("GetDynamicSecret", (req: { name: string }) => ({ name: req.name, type: "jwt" }));
    gw.on("ListDynamicSecrets", () => ({ dynamic_secrets: [{ name: "/d/a" }] }));
    gw.on("DeleteDynamicSecret", (req: { name: string }) => ({ name: req.name }));
    gw.on("UpdateDynamicSecret", (req: { name: string; user_ttl_seconds: number }) => ({
      name: req.name,
      user_ttl_seconds: req.user_ttl_seconds,
    }));
    gw.on("GetSshCertificate", () => ({ certificate: "ssh-ed25519-cert-v01@openssh.com AAAA" }));
    for (const method of ["RenewLease", "RevokeLease", "GetLease", "ForgetLease"]) {
      gw.on(method, (req: { lease_id: string }) => ({ ...lease, id: req.lease_id }));
    }
    gw.on("RevokeLeasesByPrefix", () => ({ queued: 3 }));
    gw.on("ListLeases", () => ({ leases: [lease], next_page_token: "" }));
    gw.on("SweepOrphans", () => ({ removed: ["kf_app_x"], failed: [] }));

    const target = await kf.createTarget({
      name: "/t/pg",
      type: "postgresql",
      connection: { host: "127.0.0.1", port: "5432" },
      credentials: { password: "pw" },
    });
    expect(target).toMatchObject({ name: "/t/pg", type: "postgresql", key_name: "k" });
    expect((await kf.getTarget("/t/r")).type).toBe("redis");
    expect((await kf.listTargets({ prefix: "/t/" })).next_page_token).toBe("n");
    const updated = await kf.updateTarget({
      name: "/t/pg",
      connection: { port: "5433" },
      credentials: { password: "pw2" },
    });
    expect(updated.connection).toEqual({ port: "5433" });
    expect(gw.calls.at(-1)?.request).toMatchObject({
      name: "/t/pg",
      credentials: { password: "pw2" },
    });
    await kf.deleteTarget("/t/pg");
    await kf.createDynamicSecret({
      name: "/ssh/ops",
      type: "ssh",
      ssh: { ca_key_name: "/keys/ca", allowed_principals: ["ops"] },
    });
    expect((await kf.getDynamicSecret("/jwt/a")).type).toBe("jwt");
    expect((await kf.listDynamicSecrets()).dynamic_secrets).toHaveLength(1);
    expect(
      (await kf.updateDynamicSecret({ name: "/ssh/ops", user_ttl_seconds: 60 })).user_ttl_seconds,
    ).toBe(60);
    await kf.deleteDynamicSecret("/ssh/ops");
    const cert = await kf.getSshCertificate({
      name: "/ssh/ops",
      public_key: "ssh-ed25519 AAAA me",
      principals: ["ops"],
      ttl_seconds: 300,
    });
    expect(cert.certificate).toMatch(/^ssh-ed25519-cert/);
    expect((await kf.renewLease("/db/app/l1", { ttlSeconds: 60 })).state).toBe("active");
    await kf.renewLease("/db/app/l1");
    await kf.revokeLease("/db/app/l1");
    expect((await kf.revokeLeasesByPrefix("/db/app/")).queued).toBe(3);
    expect((await kf.listLeases({ state: "revoke-failed" })).leases[0]?.id).toBe("/db/app/l1");
    expect((await kf.getLease("/db/app/l2")).id).toBe("/db/app/l2");
    await kf.forgetLease("/db/app/l1");
    expect((await kf.sweepOrphans("/t/pg")).removed).toEqual(["kf_app_x"]);

    expect(gw.calls.map((c) => [c.method, c.request])).toMatchObject([
      [
        "CreateTarget",
        {
          name: "/t/pg",
          type: "postgresql",
          connection: { host: "127.0.0.1", port: "5432" },
          credentials: { password: "pw" },
        },
      ],
      ["GetTarget", { name: "/t/r" }],
      ["ListTargets", { prefix: "/t/", page_token: "" }],
      ["UpdateTarget", { name: "/t/pg", credentials: { password: "pw2" } }],
      ["DeleteTarget", { name: "/t/pg" }],
      [
        "CreateDynamicSecret",
        {
          name: "/ssh/ops",
          type: "ssh",
          ssh: { ca_key_name: "/keys/ca", allowed_principals: ["ops"] },
        },
      ],
      ["GetDynamicSecret", { name: "/jwt/a" }],
      ["ListDynamicSecrets", { prefix: "" }],
      ["UpdateDynamicSecret", { name: "/ssh/ops", user_ttl_seconds: 60 }],
      ["DeleteDynamicSecret", { name: "/ssh/ops" }],
      [
        "GetSshCertificate",
        {
          name: "/ssh/ops",
          public_key: "ssh-ed25519 AAAA me",
          principals: ["ops"],
          ttl_seconds: 300,
        },
      ],
      ["RenewLease", { lease_id: "/db/app/l1", ttl_seconds: 60 }],
      ["RenewLease", { lease_id: "/db/app/l1", ttl_seconds: 0 }],
      ["RevokeLease", { lease_id: "/db/app/l1" }],
      ["RevokeLeasesByPrefix", { prefix: "/db/app/" }],
      ["ListLeases", { state: "revoke-failed" }],
      ["GetLease", { lease_id: "/db/app/l2" }],
      ["ForgetLease", { lease_id: "/db/app/l1" }],
      ["SweepOrphans", { target: "/t/pg" }],
    ]);
    expect(gw.calls[5]?.request.producer).toBe("ssh");
  });

  it("getDynamicSecretValue sends ttl and args and parses the credential", async () => {
    const { token } = gw.issueToken();
    using kf = client({ token });
    gw.on("GetDynamicSecretValue", (req: { name: string; args_json: string }) =>
      req.name === "/jwt/a"
        ? { lease: null, value_json: JSON.stringify({ token: "eyJ", jti: "j1" }) }
        : {
            lease: { id: `${req.name}/l1`, state: "active", expires_at_ms: 1_800_000_000_000 },
            value_json: JSON.stringify({
              username: "kf_app_x",
              password: "pw",
              args: req.args_json,
            }),
          },
    );
    const issued = await kf.getDynamicSecretValue("/db/app", {
      ttlSeconds: 120,
      args: { team: "x" },
    });
    expect(issued.value).toEqual({ username: "kf_app_x", password: "pw", args: '{"team":"x"}' });
    expect(issued.lease).toMatchObject({ id: "/db/app/l1", expires_at_ms: "1800000000000" });
    expect(gw.calls[0]?.request).toMatchObject({
      name: "/db/app",
      ttl_seconds: 120,
      args_json: '{"team":"x"}',
    });

    const jwt = await kf.getDynamicSecretValue("/jwt/a");
    expect(jwt).toEqual({ value: { token: "eyJ", jti: "j1" }, lease: undefined });
    expect(gw.calls[1]?.request).toMatchObject({ ttl_seconds: 0, args_json: "" });

    gw.on("GetDynamicSecretValue", () => ({ value_json: "password=hunter2" }));
    const err = await kf.getDynamicSecretValue("/db/app").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalError);
    expect(String(err)).not.toContain("hunter2");
    expect((err as Error).cause).toBeUndefined();
  });

  it("rejects bad options with a clear error", () => {
    expect(() => client({ caFile: "/nonexistent/ca.pem" })).toThrow(/cannot read the CA file/);
    expect(() => client({ cert: Buffer.from("x") })).toThrow(/both a certificate and a key/);
  });
});
