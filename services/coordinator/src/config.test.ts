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

describe("KF_CUSTOMER_SLOTS", () => {
  const parse = (KF_CUSTOMER_SLOTS: string) =>
    loadConfig({ ...base, KF_NODE_ID: "c", KF_CUSTOMER_SLOTS }).KF_CUSTOMER_SLOTS;

  it("reads id=slot pairs and bare slots (whose id is their number); empty is none", () => {
    expect(parse("acme=100, globex=101")).toEqual([
      { id: "acme", slot: 100 },
      { id: "globex", slot: 101 },
    ]);
    expect(parse("100")).toEqual([{ id: "100", slot: 100 }]);
    expect(parse(" 100 , seg-b.2=7 ")).toEqual([
      { id: "100", slot: 100 },
      { id: "seg-b.2", slot: 7 },
    ]);
    expect(parse("")).toEqual([]);
    expect(loadConfig({ ...base, KF_NODE_ID: "c" }).KF_CUSTOMER_SLOTS).toEqual([]);
  });

  it("refuses a bad entry, naming the variable and what is wrong", () => {
    const bad: [string, RegExp][] = [
      ["0", /KF_CUSTOMER_SLOTS: "0": a slot number 1-255/],
      ["256", /KF_CUSTOMER_SLOTS: "256": a slot number 1-255/],
      ["acme=", /KF_CUSTOMER_SLOTS: "acme=": a slot number/],
      ["acme", /KF_CUSTOMER_SLOTS: "acme": a slot number/],
      // An id that is a number would be read as a slot number.
      ["7=100", /KF_CUSTOMER_SLOTS: customer fragment id "7"/],
      ["a b=100", /customer fragment id "a b"/],
      ["acme=100,globex=100", /slot 100 is listed twice/],
      ["acme=100,acme=101", /id acme is listed twice/],
      ["100,100", /slot 100 is listed twice/],
    ];
    for (const [value, message] of bad) expect(() => parse(value), value).toThrow(message);
  });
});
