import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateIdentityKeyPair, type KeyPublic, keyIdFromName } from "@keyfrag/crypto";
import {
  createDfcClient,
  type KeyView,
  type ReplicaPort,
  type ReplicaView,
} from "@keyfrag/dfc-client";
import {
  createFragmentService,
  createFragmentStore,
  type FetchFromPeer,
  type FragmentService,
} from "@keyfrag/fragment-manager";
import { createDevCa, issueCertificate, slotIdentityUris } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Two replicas per slot, each a real fragment service with its own encrypted store; the key is
// made by a real DKG among the first replicas and copied to the second ones by catch-up.
const slots = [1, 2, 3];
const replicas = new Map<string, FragmentService>();
const ref = { keyId: keyIdFromName("/hedge/aes"), version: 1 };
let key: KeyPublic;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kf-hedge-"));
  const caDir = join(dir, "ca");
  await createDevCa(caDir);
  const caPem = await readFile(join(caDir, "ca.pem"));
  const certificates = new Map<string, Uint8Array>();
  for (const slot of slots) {
    for (const r of ["a", "b"]) {
      const store = await createFragmentStore({
        dir: join(dir, `${slot}${r}`),
        nodeKey: new Uint8Array(32).fill(slot),
      });
      const node = {
        nodeId: `fm-${slot}${r}`,
        region: "r",
        zone: r,
        slot,
        identity: generateIdentityKeyPair(),
      };
      const files = await issueCertificate({
        caDir,
        dir: join(dir, "certs"),
        name: node.nodeId,
        role: "fragment-manager",
        uris: slotIdentityUris(slot, node.identity.publicKey),
      });
      certificates.set(node.nodeId, new X509Certificate(await readFile(files.certFile)).raw);
      // In-process catch-up: the "address" is the source's node id; the recipient is this node.
      const fetchFromPeer: FetchFromPeer = async (address, req) => {
        const source = replicas.get(address) as FragmentService;
        const me = { nodeId: node.nodeId, slot, identityPublicKey: node.identity.publicKey };
        const out = await source.exportFragment(req, me);
        const peer = { nodeId: address, slot, identityPublicKey: source.node.identity.publicKey };
        return { ...out, peer };
      };
      replicas.set(node.nodeId, createFragmentService(node, store, { caPem, fetchFromPeer }));
    }
  }
  const primaries = slots.map((s) => replicas.get(`fm-${s}a`) as FragmentService);
  const participants = primaries.map((p) => ({
    slot: p.node.slot,
    identityPublicKey: p.node.identity.publicKey,
    certificate: certificates.get(p.node.nodeId) as Uint8Array,
  }));
  const round1 = primaries.map((p) =>
    p.dkgRound1({ ...ref, sessionId: "s1", suite: "ristretto255", threshold: 3, participants }),
  );
  const packages = primaries.flatMap((p) => p.dkgRound2({ sessionId: "s1", round1 }));
  const keys = await Promise.all(
    primaries.map((p) =>
      p.dkgFinish({ sessionId: "s1", packages: packages.filter((m) => m.to === p.node.slot) }),
    ),
  );
  key = keys[0] as KeyPublic;
  for (const slot of slots) {
    const target = replicas.get(`fm-${slot}b`) as FragmentService;
    await target.catchUp({ ...ref, key, pending: false, sourceAddress: `fm-${slot}a` });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const view = (): KeyView => ({
  name: "/hedge/aes",
  ...ref,
  key,
  placement: new Map(
    slots.map((s) => [
      s,
      ["a", "b"].map((r) => ({ nodeId: `fm-${s}${r}`, address: `${s}${r}`, healthy: true })),
    ]),
  ),
});

/** A ReplicaPort over the in-process services; `slow` replicas answer after `delayMs`. */
function port(slow: Set<string>, delayMs: number, asked: string[]): ReplicaPort {
  const pause = (r: ReplicaView) =>
    slow.has(r.nodeId) ? new Promise((res) => setTimeout(res, delayMs)) : Promise.resolve();
  const svc = (r: ReplicaView) => replicas.get(r.nodeId) as FragmentService;
  return {
    async evaluate(r, req) {
      asked.push(r.nodeId);
      await pause(r);
      return svc(r).evaluate({ ...req, blinded: [...req.blinded] });
    },
    async signCommit(r, req) {
      await pause(r);
      return svc(r).signCommit(req);
    },
    async signShare(r, req) {
      await pause(r);
      return svc(r).signShare(req);
    },
  };
}

describe("dfc-client hedging", () => {
  it("asks the next replica when one is slow, and answers without waiting for the slow one", async () => {
    const asked: string[] = [];
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(new Set(["fm-2a"]), 3_000, asked),
      hedgeAfterMs: 100,
      deadlineMs: 5_000,
    });
    const started = Date.now();
    const fast = await dfc.derive("/hedge/aes", [new Uint8Array([1])]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(asked).toContain("fm-2b");
    // Same output as without any slow replica.
    const plain = createDfcClient({ keys: async () => view(), port: port(new Set(), 0, []) });
    const reference = await plain.derive("/hedge/aes", [new Uint8Array([1])]);
    expect(
      Buffer.from(fast.outputs[0] as Uint8Array).equals(
        Buffer.from(reference.outputs[0] as Uint8Array),
      ),
    ).toBe(true);
  });

  it("does not hedge when every replica answers in time", async () => {
    const asked: string[] = [];
    const dfc = createDfcClient({
      keys: async () => view(),
      port: port(new Set(), 0, asked),
      hedgeAfterMs: 1_000,
    });
    await dfc.derive("/hedge/aes", [new Uint8Array([2])]);
    expect(asked.sort()).toEqual(["fm-1a", "fm-2a", "fm-3a"]);
  });
});
