import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type CallOptions, call, type GatewayClient, type KeyfragErrorCode } from "@keyfrag/rpc";
import {
  adminLogin,
  bearer,
  outcome as callOutcome,
  codeOf,
  type FullCluster,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const rand = () => randomBytes(3).toString("hex");

// Who may bind what to a dynamic secret, and who may sign: the whole platform as processes,
// reached through the gateway only, each caller holding only the rules a test gives it.
describe("dynamic secret permissions", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;

  /** The error code of a call's failure and its message, or "ok" and "". */
  const outcome = async (p: Promise<unknown>): Promise<[KeyfragErrorCode | "ok", string]> => {
    const result = await callOutcome(p);
    return result === "ok" ? ["ok", ""] : [result.code, result.message];
  };

  /** A new identity whose one role holds `rules` (item rules: [path glob, capabilities]). */
  async function identity(rules: [string, string[]][]) {
    const role = `perm-${rand()}`;
    await call(gw, "CreateRole", { name: role }, admin);
    const setRule = (path: string, capabilities: string[]) =>
      call(
        gw,
        "SetRoleRule",
        { role_name: role, rule: { rule_type: "item", path, capabilities } },
        admin,
      );
    for (const [path, capabilities] of rules) await setRule(path, capabilities);
    const method = await call(gw, "CreateAuthMethod", { name: role, access_key: {} }, admin);
    await call(
      gw,
      "AssocRoleAuthMethod",
      { role_name: role, access_id: method.method?.access_id },
      admin,
    );
    const auth = await call(gw, "Auth", {
      access_id: method.method?.access_id,
      access_key: method.access_key,
    });
    return { options: bearer(auth.token, 60_000), setRule };
  }

  beforeAll(async () => {
    full = await startFullCluster({ producersEnv: { KF_SWEEP_INTERVAL_MS: "0" } });
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);
  }, 180_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
  });

  it("a CreateDynamicSecret naming two producers is refused, so the key checked is the key used", async () => {
    const folder = `/perm-${rand()}`;
    const readable = `${folder}/keys/mine`;
    const secret = `${folder}/keys/not-mine`;
    for (const name of [readable, secret]) {
      await call(gw, "CreateDfcKey", { name, algorithm: "ED25519" }, admin);
    }
    // Someone else's JWT issuer signs with the key this creator may not use.
    await call(
      gw,
      "CreateDynamicSecret",
      { name: `${folder}/issuer`, type: "jwt", max_ttl_seconds: 60, jwt: { key_name: secret } },
      admin,
    );
    const creator = await identity([
      [`${folder}/ds/*`, ["create", "read"]],
      [readable, ["read", "sign"]],
    ]);
    // The gateway used to check the SSH member's key; the producers service stored the JWT one.
    const [code, message] = await outcome(
      call(
        gw,
        "CreateDynamicSecret",
        {
          name: `${folder}/ds/forged`,
          type: "jwt",
          max_ttl_seconds: 60,
          ssh: { ca_key_name: readable, allowed_principals: ["x"] },
          jwt: { key_name: secret },
        },
        creator.options,
      ),
    );
    expect(code).toBe("invalid-argument");
    expect(message).toContain("one of sql, redis, ssh, jwt, custom");
    expect(
      await codeOf(call(gw, "GetDynamicSecretValue", { name: `${folder}/ds/forged` }, admin)),
    ).toBe("not-found");
    // With the one member the key is checked: not this creator's to use.
    expect(
      await codeOf(
        call(
          gw,
          "CreateDynamicSecret",
          { name: `${folder}/ds/jwt`, type: "jwt", max_ttl_seconds: 60, jwt: { key_name: secret } },
          creator.options,
        ),
      ),
    ).toBe("permission-denied");
  }, 60_000);

  it("signing needs sign, not read; an issuer's key signs directly only for a rule naming it", async () => {
    const folder = `/perm-${rand()}`;
    const release = `${folder}/keys/release`;
    const ca = `${folder}/keys/ca`;
    for (const name of [release, ca]) {
      await call(gw, "CreateDfcKey", { name, algorithm: "ED25519" }, admin);
    }
    const data = Buffer.from("artifact");
    const reader = await identity([
      [`${folder}/keys/*`, ["read"]],
      [`${folder}/ds/*`, ["create", "read"]],
    ]);
    // read: the public key and Verify, never a signature.
    const signed = await call(gw, "Sign", { key_name: release, data }, admin);
    expect(
      (
        await call(
          gw,
          "Verify",
          { key_name: release, data, signature: signed.signature },
          reader.options,
        )
      ).valid,
    ).toBe(true);
    const [code, message] = await outcome(
      call(gw, "Sign", { key_name: release, data }, reader.options),
    );
    expect(code).toBe("permission-denied");
    expect(message).toContain(`sign on item ${release}`);
    // Nor may read hand the key to an issuer that signs for whoever reads the dynamic secret.
    expect(
      await codeOf(
        call(
          gw,
          "CreateDynamicSecret",
          {
            name: `${folder}/ds/ssh`,
            type: "ssh",
            ssh: { ca_key_name: ca, allowed_principals: ["*"] },
          },
          reader.options,
        ),
      ),
    ).toBe("permission-denied");

    const signer = await identity([
      [`${folder}/keys/*`, ["read", "sign"]],
      [`${folder}/ds/*`, ["create", "read"]],
    ]);
    expect(
      (await call(gw, "Sign", { key_name: release, data }, signer.options)).signature,
    ).toHaveLength(64);
    expect((await call(gw, "Sign", { key_name: ca, data }, signer.options)).signature).toHaveLength(
      64,
    );

    // Once the key is an SSH CA's, signing with it directly would skip the issuer's limits
    // (principals, TTL, extensions): a glob granting sign, even the admin's /*, is not enough.
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: `${folder}/ssh`,
        type: "ssh",
        max_ttl_seconds: 60,
        ssh: { ca_key_name: ca, allowed_principals: ["deploy"] },
      },
      admin,
    );
    for (const who of [signer.options, admin]) {
      const [denied, why] = await outcome(call(gw, "Sign", { key_name: ca, data }, who));
      expect(denied).toBe("permission-denied");
      expect(why).toContain(`only a rule naming ${ca} itself grants it`);
    }
    expect(
      (await call(gw, "Sign", { key_name: release, data }, signer.options)).signature,
    ).toHaveLength(64);
    // Nor through an issuer of one's own with wider limits on the same CA.
    const wider = {
      name: `${folder}/ds/wider`,
      type: "ssh",
      max_ttl_seconds: 60,
      ssh: { ca_key_name: ca, allowed_principals: ["*"] },
    };
    const [refused, because] = await outcome(
      call(gw, "CreateDynamicSecret", wider, signer.options),
    );
    expect(refused).toBe("permission-denied");
    expect(because).toContain(`only a rule naming ${ca} itself grants it`);
    // Granted explicitly, it signs (and may make issuers on it).
    await signer.setRule(ca, ["sign"]);
    await waitFor(
      async () => (await codeOf(call(gw, "Sign", { key_name: ca, data }, signer.options))) === "ok",
      10_000,
    );
    await call(gw, "CreateDynamicSecret", wider, signer.options);
  }, 60_000);

  it("UpdateTarget needs update on the target; read is not enough", async () => {
    const folder = `/perm-${rand()}`;
    const target = `${folder}/redis`;
    await call(
      gw,
      "CreateTarget",
      {
        name: target,
        type: "redis",
        connection: { host: "127.0.0.1", port: "6379" },
        credentials: { password: "" },
      },
      admin,
    );
    const reader = await identity([[`${folder}/*`, ["read"]]]);
    const [code, message] = await outcome(
      call(gw, "UpdateTarget", { name: target, credentials: { password: "x" } }, reader.options),
    );
    expect(code).toBe("permission-denied");
    expect(message).toContain(`update on item ${target}`);
    const updater = await identity([[`${folder}/*`, ["update"]]]);
    const updated = await call(
      gw,
      "UpdateTarget",
      { name: target, credentials: { password: "" }, description: "rotated" },
      updater.options,
    );
    expect(updated.description).toBe("rotated");
  });

  it("update alone cannot point a custom producer's URLs or a target's address elsewhere: the secret must be given again", async () => {
    const folder = `/perm-${rand()}`;
    const key = `${folder}/keys/payload`;
    await call(gw, "CreateDfcKey", { name: key, algorithm: "AES256GCM" }, admin);
    // A recording peer written for this test: it must never be sent the kept payload.
    const received: string[] = [];
    const peer = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push(body);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => peer.listen(0, "127.0.0.1", resolve));
    try {
      const evil = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
      const hook = `${folder}/ds/hook`;
      const urls = { create_url: "https://hooks.example/c", revoke_url: "https://hooks.example/r" };
      await call(
        gw,
        "CreateDynamicSecret",
        {
          name: hook,
          type: "custom",
          custom: { ...urls, payload: "webhook-admin-token", key_name: key },
        },
        admin,
      );
      const updater = await identity([[`${folder}/ds/*`, ["update", "read"]]]);
      for (const custom of [
        { ...urls, revoke_url: `${evil}/r` },
        { create_url: `${evil}/c`, revoke_url: `${evil}/r`, rotate_url: `${evil}/rot` },
      ]) {
        const [code, message] = await outcome(
          call(gw, "UpdateDynamicSecret", { name: hook, custom }, updater.options),
        );
        expect(code).toBe("invalid-argument");
        expect(message).toContain("give custom.payload again");
      }
      // A new payload under the payload's key needs read on it, as creation did.
      expect(
        await codeOf(
          call(
            gw,
            "UpdateDynamicSecret",
            { name: hook, custom: { ...urls, revoke_url: `${evil}/r`, payload: "mine" } },
            updater.options,
          ),
        ),
      ).toBe("permission-denied");
      expect((await call(gw, "GetDynamicSecret", { name: hook }, admin)).custom).toMatchObject(
        urls,
      );
      // The same URLs with another timeout: allowed, the payload kept.
      await call(
        gw,
        "UpdateDynamicSecret",
        { name: hook, custom: { ...urls, timeout_seconds: 20 } },
        updater.options,
      );
      expect(received).toEqual([]);

      // A target: a new host or port would carry the kept admin password to it.
      const target = `${folder}/redis`;
      await call(
        gw,
        "CreateTarget",
        {
          name: target,
          type: "redis",
          connection: { host: "127.0.0.1", port: "6379" },
          credentials: { password: "" },
        },
        admin,
      );
      const targetUpdater = await identity([[`${folder}/*`, ["update", "read"]]]);
      const [code, message] = await outcome(
        call(
          gw,
          "UpdateTarget",
          { name: target, connection: { host: "evil.example" } },
          targetUpdater.options,
        ),
      );
      expect(code).toBe("invalid-argument");
      expect(message).toContain("give the credentials again");
      expect((await call(gw, "GetTarget", { name: target }, admin)).connection?.host).toBe(
        "127.0.0.1",
      );
      const moved = await call(
        gw,
        "UpdateTarget",
        { name: target, connection: { host: "localhost" }, credentials: { password: "" } },
        targetUpdater.options,
      );
      expect(moved.connection?.host).toBe("localhost");
    } finally {
      await new Promise((resolve) => peer.close(resolve));
    }
  });

  it("UpdateDynamicSecret needs update on it, and update on the target for statements of one's own", async () => {
    const folder = `/perm-${rand()}`;
    const target = `${folder}/pg`;
    await call(
      gw,
      "CreateTarget",
      {
        name: target,
        type: "postgresql",
        connection: { host: "127.0.0.1", port: "5432", database: "postgres", username: "postgres" },
        credentials: { password: "" },
      },
      admin,
    );
    await call(
      gw,
      "CreateDynamicSecret",
      { name: `${folder}/ds/app`, type: "postgresql", target },
      admin,
    );
    const reader = await identity([[`${folder}/*`, ["read"]]]);
    expect(
      await codeOf(
        call(
          gw,
          "UpdateDynamicSecret",
          { name: `${folder}/ds/app`, user_ttl_seconds: 60 },
          reader.options,
        ),
      ),
    ).toBe("permission-denied");
    const owner = await identity([
      [`${folder}/*`, ["read"]],
      [`${folder}/ds/*`, ["update", "read"]],
    ]);
    const changed = await call(
      gw,
      "UpdateDynamicSecret",
      { name: `${folder}/ds/app`, user_ttl_seconds: 60 },
      owner.options,
    );
    expect(changed.user_ttl_seconds).toBe(60);
    const [code, message] = await outcome(
      call(
        gw,
        "UpdateDynamicSecret",
        {
          name: `${folder}/ds/app`,
          sql: {
            creation_statements: [
              "CREATE ROLE \"{{name}}\" WITH SUPERUSER LOGIN PASSWORD '{{password}}'",
            ],
          },
        },
        owner.options,
      ),
    );
    expect(code).toBe("permission-denied");
    expect(message).toContain(`update on item ${target}`);
    const after = await call(gw, "GetDynamicSecret", { name: `${folder}/ds/app` }, admin);
    expect(after.sql?.creation_statements ?? []).toEqual([]);
  });

  it("UpdateDynamicSecret of an SSH CA or a JWT issuer's settings needs sign on its key, as creation", async () => {
    const folder = `/perm-${rand()}`;
    const key = `${folder}/keys/jwt`;
    await call(gw, "CreateDfcKey", { name: key, algorithm: "ED25519" }, admin);
    const issuer = `${folder}/ds/jwt`;
    await call(
      gw,
      "CreateDynamicSecret",
      { name: issuer, type: "jwt", max_ttl_seconds: 60, jwt: { key_name: key, audience: ["a"] } },
      admin,
    );
    // update on the issuer: its TTLs, but not what its key signs for.
    const owner = await identity([[`${folder}/ds/*`, ["update", "read"]]]);
    expect(
      (await call(gw, "UpdateDynamicSecret", { name: issuer, user_ttl_seconds: 30 }, owner.options))
        .user_ttl_seconds,
    ).toBe(30);
    const wider = { name: issuer, jwt: { audience: ["a", "everyone"] } };
    const [code, message] = await outcome(call(gw, "UpdateDynamicSecret", wider, owner.options));
    expect(code).toBe("permission-denied");
    expect(message).toContain(`sign on item ${key}`);
    expect((await call(gw, "GetDynamicSecret", { name: issuer }, admin)).jwt?.audience).toEqual([
      "a",
    ]);
    // The key signs for a dynamic secret: only a rule naming it grants it (a glob does not).
    await owner.setRule(key, ["sign"]);
    await waitFor(
      async () => (await codeOf(call(gw, "UpdateDynamicSecret", wider, owner.options))) === "ok",
      10_000,
    );
    const after = await call(gw, "GetDynamicSecret", { name: issuer }, admin);
    expect(after.jwt).toMatchObject({ key_name: key, audience: ["a", "everyone"] });
  });

  it("statements and ACL rules of one's own need update on the target; the defaults need read", async () => {
    const folder = `/perm-${rand()}`;
    const pgTarget = `${folder}/pg`;
    const redisTarget = `${folder}/redis`;
    await call(
      gw,
      "CreateTarget",
      {
        name: pgTarget,
        type: "postgresql",
        connection: { host: "127.0.0.1", port: "5432", database: "postgres", username: "postgres" },
        credentials: { password: "" },
      },
      admin,
    );
    await call(
      gw,
      "CreateTarget",
      {
        name: redisTarget,
        type: "redis",
        connection: { host: "127.0.0.1", port: "6379" },
        credentials: { password: "" },
      },
      admin,
    );
    const user = await identity([
      [`${folder}/*`, ["read"]],
      [`${folder}/ds/*`, ["create", "read"]],
    ]);
    const asAdminOfTheTarget = {
      name: `${folder}/ds/superuser`,
      type: "postgresql",
      target: pgTarget,
      sql: {
        creation_statements: [
          "CREATE ROLE \"{{name}}\" WITH SUPERUSER LOGIN PASSWORD '{{password}}'",
        ],
      },
    };
    const [code, message] = await outcome(
      call(gw, "CreateDynamicSecret", asAdminOfTheTarget, user.options),
    );
    expect(code).toBe("permission-denied");
    expect(message).toContain(`update on item ${pgTarget}`);
    expect(
      await codeOf(
        call(
          gw,
          "CreateDynamicSecret",
          {
            name: `${folder}/ds/revoker`,
            type: "postgresql",
            target: pgTarget,
            sql: { revocation_statements: ["DROP DATABASE postgres"] },
          },
          user.options,
        ),
      ),
    ).toBe("permission-denied");
    expect(
      await codeOf(
        call(
          gw,
          "CreateDynamicSecret",
          {
            name: `${folder}/ds/all-keys`,
            type: "redis",
            target: redisTarget,
            redis: { acl_rules: ["~*", "+@all"] },
          },
          user.options,
        ),
      ),
    ).toBe("permission-denied");
    // The driver's defaults (a login and nothing more) are read's to use.
    await call(
      gw,
      "CreateDynamicSecret",
      { name: `${folder}/ds/login`, type: "postgresql", target: pgTarget },
      user.options,
    );
    // Whoever administers the target may.
    await user.setRule(pgTarget, ["read", "update"]);
    await waitFor(
      async () =>
        (await codeOf(call(gw, "CreateDynamicSecret", asAdminOfTheTarget, user.options))) === "ok",
      10_000,
    );
  }, 60_000);
});
