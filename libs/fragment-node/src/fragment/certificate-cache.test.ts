import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevCa, type SlotIdentity } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCertificateCache } from "./certificate-cache.js";

const DAY_MS = 86_400_000;
const BACKDATE_MS = 5 * 60_000; // createDevCa backdates notBefore by five minutes
let dir: string;
let pem: string;
let notAfter: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-cert-cache-"));
  // A real certificate whose validity ends 30 s from now.
  const files = await createDevCa(dir, { validDays: (BACKDATE_MS + 30_000) / DAY_MS });
  pem = await readFile(files.certFile, "utf8");
  notAfter = Date.parse(new X509Certificate(pem).validTo);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("participant certificate cache", () => {
  const identity = { nodeId: "fm-1a", slot: 1, identityPublicKey: new Uint8Array(32) };

  it("verifies a certificate once per recheck period", () => {
    let calls = 0;
    let t = notAfter - 25_000;
    const check = createCertificateCache(
      () => {
        calls++;
        return identity as unknown as SlotIdentity;
      },
      { now: () => t, recheckMs: 10_000 },
    );
    check(pem);
    t += 9_000;
    check(pem);
    expect(calls).toBe(1);
    t += 2_000;
    check(pem);
    expect(calls).toBe(2);
  });

  it("never takes a certificate as verified past its notAfter, whatever the recheck period", () => {
    let calls = 0;
    let t = notAfter - 1_000;
    const check = createCertificateCache(
      () => {
        calls++;
        if (t > notAfter) throw new Error("certificate is not valid now");
        return identity as unknown as SlotIdentity;
      },
      { now: () => t, recheckMs: 60_000 },
    );
    check(pem);
    t = notAfter + 1_000;
    expect(() => check(pem)).toThrow(/not valid now/);
    expect(calls).toBe(2);
  });
});
