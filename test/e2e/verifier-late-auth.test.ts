import { type CallOptions, call, type GatewayClient } from "@keyfrag/rpc";
import {
  adminLogin,
  bearer,
  codeOf,
  type FullCluster,
  startFullCluster,
} from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A gateway that starts while auth is down must not serve until it knows every revocation:
// otherwise revoked tokens and tokens of deleted methods pass for as long as it runs.
describe("a gateway started while auth is down", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;

  beforeAll(async () => {
    full = await startFullCluster();
    gw = full.client();
    admin = await adminLogin(full, gw, 20_000);
  }, 120_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
  });

  it("refuses a revoked token and a deleted method's token once it serves", async () => {
    const login = async (name: string) => {
      const made = await call(gw, "CreateAuthMethod", { name, access_key: {} }, admin);
      const accessId = made.method?.access_id ?? "";
      const res = await call(gw, "Auth", { access_id: accessId, access_key: made.access_key });
      return { accessId, token: res.token, as: bearer(res.token, 20_000) };
    };
    const revoked = await login("late-auth/revoked");
    const deleted = await login("late-auth/deleted");
    const live = await login("late-auth/live");
    // Revoking one's own token needs no permission.
    await call(gw, "RevokeToken", { token: revoked.token }, revoked.as);
    await call(gw, "DeleteAuthMethod", { access_id: deleted.accessId }, admin);
    for (const who of [revoked, deleted]) {
      expect(await codeOf(call(gw, "DescribePermissions", {}, who.as))).toBe("unauthenticated");
    }

    await full.gateway.stop();
    await full.control.nodes.auth.stop();
    const gatewayReady = full.gateway.start();
    // Long enough for several of the gateway's attempts to reach auth to fail.
    await new Promise((r) => setTimeout(r, 4_000));
    await full.control.nodes.auth.start();
    await gatewayReady;

    // A live token works (at once here; a verifier without keys would fetch them on demand).
    for (const started = Date.now(); ; ) {
      const code = await codeOf(call(gw, "DescribePermissions", {}, live.as));
      if (code === "ok") break;
      if (Date.now() - started > 15_000) throw new Error(`a live token is refused: ${code}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const who of [revoked, deleted]) {
      expect(await codeOf(call(gw, "DescribePermissions", {}, who.as))).toBe("unauthenticated");
    }
  }, 120_000);
});
