import { X509Certificate } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatIdentity,
  InvalidArgumentError,
  issueCertificate,
  type NodeRole,
  parseIdentity,
} from "../src/index.js";
import { createTestPki, type TestPki } from "./fixture.js";

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(async () => {
  await pki[Symbol.asyncDispose]();
});

describe("dev CA and node certificates", () => {
  it("writes a CA whose private key only its owner can read", async () => {
    const ca = new X509Certificate(await readFile(join(pki.caDir, "ca.pem")));
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect((await stat(join(pki.caDir, "ca-key.pem"))).mode & 0o777).toBe(0o600);
  });

  it("issues a certificate naming the node identity, its hosts, and signed by the CA", async () => {
    const files = await issueCertificate({
      caDir: pki.caDir,
      dir: join(pki.dir, "issued"),
      name: "fm-a1",
      role: "fragment-manager",
      nodeId: "region-a.az-1.slot-1",
    });
    expect(files.certFile).toBe(join(pki.dir, "issued", "fm-a1.pem"));
    expect(files.keyFile).toBe(join(pki.dir, "issued", "fm-a1-key.pem"));
    expect((await stat(files.keyFile)).mode & 0o777).toBe(0o600);

    const cert = new X509Certificate(await readFile(files.certFile));
    const ca = new X509Certificate(await readFile(join(pki.caDir, "ca.pem")));
    expect(cert.subject).toContain("CN=fragment-manager:region-a.az-1.slot-1");
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkIP("::1")).toBe("::1");
    expect(cert.keyUsage).toEqual(
      expect.arrayContaining(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]), // server + client auth
    );
  });

  it("puts the hosts it is given in the certificate, and only those", async () => {
    const files = await issueCertificate({
      caDir: pki.caDir,
      dir: join(pki.dir, "issued"),
      name: "gw",
      role: "gateway",
      hosts: ["gateway.keyfrag.svc", "10.1.2.3"],
    });
    const cert = new X509Certificate(await readFile(files.certFile));
    expect(cert.subject).toContain("CN=gateway:gw");
    expect(cert.checkHost("gateway.keyfrag.svc")).toBe("gateway.keyfrag.svc");
    expect(cert.checkIP("10.1.2.3")).toBe("10.1.2.3");
    expect(cert.checkHost("localhost")).toBeUndefined();
  });

  it("refuses an unknown role or a node id that does not fit in an identity", async () => {
    const base = { caDir: pki.caDir, dir: join(pki.dir, "bad"), name: "x" };
    await expect(issueCertificate({ ...base, role: "admin" as NodeRole })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(
      issueCertificate({ ...base, role: "gateway", nodeId: "a,CN=coordinator:evil" }),
    ).rejects.toThrow(InvalidArgumentError);
  });
});

describe("identities", () => {
  it("round-trips role and node id through the certificate CN", () => {
    const cn = formatIdentity({ role: "coordinator", nodeId: "coord-1" });
    expect(cn).toBe("coordinator:coord-1");
    expect(parseIdentity(cn)).toEqual({ role: "coordinator", nodeId: "coord-1" });
  });

  it("rejects names that are not identities", () => {
    for (const cn of ["coordinator", "admin:x", "coordinator:", "gateway:-x", "gateway:a b"]) {
      expect(parseIdentity(cn), cn).toBeUndefined();
    }
  });
});
