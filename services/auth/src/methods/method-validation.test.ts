import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { peerAddress } from "../login/login-service.js";
import { hashAccessKey, verifyAccessKey } from "./access-key.js";
import { addressAllowed, checkName, parseCidrs } from "./method-validation.js";

describe("method validation", () => {
  it("accepts simple and path-like names and refuses the rest", () => {
    for (const name of ["ci", "team/ci-2", "/org/team/app.v1", "a".repeat(200)]) {
      expect(() => checkName(name)).not.toThrow();
    }
    for (const name of ["", "a//b", "../x", "a/", "with space", "a".repeat(201), "ü"]) {
      expect(() => checkName(name)).toThrow(/^name/);
    }
  });

  it("parses CIDRs and checks addresses against them", () => {
    for (const bad of ["10.0.0.0", "10.0.0.0/33", "::/129", "x/8", "10.0.0.0/8/8", "10.0.0.0/-1"]) {
      expect(() => parseCidrs([bad], "jwt.bound_cidrs")).toThrow(/^jwt\.bound_cidrs: /);
    }
    const cidrs = ["10.0.0.0/8", "2001:db8::/32"];
    expect(addressAllowed(cidrs, "10.1.2.3")).toBe(true);
    expect(addressAllowed(cidrs, "11.1.2.3")).toBe(false);
    expect(addressAllowed(cidrs, "2001:db8::5")).toBe(true);
    expect(addressAllowed(cidrs, "not an ip")).toBe(false);
    expect(addressAllowed([], "anything")).toBe(true);
  });

  it("echoes at most a bounded part of a bad CIDR", () => {
    const huge = "[".repeat(32 * 1024);
    expect(() => parseCidrs([huge])).toThrow(/^bound_cidrs: "\[{1,64}.*is not a CIDR$/);
    try {
      parseCidrs([huge]);
    } catch (err) {
      expect((err as Error).message.length).toBeLessThan(200);
    }
  });

  it("reads the IP of grpc-js peer strings", () => {
    expect(peerAddress("127.0.0.1:5000")).toBe("127.0.0.1");
    expect(peerAddress("ipv4:10.0.0.1:5000")).toBe("10.0.0.1");
    expect(peerAddress("[::1]:5000")).toBe("::1");
    expect(peerAddress("[::ffff:10.0.0.2]:5000")).toBe("10.0.0.2");
    expect(peerAddress("unix:/tmp/sock")).toBe("");
  });

  it("hashes access keys with scrypt in about 20-60 ms and verifies them", async () => {
    const start = performance.now();
    const stored = await hashAccessKey("secret-key");
    const took = performance.now() - start;
    expect(took).toBeGreaterThan(5);
    expect(took).toBeLessThan(500);
    expect(JSON.stringify(stored)).not.toContain("secret-key");
    expect(await verifyAccessKey("secret-key", stored)).toBe(true);
    expect(await verifyAccessKey("secret-kex", stored)).toBe(false);
  });
});

describe("configuration", () => {
  it("names missing and bad variables", () => {
    const keyFile = join(tmpdir(), `kf-auth-config-${process.pid}.key`);
    writeFileSync(keyFile, "ab".repeat(32));
    const base = {
      KF_LISTEN: "127.0.0.1:0",
      KF_TLS_CA: keyFile,
      KF_TLS_CERT: keyFile,
      KF_TLS_KEY: keyFile,
      KF_AUDIT_KEY_FILE: keyFile,
    };
    expect(() => loadConfig(base)).toThrow(/KF_NODE_ID/);
    const config = loadConfig({ ...base, KF_NODE_ID: "auth-1" });
    expect(config).toMatchObject({
      nodeId: "auth-1",
      KF_REDIS_PREFIX: "kf:auth",
      KF_TOKEN_DEFAULT_TTL_SECONDS: 900,
    });
    expect(() =>
      loadConfig({ ...base, KF_NODE_ID: "a", KF_TOKEN_DEFAULT_TTL_SECONDS: "100000" }),
    ).toThrow(/KF_TOKEN_DEFAULT_TTL_SECONDS/);
  });
});
