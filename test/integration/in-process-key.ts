import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  generateIdentityKeyPair,
  type KeyPublic,
  keyIdFromName,
  type Suite,
} from "@keyfrag/crypto";
import {
  createFragmentService,
  createFragmentStore,
  type FetchFromPeer,
  type FragmentService,
  type NonceStock,
  openNonceStock,
} from "@keyfrag/fragment-node";
import {
  type CertifiedParticipant,
  createDevCa,
  issueCertificate,
  slotIdentityUris,
} from "@keyfrag/rpc";

/**
 * Real fragment services wired in-process (no network): two replicas per slot (`fm-<slot>a`,
 * `fm-<slot>b`), each with its own encrypted store and a certificate of a fresh CA. The key is
 * made by a real DKG among the `a` replicas and copied to the `b` ones by catch-up.
 */
export interface InProcessKey extends AsyncDisposable {
  readonly slots: readonly number[];
  readonly replicas: ReadonlyMap<string, FragmentService>;
  readonly ref: { keyId: Uint8Array; version: number };
  readonly key: KeyPublic;
  readonly participants: CertifiedParticipant[];
}

export async function inProcessKey(
  name: string,
  slots: readonly number[] = [1, 2, 3],
  suite: Suite = "ristretto255",
): Promise<InProcessKey> {
  const dir = await mkdtemp(join(tmpdir(), "kf-in-process-"));
  const caDir = join(dir, "ca");
  await createDevCa(caDir);
  const caPem = await readFile(join(caDir, "ca.pem"));
  const replicas = new Map<string, FragmentService>();
  const stocks: NonceStock[] = [];
  const certificates = new Map<string, Uint8Array>();
  for (const slot of slots) {
    // Both replicas' identity keys first: each pins the other's as its slot peer.
    const identities = { a: generateIdentityKeyPair(), b: generateIdentityKeyPair() };
    const slotPeers = [identities.a.publicKey, identities.b.publicKey];
    for (const r of ["a", "b"] as const) {
      const store = await createFragmentStore({
        dir: join(dir, `${slot}${r}`),
        nodeKey: new Uint8Array(32).fill(slot),
      });
      const node = {
        nodeId: `fm-${slot}${r}`,
        region: "r",
        zone: r,
        slot,
        identity: identities[r],
      };
      const files = await issueCertificate({
        caDir,
        dir: join(dir, "certs"),
        name: node.nodeId,
        role: "fragment-manager",
        uris: slotIdentityUris(slot, node.identity.publicKey),
      });
      certificates.set(node.nodeId, new X509Certificate(await readFile(files.certFile)).raw);
      // The "address" is the source's node id; the recipient is this node, as its certificate says.
      const fetchFromPeer: FetchFromPeer = async (address, req) => {
        const source = replicas.get(address) as FragmentService;
        const me = { nodeId: node.nodeId, slot, identityPublicKey: node.identity.publicKey };
        const out = await source.exportFragment(req, me);
        return {
          ...out,
          peer: { nodeId: address, slot, identityPublicKey: source.node.identity.publicKey },
        };
      };
      const nonceStock = await openNonceStock({
        dir: join(dir, `${slot}${r}`),
        nodeKey: new Uint8Array(32).fill(slot),
      });
      stocks.push(nonceStock);
      replicas.set(
        node.nodeId,
        createFragmentService(node, store, { caPem, fetchFromPeer, slotPeers, nonceStock }),
      );
    }
  }
  const ref = { keyId: keyIdFromName(name), version: 1 };
  const primaries = slots.map((s) => replicas.get(`fm-${s}a`) as FragmentService);
  const participants = primaries.map((p) => ({
    slot: p.node.slot,
    identityPublicKey: p.node.identity.publicKey,
    certificate: certificates.get(p.node.nodeId) as Uint8Array,
  }));
  const round1 = primaries.map((p) =>
    p.dkgRound1({
      ...ref,
      sessionId: "s1",
      suite,
      threshold: slots.length,
      participants,
    }),
  );
  const packages = primaries.flatMap((p) => p.dkgRound2({ sessionId: "s1", round1 }));
  const keys = await Promise.all(
    primaries.map((p) =>
      p.dkgFinish({ sessionId: "s1", packages: packages.filter((m) => m.to === p.node.slot) }),
    ),
  );
  const key = keys[0] as KeyPublic;
  for (const slot of slots) {
    await replicas
      .get(`fm-${slot}b`)
      ?.catchUp({ ...ref, key, pending: false, sourceAddress: `fm-${slot}a` });
  }
  return {
    slots,
    replicas,
    ref,
    key,
    participants,
    async [Symbol.asyncDispose]() {
      for (const r of replicas.values()) r.close();
      for (const s of stocks) await s.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
