import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDevCa,
  InvalidArgumentError,
  issueCertificate,
  slotIdentityUris,
  verifySlotCertificate,
} from "../src/index.js";

let dir: string;
let caPem: Buffer;
const key = new Uint8Array(32).fill(0xab);

async function der(
  caDir: string,
  name: string,
  role: "fragment-manager" | "gateway",
  uris?: string[],
) {
  const f = await issueCertificate({
    caDir,
    dir: join(dir, "certs"),
    name,
    role,
    ...(uris ? { uris } : {}),
  });
  return new X509Certificate(await readFile(f.certFile)).raw;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-slot-id-"));
  await createDevCa(join(dir, "ca"));
  await createDevCa(join(dir, "other-ca"));
  caPem = await readFile(join(dir, "ca", "ca.pem"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("certified slot identities", () => {
  it("reads back the slot and identity key the CA certified", async () => {
    const cert = await der(join(dir, "ca"), "fm-2a", "fragment-manager", slotIdentityUris(2, key));
    const id = verifySlotCertificate(cert, caPem);
    expect(id.nodeId).toBe("fm-2a");
    expect(id.slot).toBe(2);
    expect(Buffer.from(id.identityPublicKey).equals(Buffer.from(key))).toBe(true);
  });

  it("refuses another CA's certificate, another role, and a certificate without a slot identity", async () => {
    const foreign = await der(
      join(dir, "other-ca"),
      "fm-x",
      "fragment-manager",
      slotIdentityUris(2, key),
    );
    expect(() => verifySlotCertificate(foreign, caPem)).toThrow(/not issued by the cluster CA/);
    const gateway = await der(join(dir, "ca"), "gw", "gateway", slotIdentityUris(2, key));
    expect(() => verifySlotCertificate(gateway, caPem)).toThrow(InvalidArgumentError);
    const bare = await der(join(dir, "ca"), "fm-bare", "fragment-manager");
    expect(() => verifySlotCertificate(bare, caPem)).toThrow(/does not certify/);
    expect(() => verifySlotCertificate(new Uint8Array([1, 2, 3]), caPem)).toThrow(
      /not a certificate/,
    );
  });
});
