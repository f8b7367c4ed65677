import { createPrivateKey, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevCa, issueCertificate, slotIdentityUris } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Heartbeat, openHeartbeat, signHeartbeat } from "./heartbeat.js";

describe("signed heartbeats", () => {
  let dir: string;
  let caPem: Buffer;
  let otherCaPem: Buffer;
  const identity = randomBytes(32);
  const node = async (caDir: string, name: string, slot = 1) => {
    const files = await issueCertificate({
      caDir,
      dir: join(dir, "certs", name),
      name,
      role: "fragment-manager",
      uris: slotIdentityUris(slot, identity),
    });
    const pem = await readFile(files.certFile, "utf8");
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
    return { certificate: der.toString("base64"), key: await readFile(files.keyFile) };
  };
  const heartbeat = (certificate: string, over: Partial<Heartbeat> = {}): Heartbeat => ({
    nodeId: "fm-1a",
    region: "region-a",
    zone: "az-1",
    slot: 1,
    address: "10.0.0.1:7000",
    identityPublicKey: identity.toString("hex"),
    certificate,
    keys: [],
    sentAt: Date.now(),
    ...over,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-heartbeat-"));
    await createDevCa(join(dir, "ca"));
    await createDevCa(join(dir, "other-ca"));
    caPem = await readFile(join(dir, "ca", "ca.pem"));
    otherCaPem = await readFile(join(dir, "other-ca", "ca.pem"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("opens a heartbeat the node signed with its certificate's key", async () => {
    const fm = await node(join(dir, "ca"), "fm-1a");
    const hb = heartbeat(fm.certificate, { customer: true });
    expect(openHeartbeat(signHeartbeat(hb, fm.key), { caPem })).toEqual(hb);
  });

  it("refuses a heartbeat changed after signing (address, customer flag)", async () => {
    const fm = await node(join(dir, "ca"), "fm-1a");
    const signed = signHeartbeat(heartbeat(fm.certificate), fm.key);
    const moved = { ...JSON.parse(signed.heartbeat), address: "10.6.6.6:1", customer: true };
    expect(() => openHeartbeat({ ...signed, heartbeat: JSON.stringify(moved) }, { caPem })).toThrow(
      /bad signature/,
    );
  });

  it("refuses a heartbeat for another node, slot or identity key than its certificate's", async () => {
    const fm = await node(join(dir, "ca"), "fm-1a");
    for (const over of [
      { nodeId: "fm-1z" },
      { slot: 2 },
      { identityPublicKey: "00".repeat(32) },
    ] satisfies Partial<Heartbeat>[]) {
      const signed = signHeartbeat(heartbeat(fm.certificate, over), fm.key);
      expect(() => openHeartbeat(signed, { caPem })).toThrow(/does not match/);
    }
  });

  it("refuses a heartbeat whose certificate another CA issued, and a stale one", async () => {
    const stranger = await node(join(dir, "other-ca"), "fm-1a");
    expect(() =>
      openHeartbeat(signHeartbeat(heartbeat(stranger.certificate), stranger.key), { caPem }),
    ).toThrow(/cluster CA/);
    expect(otherCaPem.equals(caPem)).toBe(false);
    const fm = await node(join(dir, "ca"), "fm-1a");
    const old = signHeartbeat(heartbeat(fm.certificate, { sentAt: Date.now() - 120_000 }), fm.key);
    expect(() => openHeartbeat(old, { caPem })).toThrow(/too long ago/);
  });

  it("checks every heartbeat after the first with the certificate verified once: still per CA, still signed", async () => {
    const fm = await node(join(dir, "ca"), "fm-1a");
    const key = createPrivateKey(fm.key);
    const hb = heartbeat(fm.certificate);
    // The same certificate over and over (what a node sends), signed with a parsed key too.
    for (let i = 0; i < 3; i++) {
      expect(
        openHeartbeat(signHeartbeat({ ...hb, sentAt: hb.sentAt + i }, key), { caPem }),
      ).toEqual({ ...hb, sentAt: hb.sentAt + i });
    }
    // Verified against one CA is not verified against another.
    expect(() => openHeartbeat(signHeartbeat(hb, key), { caPem: otherCaPem })).toThrow(
      /cluster CA/,
    );
    // A cached certificate proves nothing about a signature: a changed heartbeat still fails,
    // and so does one signed by another key with the same certificate.
    const signed = signHeartbeat(hb, key);
    const moved = { ...JSON.parse(signed.heartbeat), address: "10.6.6.6:1" };
    expect(() => openHeartbeat({ ...signed, heartbeat: JSON.stringify(moved) }, { caPem })).toThrow(
      /bad signature/,
    );
    const other = await node(join(dir, "ca"), "fm-1a");
    expect(() => openHeartbeat(signHeartbeat(hb, other.key), { caPem })).toThrow(/bad signature/);
  });
});
