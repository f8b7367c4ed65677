import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

const keyFile = join(tmpdir(), `kf-audit-config-${process.pid}.key`);
writeFileSync(keyFile, "ab".repeat(32));
const base = {
  KF_LISTEN: "127.0.0.1:7400",
  KF_TLS_CA: keyFile,
  KF_TLS_CERT: keyFile,
  KF_TLS_KEY: keyFile,
  KF_AUDIT_KEY_FILE: keyFile,
};

describe("audit config", () => {
  it("takes the node id from KF_NODE_ID, with defaults for the rest", () => {
    expect(loadConfig({ ...base, KF_NODE_ID: "a-1" })).toMatchObject({
      nodeId: "a-1",
      KF_REDIS_PREFIX: "kf:audit",
      KF_CLUSTER: "kf",
    });
    expect(loadConfig({ ...base, KF_NODE_ID: "n" }).KF_AUDIT_KEY_FILE).toHaveLength(32);
  });

  it("names the variable that is missing or wrong", () => {
    expect(() => loadConfig(base)).toThrow(/KF_NODE_ID/);
    expect(() => loadConfig({ ...base, KF_NODE_ID: "n", KF_AUDIT_KEY_FILE: "/nope" })).toThrow(
      /KF_AUDIT_KEY_FILE/,
    );
  });
});
