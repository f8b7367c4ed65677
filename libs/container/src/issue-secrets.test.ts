import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identityPublicKey } from "@keyfrag/crypto";
import { createDevCa, verifySlotCertificate } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSecrets, type KubeApi, parseSecretPlan, type SecretPlan } from "./issue-secrets.js";

/** The Secrets and ConfigMaps of one namespace, in memory, as the Job's API calls see them. */
function namespace() {
  const secrets = new Map<string, Record<string, Uint8Array>>();
  const configMaps = new Map<string, Record<string, string>>();
  let failReads = false;
  const api: KubeApi = {
    async getSecret(name) {
      if (failReads) throw new Error("HTTP 503 the API server is unavailable");
      return secrets.get(name);
    },
    async putSecret(name, data) {
      secrets.set(
        name,
        Object.fromEntries(Object.entries(data).map(([k, v]) => [k, new Uint8Array(v)])),
      );
    },
    async putConfigMap(name, data) {
      configMaps.set(name, { ...data });
    },
  };
  return {
    api,
    secrets,
    configMaps,
    failReads: () => {
      failReads = true;
    },
  };
}

const plan: SecretPlan = parseSecretPlan(
  JSON.stringify({
    labels: { "app.kubernetes.io/instance": "kf" },
    peersConfigMap: "kf-keyfrag-slot-peers",
    secrets: [
      ...["a", "b"].map((r) => ({
        secret: `kf-keyfrag-fm-1${r}-tls`,
        name: `fm-1${r}`,
        role: "fragment-manager",
        hosts: [`kf-keyfrag-fm-1${r}`],
        slot: 1,
      })),
      {
        secret: "kf-keyfrag-coordinator-tls",
        name: "kf-keyfrag-coordinator",
        role: "coordinator",
        hosts: ["kf-keyfrag-coordinator"],
      },
      {
        secret: "kf-keyfrag-gateway-0-tls",
        name: "kf-keyfrag-gateway-0",
        role: "gateway",
        hosts: ["kf-keyfrag-gateway"],
        customer: { name: "kf-keyfrag-gateway-0-customer", slot: 100, hosts: ["g0"] },
      },
    ],
  }),
);

let dir: string;
let ca: { certFile: string; keyFile: string };
let caPem: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-issue-secrets-test-"));
  ca = await createDevCa(join(dir, "ca"));
  caPem = await readFile(ca.certFile, "utf8");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString("utf8");

describe("the Helm chart's PKI Job", () => {
  it("gives each node a Secret of its own keys, never the CA key, and pins each slot's replicas", async () => {
    const ns = namespace();
    const peers = await issueSecrets(plan, ca, ns.api);
    const caKey = (await readFile(ca.keyFile, "utf8")).trim();
    expect([...ns.secrets.keys()].sort()).toEqual(plan.secrets.map((s) => s.secret).sort());
    for (const [name, data] of ns.secrets) {
      expect(text(data["ca.pem"]), name).toBe(caPem);
      for (const [key, value] of Object.entries(data)) {
        expect(text(value), `${name} ${key}`).not.toContain(caKey.split("\n")[1]);
      }
    }
    const fm1a = ns.secrets.get("kf-keyfrag-fm-1a-tls") ?? {};
    expect(Object.keys(fm1a).sort()).toEqual(
      ["ca.pem", "identity.key", "node.key", "tls-key.pem", "tls.pem"].sort(),
    );
    const certified = verifySlotCertificate(text(fm1a["tls.pem"]), caPem);
    const privateKey = Buffer.from(text(fm1a["identity.key"]).trim(), "hex");
    expect(certified.slot).toBe(1);
    expect(Buffer.from(certified.identityPublicKey)).toEqual(
      Buffer.from(identityPublicKey(privateKey)),
    );
    const coordinator = ns.secrets.get("kf-keyfrag-coordinator-tls") ?? {};
    expect(Object.keys(coordinator).sort()).toEqual(["ca.pem", "tls-key.pem", "tls.pem"]);
    const gateway = ns.secrets.get("kf-keyfrag-gateway-0-tls") ?? {};
    expect(verifySlotCertificate(text(gateway["customer.pem"]), caPem).slot).toBe(100);
    expect(Object.keys(gateway)).toEqual(
      expect.arrayContaining(["customer-identity.key", "customer-node.key", "customer-key.pem"]),
    );

    // Slot 1's peers file: both replicas' identity public keys, which a CA alone cannot add to.
    const lines = (peers["slot-1.peers"] ?? "").split("\n").filter((l) => /^[0-9a-f]{64} /.test(l));
    expect(lines).toEqual([
      `${Buffer.from(certified.identityPublicKey).toString("hex")} fm-1a`,
      expect.stringMatching(/ fm-1b$/),
    ]);
    expect(ns.configMaps.get("kf-keyfrag-slot-peers")).toEqual(peers);
    expect(Object.keys(peers).sort()).toEqual(["slot-1.peers", "slot-100.peers"]);
  });

  it("keeps every node's identity and node keys on a later run, re-issuing its certificate", async () => {
    const ns = namespace();
    await issueSecrets(plan, ca, ns.api);
    const before = ns.secrets.get("kf-keyfrag-fm-1b-tls") ?? {};
    const keys = [text(before["identity.key"]), text(before["node.key"])];
    const peers = ns.configMaps.get("kf-keyfrag-slot-peers");
    await issueSecrets(plan, ca, ns.api);
    const after = ns.secrets.get("kf-keyfrag-fm-1b-tls") ?? {};
    expect([text(after["identity.key"]), text(after["node.key"])]).toEqual(keys);
    expect(text(after["tls.pem"])).not.toBe(text(before["tls.pem"]));
    expect(ns.configMaps.get("kf-keyfrag-slot-peers")).toEqual(peers);
  });

  it("never replaces a key it could not read: an API failure stops the run", async () => {
    const ns = namespace();
    await issueSecrets(plan, ca, ns.api);
    const before = text(ns.secrets.get("kf-keyfrag-fm-1a-tls")?.["identity.key"]);
    ns.failReads();
    await expect(issueSecrets(plan, ca, ns.api)).rejects.toThrow(/unavailable/);
    expect(text(ns.secrets.get("kf-keyfrag-fm-1a-tls")?.["identity.key"])).toBe(before);
  });

  it("refuses a malformed plan, naming the entry", () => {
    const bad = (secrets: unknown[]) =>
      JSON.stringify({ peersConfigMap: "p", labels: {}, secrets });
    expect(() => parseSecretPlan(bad([]))).toThrow(/lists no secrets/);
    expect(() =>
      parseSecretPlan(bad([{ secret: "Bad_Name", name: "x", role: "gateway", hosts: [] }])),
    ).toThrow(/plan entry 0: secret/);
    expect(() =>
      parseSecretPlan(bad([{ secret: "s", name: "x", role: "gateway", hosts: [], slot: 1 }])),
    ).toThrow(/only a fragment-manager/);
    expect(() =>
      parseSecretPlan(bad([{ secret: "s", name: "x", role: "root", hosts: [] }])),
    ).toThrow(/not a node role/);
  });
});
