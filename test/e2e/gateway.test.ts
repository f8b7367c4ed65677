import { createPublicKey, randomBytes, verify as verifySignature } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type CallOptions,
  call,
  clientCredentials,
  createSecretsClient,
  type GatewayClient,
  KeyfragError,
  type RequestOf,
  type ResponseOf,
  streamCall,
} from "@keyfrag/rpc";
import {
  bearer,
  codeOf,
  type FullCluster,
  login,
  rawGatewayCall,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAX_VALUE = 1_024;

// The whole platform as processes, reached only through the gateway, the way SDK users do.
describe("gateway", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let adminAccessId: string;

  type AuditPage = ResponseOf<GatewayClient, "GetAuditEvents">;
  /**
   * The audit records `request` matches, once `ready` holds of them: a call's event is durable
   * in the audit stream before the call answers, and the audit service's consumer writes it to
   * the queryable trail right after (under load, not at once).
   */
  async function auditRecords(
    request: RequestOf<GatewayClient, "GetAuditEvents">,
    ready: (records: AuditPage["records"]) => boolean,
  ): Promise<AuditPage["records"]> {
    let records: AuditPage["records"] = [];
    await waitFor(
      async () => {
        records = (await call(gw, "GetAuditEvents", request, admin)).records;
        return ready(records);
      },
      20_000,
      `audit records ${JSON.stringify(request)}`,
    );
    return records;
  }

  beforeAll(async () => {
    // No value cache here: every read must really go through the fragment cluster (the cache has
    // its own tests in gateway-faults.test.ts).
    full = await startFullCluster({
      gatewayEnv: {
        KF_MAX_VALUE_BYTES: String(MAX_VALUE),
        KF_CACHE_TTL_MS: "0",
        // One gateway: no other key-view cache to wait out before rewrapping.
        KF_REWRAP_DELAY_MS: "0",
      },
    });
    gw = full.client();
    const creds = await full.adminCredentials();
    adminAccessId = creds.accessId;
    admin = await login(gw, creds.accessId, creds.accessKey);
  }, 120_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
  });

  const plaintext = `pw-${randomBytes(12).toString("hex")}`;

  it("creates, reads, updates (check-and-set), deletes, restores and lists secrets", async () => {
    const created = await call(
      gw,
      "CreateSecret",
      { name: "/app/db/password", value: Buffer.from(plaintext), description: "db" },
      admin,
    );
    expect(created).toMatchObject({ name: "/app/db/password", type: "static-secret" });
    await call(gw, "CreateSecret", { name: "/other/token", value: Buffer.from("t0") }, admin);

    const read = await call(
      gw,
      "GetSecretValue",
      { names: ["/app/db/password", "/other/token"] },
      admin,
    );
    const values = Object.fromEntries(
      read.values.map((v) => [v.name, Buffer.from(v.value).toString()]),
    );
    expect(values).toEqual({ "/app/db/password": plaintext, "/other/token": "t0" });

    await call(
      gw,
      "UpdateSecretVal",
      {
        name: "/app/db/password",
        value: Buffer.from(`${plaintext}-2`),
        check_and_set: true,
        expected_version: 1,
      },
      admin,
    );
    expect(
      await codeOf(
        call(
          gw,
          "UpdateSecretVal",
          {
            name: "/app/db/password",
            value: Buffer.from("x"),
            check_and_set: true,
            expected_version: 1,
          },
          admin,
        ),
      ),
    ).toBe("failed-precondition"); // the secrets service's answer to a stale check-and-set
    const newest = await call(gw, "GetSecretValue", { names: ["/app/db/password"] }, admin);
    expect(newest.values[0]).toMatchObject({ version: 2 });
    expect(Buffer.from(newest.values[0]?.value ?? []).toString()).toBe(`${plaintext}-2`);
    const first = await call(
      gw,
      "GetSecretValue",
      { names: ["/app/db/password"], version: 1 },
      admin,
    );
    expect(Buffer.from(first.values[0]?.value ?? []).toString()).toBe(plaintext);

    await call(gw, "DeleteItem", { name: "/other/token" }, admin);
    expect(await codeOf(call(gw, "GetSecretValue", { names: ["/other/token"] }, admin))).toBe(
      "not-found",
    );
    await call(gw, "RestoreItem", { name: "/other/token" }, admin);
    const listed = await call(gw, "ListItems", { path: "/", page_size: 100 }, admin);
    expect(listed.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(["/app/db/password", "/other/token", "/keyfrag/system"]),
    );
  });

  it("never stores a plaintext in Redis", async () => {
    const redis = full.env.redis.client;
    const needle = Buffer.from(plaintext);
    let cursor = "0";
    let scanned = 0;
    do {
      const [next, keys] = await redis.scan(
        cursor,
        "MATCH",
        `${full.env.redis.prefix}*`,
        "COUNT",
        500,
      );
      cursor = next;
      for (const key of keys) {
        scanned++;
        const type = await redis.type(key);
        const parts: Buffer[] = [];
        if (type === "string") parts.push((await redis.getBuffer(key)) ?? Buffer.alloc(0));
        else if (type === "hash") parts.push(...Object.values(await redis.hgetallBuffer(key)));
        else if (type === "list") parts.push(...(await redis.lrangeBuffer(key, 0, -1)));
        else if (type === "set") parts.push(...(await redis.smembersBuffer(key)));
        else if (type === "zset") parts.push(...(await redis.zrangeBuffer(key, 0, -1)));
        else if (type === "stream")
          parts.push(Buffer.from(JSON.stringify(await redis.xrange(key, "-", "+"))));
        for (const part of parts)
          expect(part.includes(needle), `plaintext found in ${key}`).toBe(false);
      }
    } while (cursor !== "0");
    expect(scanned).toBeGreaterThan(0);
  });

  it("encrypts and decrypts with a context; a wrong context fails", async () => {
    const context = { tenant: "acme" };
    const enc = await call(
      gw,
      "Encrypt",
      { key_name: "/keyfrag/system", plaintext: Buffer.from("hello"), context },
      admin,
    );
    const dec = await call(
      gw,
      "Decrypt",
      { key_name: "/keyfrag/system", ciphertext: enc.ciphertext, context },
      admin,
    );
    expect(Buffer.from(dec.plaintext).toString()).toBe("hello");
    expect(
      await codeOf(
        call(
          gw,
          "Decrypt",
          { key_name: "/keyfrag/system", ciphertext: enc.ciphertext, context: { tenant: "evil" } },
          admin,
        ),
      ),
    ).toBe("invalid-argument");
    expect(
      await codeOf(
        call(
          gw,
          "Encrypt",
          {
            key_name: "/keyfrag/system",
            plaintext: Buffer.from("x"),
            context: { "keyfrag:item": "/x" },
          },
          admin,
        ),
      ),
    ).toBe("invalid-argument");
  });

  it("signs with an ED25519 key; node:crypto verifies; key types are not mixed up", async () => {
    await call(gw, "CreateDfcKey", { name: "/keys/signer", algorithm: "ED25519" }, admin);
    const data = Buffer.from("release v1.2.3");
    const { signature } = await call(gw, "Sign", { key_name: "/keys/signer", data }, admin);
    expect(signature).toHaveLength(64);
    const pub = await call(gw, "GetPublicKey", { key_name: "/keys/signer" }, admin);
    expect(pub.public_key).toHaveLength(32);
    expect(verifySignature(null, data, createPublicKey(pub.public_key_pem), signature)).toBe(true);
    expect(
      (await call(gw, "Verify", { key_name: "/keys/signer", data, signature }, admin)).valid,
    ).toBe(true);
    const other = Buffer.from("release v6.6.6");
    expect(
      (await call(gw, "Verify", { key_name: "/keys/signer", data: other, signature }, admin)).valid,
    ).toBe(false);

    expect(await codeOf(call(gw, "Sign", { key_name: "/keyfrag/system", data }, admin))).toBe(
      "failed-precondition",
    );
    expect(
      await codeOf(call(gw, "Encrypt", { key_name: "/keys/signer", plaintext: data }, admin)),
    ).toBe("failed-precondition");
    expect(
      await codeOf(
        call(
          gw,
          "CreateDfcKey",
          { name: "/keys/c", algorithm: "AES256GCM", customer_slot: true },
          admin,
        ),
      ),
    ).toBe("failed-precondition");
  });

  it("a deleted DFC key refuses encrypt, decrypt and sign until restored; its name is not reused", async () => {
    await call(gw, "CreateDfcKey", { name: "/keys/gone-aes", algorithm: "AES256GCM" }, admin);
    await call(gw, "CreateDfcKey", { name: "/keys/gone-ed", algorithm: "ED25519" }, admin);
    const data = Buffer.from("before the delete");
    const enc = await call(gw, "Encrypt", { key_name: "/keys/gone-aes", plaintext: data }, admin);
    await call(
      gw,
      "CreateSecret",
      { name: "/keys-use/s", value: data, key_name: "/keys/gone-aes" },
      admin,
    );

    await call(gw, "DeleteItem", { name: "/keys/gone-aes" }, admin);
    await call(gw, "DeleteItem", { name: "/keys/gone-ed" }, admin);
    const refused = async (p: Promise<unknown>) => {
      try {
        await p;
        return "ok";
      } catch (err) {
        if (!(err instanceof KeyfragError)) throw err;
        return `${err.code}: ${/no DFC key item/.test(err.message) ? "key deleted" : err.message}`;
      }
    };
    const deleted = "failed-precondition: key deleted";
    expect(
      await refused(call(gw, "Encrypt", { key_name: "/keys/gone-aes", plaintext: data }, admin)),
    ).toBe(deleted);
    expect(
      await refused(
        call(gw, "Decrypt", { key_name: "/keys/gone-aes", ciphertext: enc.ciphertext }, admin),
      ),
    ).toBe(deleted);
    expect(await refused(call(gw, "GetSecretValue", { names: ["/keys-use/s"] }, admin))).toBe(
      deleted,
    );
    expect(await refused(call(gw, "Sign", { key_name: "/keys/gone-ed", data }, admin))).toBe(
      deleted,
    );
    // The name stays the deleted key's (ciphertexts name their key): creating it again says so.
    const again = await refused(
      call(gw, "CreateDfcKey", { name: "/keys/gone-aes", algorithm: "AES256GCM" }, admin),
    );
    expect(again).toMatch(/^conflict: .*RestoreItem/);

    await call(gw, "RestoreItem", { name: "/keys/gone-aes" }, admin);
    await call(gw, "RestoreItem", { name: "/keys/gone-ed" }, admin);
    const dec = await call(
      gw,
      "Decrypt",
      { key_name: "/keys/gone-aes", ciphertext: enc.ciphertext },
      admin,
    );
    expect(Buffer.from(dec.plaintext).toString()).toBe("before the delete");
    const read = await call(gw, "GetSecretValue", { names: ["/keys-use/s"] }, admin);
    expect(Buffer.from(read.values[0]?.value ?? []).toString()).toBe("before the delete");
    expect(
      (await call(gw, "Sign", { key_name: "/keys/gone-ed", data }, admin)).signature,
    ).toHaveLength(64);
  });

  it("a key the cluster holds without an item is refused, until CreateDfcKey gives it one", async () => {
    // What a CreateDfcKey that stopped between the coordinator and the secrets service leaves.
    await call(
      full.fragments.coordinator(),
      "CreateKey",
      { name: "/keys/half-made", algorithm: "AES256GCM" },
      { deadlineMs: 60_000 },
    );
    const data = Buffer.from("x");
    expect(
      await codeOf(call(gw, "Encrypt", { key_name: "/keys/half-made", plaintext: data }, admin)),
    ).toBe("failed-precondition");
    expect(
      await codeOf(
        call(gw, "CreateDfcKey", { name: "/keys/half-made", algorithm: "ED25519" }, admin),
      ),
    ).toBe("conflict");
    const item = await call(
      gw,
      "CreateDfcKey",
      { name: "/keys/half-made", algorithm: "AES256GCM" },
      admin,
    );
    expect(item).toMatchObject({ type: "dfc-key", dfc_key: { algorithm: "AES256GCM" } });
    const enc = await call(gw, "Encrypt", { key_name: "/keys/half-made", plaintext: data }, admin);
    expect(enc.key_version).toBe(1);
  });

  it("refreshes a key; what was encrypted before still decrypts", async () => {
    const enc = await call(
      gw,
      "Encrypt",
      { key_name: "/keyfrag/system", plaintext: Buffer.from("before") },
      admin,
    );
    const refreshed = await call(gw, "RefreshKey", { name: "/keyfrag/system" }, admin);
    expect(refreshed.epoch).toBeGreaterThanOrEqual(1);
    const dec = await call(
      gw,
      "Decrypt",
      { key_name: "/keyfrag/system", ciphertext: enc.ciphertext },
      admin,
    );
    expect(Buffer.from(dec.plaintext).toString()).toBe("before");
    const read = await call(
      gw,
      "GetSecretValue",
      { names: ["/app/db/password"], version: 1 },
      admin,
    );
    expect(Buffer.from(read.values[0]?.value ?? []).toString()).toBe(plaintext);
  });

  it("rotates keys: new data under the new version, everything older still decrypts and verifies", async () => {
    await call(gw, "CreateDfcKey", { name: "/keys/rotating", algorithm: "AES256GCM" }, admin);
    const key = { key_name: "/keys/rotating" };
    const v1 = await call(gw, "Encrypt", { ...key, plaintext: Buffer.from("old") }, admin);
    await call(
      gw,
      "CreateSecret",
      { name: "/data/rotated", value: Buffer.from("s1"), ...key },
      admin,
    );
    const rotated = await call(gw, "RotateKey", { name: "/keys/rotating" }, admin);
    expect(rotated.dfc_key?.current_version).toBe(2);
    const v2 = await call(gw, "Encrypt", { ...key, plaintext: Buffer.from("new") }, admin);
    expect([v1.key_version, v2.key_version]).toEqual([1, 2]);
    for (const [enc, text] of [
      [v1, "old"],
      [v2, "new"],
    ] as const) {
      const dec = await call(gw, "Decrypt", { ...key, ciphertext: enc.ciphertext }, admin);
      expect(Buffer.from(dec.plaintext).toString()).toBe(text);
    }
    const secret = await call(gw, "GetSecretValue", { names: ["/data/rotated"] }, admin);
    expect(Buffer.from(secret.values[0]?.value ?? []).toString()).toBe("s1");
    // The background rewrap moves the stored secret to version 2; its value does not change.
    await waitFor(
      async () => {
        const item = await call(gw, "DescribeItem", { name: "/data/rotated" }, admin);
        return item.versions.every((v) => v.key_version === 2);
      },
      20_000,
      "the rewrap to version 2",
    );
    const after = await call(gw, "GetSecretValue", { names: ["/data/rotated"] }, admin);
    expect(Buffer.from(after.values[0]?.value ?? []).toString()).toBe("s1");

    // A signing key: both versions sign and verify under their own public keys.
    const signer = { key_name: "/keys/signer" };
    await call(gw, "RotateKey", { name: "/keys/signer" }, admin);
    const data = Buffer.from("artifact");
    for (const version of [1, 2]) {
      const { signature, key_version } = await call(
        gw,
        "Sign",
        { ...signer, data, version },
        admin,
      );
      expect(key_version).toBe(version);
      const pub = await call(gw, "GetPublicKey", { ...signer, version }, admin);
      expect(verifySignature(null, data, createPublicKey(pub.public_key_pem), signature)).toBe(
        true,
      );
    }
    // Verify without a version finds the version a signature was made with (a signature from
    // before the rotation still verifies); a wrong one verifies under none.
    const old = await call(gw, "Sign", { ...signer, data, version: 1 }, admin);
    const byAny = await call(gw, "Verify", { ...signer, data, signature: old.signature }, admin);
    expect(byAny.valid).toBe(true);
    const pinned = { ...signer, data, signature: old.signature, version: 2 };
    expect((await call(gw, "Verify", pinned, admin)).valid).toBe(false);
    const other = { ...signer, data: Buffer.from("other"), signature: old.signature };
    expect((await call(gw, "Verify", other, admin)).valid).toBe(false);
    expect(await codeOf(call(gw, "RotateKey", { name: "/data/rotated" }, admin))).toBe(
      "failed-precondition",
    );
  });

  it("lets a CI job log in with its own JWT and read /app/* only when its project matches", async () => {
    // The CI system's issuer: a key pair and a JWKS served over HTTP on loopback.
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "ci-1", alg: "RS256" };
    const jwks = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
    const { port } = jwks.address() as AddressInfo;
    try {
      const issuer = "https://ci.example.test";
      const method = await call(
        gw,
        "CreateAuthMethod",
        {
          name: "ci-jobs",
          jwt: {
            issuer,
            jwks_url: `http://127.0.0.1:${port}/jwks`,
            audiences: ["keyfrag"],
            unique_identifier: "sub",
          },
        },
        admin,
      );
      const accessId = method.method?.access_id ?? "";
      await call(gw, "CreateRole", { name: "ci-web" }, admin);
      await call(
        gw,
        "SetRoleRule",
        {
          role_name: "ci-web",
          rule: { rule_type: "item", path: "/app/*", capabilities: ["read"] },
        },
        admin,
      );
      await call(
        gw,
        "AssocRoleAuthMethod",
        {
          role_name: "ci-web",
          access_id: accessId,
          sub_claims: { project_path: { values: ["acme/web"] } },
        },
        admin,
      );
      const jobToken = (project: string) =>
        new SignJWT({ project_path: project, ref: "main" })
          .setProtectedHeader({ alg: "RS256", kid: "ci-1" })
          .setIssuer(issuer)
          .setAudience("keyfrag")
          .setSubject(`project_path:${project}:ref:main`)
          .setIssuedAt()
          .setExpirationTime("5m")
          .sign(privateKey);
      const asJob = async (project: string) =>
        bearer(
          (await call(gw, "Auth", { access_id: accessId, jwt: await jobToken(project) })).token,
        );

      const web = await asJob("acme/web");
      const read = await call(gw, "GetSecretValue", { names: ["/app/db/password"] }, web);
      expect(read.values).toHaveLength(1);
      expect(await codeOf(call(gw, "GetSecretValue", { names: ["/other/token"] }, web))).toBe(
        "permission-denied",
      );
      // Same issuer, another project: it logs in, but no role is associated with it.
      const api = await asJob("acme/api");
      expect(await codeOf(call(gw, "GetSecretValue", { names: ["/app/db/password"] }, api))).toBe(
        "permission-denied",
      );
      // The jobs share the method's access id: one may not revoke all of its tokens (that takes
      // update on the method), and the other job's token keeps working.
      expect(await codeOf(call(gw, "RevokeToken", { access_id: accessId }, web))).toBe(
        "permission-denied",
      );
      expect(await codeOf(call(gw, "DescribePermissions", {}, api))).toBe("ok");
    } finally {
      jwks.close();
    }
  });

  it("gives a narrow identity /app/* and nothing else, and audits each denial", async () => {
    const method = await call(
      gw,
      "CreateAuthMethod",
      { name: "app-reader", access_key: {} },
      admin,
    );
    const accessId = method.method?.access_id ?? "";
    await call(gw, "CreateRole", { name: "app-read" }, admin);
    await call(
      gw,
      "SetRoleRule",
      {
        role_name: "app-read",
        rule: { rule_type: "item", path: "/app/*", capabilities: ["read", "list"] },
      },
      admin,
    );
    await call(gw, "AssocRoleAuthMethod", { role_name: "app-read", access_id: accessId }, admin);
    const app = await login(gw, accessId, method.access_key);

    const ok = await call(gw, "GetSecretValue", { names: ["/app/db/password"] }, app);
    expect(ok.values).toHaveLength(1);
    expect(await codeOf(call(gw, "GetSecretValue", { names: ["/other/token"] }, app))).toBe(
      "permission-denied",
    );
    expect(
      await codeOf(
        call(gw, "GetSecretValue", { names: ["/app/db/password", "/other/token"] }, app),
      ),
    ).toBe("permission-denied");
    expect(
      await codeOf(call(gw, "CreateSecret", { name: "/app/new", value: Buffer.from("x") }, app)),
    ).toBe("permission-denied");
    expect(await codeOf(call(gw, "CreateRole", { name: "mine" }, app))).toBe("permission-denied");
    expect(await codeOf(call(gw, "GetAuditEvents", {}, app))).toBe("permission-denied");
    const listed = await call(gw, "ListItems", { path: "/", page_size: 100 }, app);
    expect(listed.items.map((i) => i.name)).toEqual(["/app/db/password"]);
    // Paging with the tokens the gateway hands out shows the same; a token made up to start
    // after a hidden name is refused (it would otherwise reveal the names that follow).
    const seen: string[] = [];
    let token = "";
    do {
      const page = await call(gw, "ListItems", { path: "/", page_size: 1, page_token: token }, app);
      seen.push(...page.items.map((i) => i.name));
      token = page.next_page_token;
    } while (token);
    expect(seen).toEqual(["/app/db/password"]);
    const madeUp = Buffer.from("/app").toString("base64url");
    expect(
      await codeOf(call(gw, "ListItems", { path: "/", page_size: 1, page_token: madeUp }, app)),
    ).toBe("invalid-argument");
    const perms = await call(gw, "DescribePermissions", {}, app);
    expect(perms.roles.map((r) => r.role_name)).toEqual(["app-read"]);
    // The cluster's state, but only the keys it may list (none here): key names are not public.
    const status = await call(gw, "ClusterStatus", {}, app);
    expect(status.nodes.length).toBeGreaterThan(0);
    expect(status.keys.map((k) => k.name)).toEqual([]);
    expect(status.nodes.flatMap((n) => n.keys.map((k) => k.name))).toEqual([]);
    const all = await call(gw, "ClusterStatus", {}, admin);
    expect(all.keys.map((k) => k.name)).toContain("/keyfrag/system");
    // Paged: every key once over the pages, and no page token carries a name it may not list.
    const paged: string[] = [];
    let statusToken = "";
    do {
      const page = await call(
        gw,
        "ClusterStatus",
        { page_size: 1, page_token: statusToken },
        admin,
      );
      expect(new Set(page.keys.map((k) => k.name)).size).toBeLessThanOrEqual(1);
      paged.push(...new Set(page.keys.map((k) => k.name)));
      statusToken = page.next_page_token;
      expect(Buffer.from(statusToken, "base64url").toString()).not.toMatch(/keyfrag|\//);
    } while (statusToken);
    expect(paged).toEqual([...new Set(all.keys.map((k) => k.name))]);
    expect(await codeOf(call(gw, "ClusterStatus", { page_size: 1, page_token: madeUp }, app))).toBe(
      "invalid-argument",
    );

    const expectedDenials = [
      "gateway.get-secret-value /other/token",
      "gateway.create-secret /app/new",
      "gateway.create-role /mine",
      "gateway.get-audit-events /events",
    ];
    const deniedOf = (records: AuditPage["records"]) => records.map((r) => `${r.action} ${r.path}`);
    const denied = deniedOf(
      await auditRecords({ actor: accessId, result: "denied", page_size: 100 }, (records) =>
        expectedDenials.every((d) => deniedOf(records).includes(d)),
      ),
    );
    expect(denied).toEqual(expect.arrayContaining(expectedDenials));
    const allowed = await call(
      gw,
      "GetAuditEvents",
      { actor: accessId, result: "allowed", page_size: 100 },
      admin,
    );
    expect(allowed.records[0]?.actor?.source_address).toBe("127.0.0.1");
    expect(JSON.stringify(allowed.records)).not.toContain(plaintext);

    // Deleting methods by access id: refused alike whether the access id exists or not, so a
    // narrow identity learns nothing; the admin learns that one does not exist.
    for (const target of [adminAccessId, "p-doesnotexist0"]) {
      expect(await codeOf(call(gw, "DeleteAuthMethod", { access_id: target }, app))).toBe(
        "permission-denied",
      );
    }
    expect(
      await codeOf(call(gw, "DeleteAuthMethod", { access_id: "p-doesnotexist0" }, admin)),
    ).toBe("not-found");

    // Revocation: the narrow identity may not revoke the admin's tokens; the admin may revoke
    // all of the narrow identity's, which stop working at once.
    expect(await codeOf(call(gw, "RevokeToken", { access_id: adminAccessId }, app))).toBe(
      "permission-denied",
    );
    await call(gw, "RevokeToken", { access_id: accessId }, admin);
    await waitFor(
      async () => (await codeOf(call(gw, "DescribePermissions", {}, app))) === "unauthenticated",
      2_000,
      "the revoked token to be refused",
    );
  });

  it("refuses calls without a valid token", async () => {
    expect(await codeOf(call(gw, "ListItems", { path: "/" }))).toBe("unauthenticated");
    expect(await codeOf(call(gw, "ListItems", { path: "/" }, bearer("not.a.token")))).toBe(
      "unauthenticated",
    );
    expect(await codeOf(call(gw, "Auth", { access_id: adminAccessId, access_key: "wrong" }))).toBe(
      "unauthenticated",
    );
  });

  it("refuses bad input and stores nothing", async () => {
    const before = (
      await call(gw, "ListItems", { path: "/", page_size: 100, include_deleted: true }, admin)
    ).items.length;
    for (const name of ["", "/app/../etc/passwd", "app/x", "/app/x/"]) {
      expect(await codeOf(call(gw, "CreateSecret", { name, value: Buffer.from("v") }, admin))).toBe(
        "invalid-argument",
      );
    }
    expect(
      await codeOf(
        call(gw, "CreateSecret", { name: "/app/big", value: Buffer.alloc(MAX_VALUE + 1) }, admin),
      ),
    ).toBe("invalid-argument");

    // A name that is not UTF-8: written as raw protobuf (field 1, bytes), as no client library would.
    const rawName = Buffer.concat([Buffer.from("/app/"), Buffer.from([0xff, 0xfe])]);
    const raw = Buffer.concat([
      Buffer.from([0x0a, rawName.length]),
      rawName,
      Buffer.from([0x12, 0x01, 0x76]),
    ]);
    // A bad token is refused before the request is looked at.
    expect(await rawGatewayCall(gw, "CreateSecret", raw, bearer("x"))).toBe(16);
    expect(await rawGatewayCall(gw, "CreateSecret", raw, admin)).toBe(3); // INVALID_ARGUMENT
    // Wrong types: the name (a string, field 1) sent as a number, then a length past the end.
    const wrongTypes = Buffer.from([0x08, 0x2a, 0x12, 0x7f, 0x76]);
    expect(await rawGatewayCall(gw, "CreateSecret", wrongTypes, admin)).toBe(3);
    const after = (
      await call(gw, "ListItems", { path: "/", page_size: 100, include_deleted: true }, admin)
    ).items.length;
    expect(after).toBe(before);

    // A mistyped access id is refused, not granted a role nobody can use.
    await call(gw, "CreateRole", { name: "typo-role" }, admin);
    const typo = call(
      gw,
      "AssocRoleAuthMethod",
      { role_name: "typo-role", access_id: "p-doesnotexist" },
      admin,
    );
    await expect(typo).rejects.toThrow(/no auth method has access id "p-doesnotexist"/);
    expect(await codeOf(typo)).toBe("not-found");
  });

  it("purges a deleted secret for good: not restorable, its name free again", async () => {
    const name = "/app/purge-me";
    await call(gw, "CreateSecret", { name, value: Buffer.from("first") }, admin);
    expect(await codeOf(call(gw, "PurgeItem", { name }, admin))).toBe("failed-precondition");
    await call(gw, "DeleteItem", { name }, admin);
    await call(gw, "PurgeItem", { name }, admin);
    expect(await codeOf(call(gw, "RestoreItem", { name }, admin))).toBe("not-found");
    await call(gw, "CreateSecret", { name, value: Buffer.from("second") }, admin);
    const read = await call(gw, "GetSecretValue", { names: [name] }, admin);
    expect(read.values[0]).toMatchObject({ version: 1 });
    expect(Buffer.from(read.values[0]?.value ?? []).toString()).toBe("second");
  });

  /**
   * Another gateway (the secrets service called directly with a gateway certificate) deletes,
   * purges and makes secret `name` again under `keyName`, behind this gateway's back.
   */
  async function remakeElsewhere(name: string, keyName: string): Promise<void> {
    const other = createSecretsClient(
      full.secrets.address,
      clientCredentials(await full.fragments.tls("gateway", "other-gateway")),
    );
    try {
      await call(other, "DeleteItem", { name });
      await call(other, "PurgeItem", { name });
      await call(other, "CreateItem", {
        name,
        type: "static-secret",
        key_name: keyName,
        key_version: 1,
        ciphertext: Buffer.from("written by the other gateway"),
      });
    } finally {
      other.close();
    }
  }

  it("an update after another gateway made the secret again under another key is written under that key", async () => {
    const name = "/app/remade";
    await call(gw, "CreateDfcKey", { name: "/keys/remade", algorithm: "AES256GCM" }, admin);
    await call(gw, "CreateSecret", { name, value: Buffer.from("v1") }, admin);
    // This gateway now remembers the secret's key (the system key) and updates without reading it.
    await call(gw, "UpdateSecretVal", { name, value: Buffer.from("v2") }, admin);
    // Another gateway deletes and purges it and makes it again under /keys/remade; its first
    // version is never read.
    await remakeElsewhere(name, "/keys/remade");
    const updated = await call(gw, "UpdateSecretVal", { name, value: Buffer.from("v3") }, admin);
    // The remembered key was refused by the secrets service; the item was read again.
    expect(updated.key_name).toBe("/keys/remade");
    expect(updated.versions.map((v) => [v.version, v.key_name])).toEqual([
      [1, "/keys/remade"],
      [2, "/keys/remade"],
    ]);
    const read = await call(gw, "GetSecretValue", { names: [name] }, admin);
    expect(read.values[0]).toMatchObject({ version: 2 });
    expect(Buffer.from(read.values[0]?.value ?? []).toString()).toBe("v3");
  });

  it("an update after the secret was made again under another key and its old key deleted is written under the new key (review S2)", async () => {
    const name = "/app/remade-old-key-gone";
    await call(gw, "CreateDfcKey", { name: "/keys/s2-old", algorithm: "AES256GCM" }, admin);
    await call(gw, "CreateDfcKey", { name: "/keys/s2-new", algorithm: "AES256GCM" }, admin);
    await call(
      gw,
      "CreateSecret",
      { name, value: Buffer.from("v1"), key_name: "/keys/s2-old" },
      admin,
    );
    // This gateway now remembers /keys/s2-old as the secret's key.
    await remakeElsewhere(name, "/keys/s2-new");
    // The old key is retired: using it is refused from now on.
    await call(gw, "DeleteItem", { name: "/keys/s2-old" }, admin);
    // Twice: the remembered key must neither fail the update nor stay remembered.
    for (const v of ["v2", "v3"]) {
      const updated = await call(gw, "UpdateSecretVal", { name, value: Buffer.from(v) }, admin);
      expect(updated.key_name).toBe("/keys/s2-new");
    }
    const read = await call(gw, "GetSecretValue", { names: [name] }, admin);
    expect(read.values[0]).toMatchObject({ version: 3 });
    expect(Buffer.from(read.values[0]?.value ?? []).toString()).toBe("v3");
  });

  it("destroys one version of a secret for good: not served again, from the cache either", async () => {
    const name = "/app/destroy-version";
    await call(gw, "CreateSecret", { name, value: Buffer.from("v1-value") }, admin);
    await call(gw, "UpdateSecretVal", { name, value: Buffer.from("v2-value") }, admin);
    // Read (and so cached) before it is destroyed.
    const before = await call(gw, "GetSecretValue", { names: [name], version: 1 }, admin);
    expect(Buffer.from(before.values[0]?.value ?? []).toString()).toBe("v1-value");
    const item = await call(gw, "DestroySecretVersion", { name, version: 1 }, admin);
    expect(item.versions.map((v) => [v.version, Number(v.destroyed_at_ms) > 0])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(await codeOf(call(gw, "GetSecretValue", { names: [name], version: 1 }, admin))).toBe(
      "not-found",
    );
    const newest = await call(gw, "GetSecretValue", { names: [name] }, admin);
    expect(Buffer.from(newest.values[0]?.value ?? []).toString()).toBe("v2-value");
    expect(await codeOf(call(gw, "DestroySecretVersion", { name, version: 0 }, admin))).toBe(
      "invalid-argument",
    );
    const records = await auditRecords(
      { action: "gateway.destroy-secret-version", path_prefix: name },
      (r) => r.length > 0,
    );
    expect(records[0]).toMatchObject({ result: "allowed", fields: { version: "1" } });
  });

  it("streams an audit export through the gateway: every matching record, each as stored and hashed", async () => {
    const name = `/app/export-${randomBytes(3).toString("hex")}`;
    await call(gw, "CreateSecret", { name, value: Buffer.from("x") }, admin);
    for (let i = 0; i < 3; i++) await call(gw, "GetSecretValue", { names: [name] }, admin);
    await auditRecords({ path_prefix: name }, (r) => r.length >= 4);
    const lines: Record<string, unknown>[] = [];
    for await (const chunk of streamCall<{ lines: string }>(
      gw,
      "ExportAuditEvents",
      { path_prefix: name },
      { ...admin, deadlineMs: 30_000 },
    )) {
      for (const line of chunk.lines.split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    }
    expect(lines.map((l) => l.action)).toEqual([
      "gateway.get-secret-value",
      "gateway.get-secret-value",
      "gateway.get-secret-value",
      "gateway.create-secret",
    ]);
    expect(lines[0]).toMatchObject({
      seq: expect.any(Number),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The export itself is audited, as any request.
    const records = await auditRecords(
      { action: "gateway.export-audit-events" },
      (r) => r.length > 0,
    );
    expect(records[0]).toMatchObject({ result: "allowed", path: "/events" });
    // Without a token: UNAUTHENTICATED, and the stream carries nothing.
    await expect(
      (async () => {
        for await (const _ of streamCall(gw, "ExportAuditEvents", {}, { deadlineMs: 10_000 })) {
          // nothing may arrive
        }
      })(),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("verifies the audit chain for a caller who may read the audit events", async () => {
    const result = await call(gw, "VerifyAuditChain", {}, admin);
    expect(result).toMatchObject({ ok: true, broken_seq: "0", problem: "" });
    expect(Number(result.records)).toBeGreaterThan(0);
  });

  it("accepts clients with a certificate as well as without one", async () => {
    const withCert = await full.clientWithCertificate("client", "user-cert");
    // The certificate reached auth (no certificate method matches it), unlike a client with none.
    const res = await codeOf(
      call(withCert, "Auth", { access_id: "p-nosuchmethod0", use_client_certificate: true }),
    );
    expect(res).not.toBe("ok");
    const none = await call(gw, "Auth", {
      access_id: "p-nosuchmethod0",
      use_client_certificate: true,
    }).catch((e: KeyfragError) => e);
    expect(none).toBeInstanceOf(KeyfragError);
    expect((none as KeyfragError).message).toMatch(/no verified client certificate/);
    await expect(call(withCert, "ClusterStatus", {}, admin)).resolves.toMatchObject({
      leader: true,
    });
    // A node's certificate (here a fragment manager's role) never logs in as a user.
    const asNode = await full.clientWithCertificate("fragment-manager", "fm-9z");
    expect(
      await codeOf(
        call(asNode, "Auth", { access_id: "p-nosuchmethod0", use_client_certificate: true }),
      ),
    ).toBe("permission-denied");
  });
});
