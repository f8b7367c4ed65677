import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

const keyFile = join(tmpdir(), `kf-coordinator-config-${process.pid}.key`);
writeFileSync(keyFile, "ab".repeat(32));
const base = {
  KF_LISTEN: "127.0.0.1:7400",
  KF_TLS_CA: keyFile,
  KF_TLS_CERT: keyFile,
  KF_TLS_KEY: keyFile,
  KF_AUDIT_KEY_FILE: keyFile,
};

describe("coordinator config", () => {
  it("takes the node id from KF_NODE_ID, like every service", () => {
    const config = loadConfig({ ...base, KF_NODE_ID: "coordinator-1" });
    expect(config).toMatchObject({ nodeId: "coordinator-1", KF_REDIS_PREFIX: "kf:coordinator" });
    expect(config.deprecatedIdVariable).toBeUndefined();
  });

  it("still reads the deprecated KF_COORDINATOR_ID when KF_NODE_ID is not set, and says so", () => {
    const config = loadConfig({ ...base, KF_COORDINATOR_ID: "coord-old" });
    expect(config.nodeId).toBe("coord-old");
    expect(config.deprecatedIdVariable).toBe("KF_COORDINATOR_ID");
    expect(loadConfig({ ...base, KF_NODE_ID: "c", KF_COORDINATOR_ID: "c" }).nodeId).toBe("c");
  });

  it("refuses two different ids, and names the variable that is missing or wrong", () => {
    expect(() => loadConfig({ ...base, KF_NODE_ID: "a", KF_COORDINATOR_ID: "b" })).toThrow(
      /KF_COORDINATOR_ID: differs from KF_NODE_ID/,
    );
    expect(() => loadConfig(base)).toThrow(/KF_NODE_ID: is required/);
    expect(() => loadConfig({ ...base, KF_COORDINATOR_ID: "bad id!" })).toThrow(/KF_NODE_ID/);
  });
});
