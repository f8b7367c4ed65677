/**
 * Fragment-node heartbeats, signed. NATS is not trusted: anyone who can publish on it could
 * otherwise announce a node at an address of their choosing, claim epochs it does not hold, or
 * flag a slot as a customer slot. A heartbeat is signed with the TLS key of the node's
 * certificate, which travels with it; a consumer checks the certificate against the cluster CA
 * (slot, identity key, node id) and the signature, and drops stale or replayed ones.
 */
import { createHash, type KeyObject, sign, verify, X509Certificate } from "node:crypto";
import { InvalidArgumentError, type SlotIdentity, verifySlotCertificate } from "@keyfrag/rpc";
import { z } from "zod";

const hexBytes = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** What a node holds of one key version: its current epoch and, during a refresh, the prepared one. */
export const HeldKeySchema = z.object({
  keyId: hexBytes(16),
  version: z.number().int().min(1),
  epoch: z.number().int().min(0),
  /** keyPublicDigest (hex) of the current epoch's public data. */
  digest: hexBytes(32),
  pendingEpoch: z.number().int().min(0).optional(),
  pendingDigest: hexBytes(32).optional(),
});
export type HeldKey = z.infer<typeof HeldKeySchema>;

/**
 * A node's held key versions are split into this many sets by the first byte of the key id; a
 * heartbeat carries one digest per non-empty set, so its size does not grow with the number of
 * keys, and the coordinator asks the node (FragmentManager.HeldKeys) only for the sets whose
 * digest changed.
 */
export const HELD_KEY_SETS = 64;

/** The held-key set a key version belongs to (its key id's first byte, modulo HELD_KEY_SETS). */
export function heldKeySetOf(keyIdHex: string): number {
  return Number.parseInt(keyIdHex.slice(0, 2), 16) % HELD_KEY_SETS;
}

const byKeyVersion = (a: HeldKey, b: HeldKey) =>
  a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : a.version - b.version;

/**
 * The digest (SHA-256, hex) of one held-key set: one line per key version, by key id and
 * version, with its epochs and their public-data digests. What a heartbeat announces and what
 * the coordinator recomputes over a node's HeldKeys answer before it believes it.
 */
export function heldKeySetDigest(keys: readonly HeldKey[]): string {
  const hash = createHash("sha256");
  for (const k of [...keys].sort(byKeyVersion)) {
    hash.update(
      `${k.keyId}/v${k.version} ${k.epoch} ${k.digest} ${k.pendingEpoch ?? "-"} ${k.pendingDigest ?? "-"}\n`,
    );
  }
  return hash.digest("hex");
}

/** The digest of a set that holds nothing (a heartbeat leaves such sets out). */
export const EMPTY_HELD_KEY_SET = heldKeySetDigest([]);

/** A fragment manager's heartbeat: where it is, how to reach it, and a digest of what it holds. */
export const HeartbeatSchema = z.object({
  nodeId: z.string().min(1),
  region: z.string().min(1),
  zone: z.string().min(1),
  slot: z.number().int().min(1).max(255),
  address: z.string().min(1),
  identityPublicKey: hexBytes(32),
  /** The node's certificate (DER, base64): the cluster CA certifies its slot and identity key in it. */
  certificate: z.string().min(1),
  /**
   * Every non-empty held-key set: its number, how many key versions it holds and its
   * heldKeySetDigest. A set not listed holds nothing.
   */
  keySets: z
    .array(
      z.object({
        set: z
          .number()
          .int()
          .min(0)
          .max(HELD_KEY_SETS - 1),
        count: z.number().int().min(1),
        digest: hexBytes(32),
      }),
    )
    .max(HELD_KEY_SETS)
    .optional(),
  /**
   * Every key version held, listed in full: what nodes sent before keySets (kept readable so a
   * coordinator can be updated before its fragment managers). A heartbeat with keySets leaves
   * it out.
   */
  keys: z.array(HeldKeySchema).optional(),
  /**
   * Set by a gateway's customer fragment: its slot is kept out of ordinary keys. Only the node's
   * claim (any fragment-manager certificate can sign it): the coordinator believes it only for a
   * slot its KF_CUSTOMER_SLOTS names, and refuses a heartbeat where the two disagree.
   */
  customer: z.boolean().optional(),
  sentAt: z.number().int(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** What goes on the wire: the heartbeat's JSON text, and the node's signature over it. */
export const SignedHeartbeatSchema = z.object({
  heartbeat: z
    .string()
    .min(1)
    .max(4 * 1024 * 1024),
  /** base64 signature (the certificate key's algorithm, SHA-256) over `SIGNED_PREFIX + heartbeat`. */
  signature: z.string().min(1).max(1024),
});
export type SignedHeartbeat = z.infer<typeof SignedHeartbeatSchema>;

// Domain separation: a node's TLS key signs nothing else that could pass for a heartbeat.
const SIGNED_PREFIX = "keyfrag heartbeat v1\n";

/**
 * Signs `heartbeat` with the private key of the certificate it carries (PEM, or a KeyObject: a
 * node that signs every few hundred ms parses its key once, not at every heartbeat).
 */
export function signHeartbeat(
  heartbeat: Heartbeat,
  tlsKeyPem: Buffer | string | KeyObject,
): SignedHeartbeat {
  const text = JSON.stringify(heartbeat);
  const signature = sign("sha256", Buffer.from(SIGNED_PREFIX + text), tlsKeyPem);
  return { heartbeat: text, signature: signature.toString("base64") };
}

export interface OpenHeartbeatOptions {
  /** The cluster CA (PEM) the certificate must chain to. */
  caPem: Buffer | string;
  /** How far `sentAt` may be from now, either way (default 60 s). */
  maxSkewMs?: number;
  now?: () => number;
}

/**
 * The heartbeat inside `signed`, once its certificate (cluster CA, role fragment-manager, the
 * same node id, slot and identity key as the heartbeat) and signature check out and it is
 * recent. Throws InvalidArgumentError otherwise.
 */
export function openHeartbeat(signed: SignedHeartbeat, options: OpenHeartbeatOptions): Heartbeat {
  let parsed: unknown;
  try {
    parsed = JSON.parse(signed.heartbeat);
  } catch {
    throw new InvalidArgumentError("heartbeat is not JSON");
  }
  const hb = HeartbeatSchema.parse(parsed);
  const { identity: certified, publicKey } = certifiedSender(hb.certificate, options.caPem);
  if (
    certified.nodeId !== hb.nodeId ||
    certified.slot !== hb.slot ||
    Buffer.from(certified.identityPublicKey).toString("hex") !== hb.identityPublicKey
  ) {
    throw new InvalidArgumentError(
      `heartbeat of ${hb.nodeId} (slot ${hb.slot}) does not match the node, slot and identity key its certificate certifies`,
    );
  }
  const ok = verify(
    "sha256",
    Buffer.from(SIGNED_PREFIX + signed.heartbeat),
    publicKey,
    Buffer.from(signed.signature, "base64"),
  );
  if (!ok) throw new InvalidArgumentError(`heartbeat of ${hb.nodeId}: bad signature`);
  const now = (options.now ?? Date.now)();
  const maxSkewMs = options.maxSkewMs ?? 60_000;
  if (Math.abs(now - hb.sentAt) > maxSkewMs) {
    throw new InvalidArgumentError(`heartbeat of ${hb.nodeId}: sent too long ago (or ahead)`);
  }
  return hb;
}

/** How long a heartbeat certificate, once verified, is taken as verified (at most). */
const CERTIFICATE_RECHECK_MS = 60_000;
const CERTIFIED_MAX = 1024;
/** Verified heartbeat certificates: by CA digest and certificate (base64 DER). */
const certifiedSenders = new Map<
  string,
  { identity: SlotIdentity; publicKey: KeyObject; until: number }
>();

/**
 * The slot identity and public key a heartbeat's certificate certifies. Every node sends the
 * same certificate with each heartbeat, several times a second: its chain, validity and role are
 * verified (verifySlotCertificate) at most once per CERTIFICATE_RECHECK_MS, never taken as
 * verified past its notAfter, and only for the CA it was verified against.
 */
function certifiedSender(
  certificate: string,
  caPem: Buffer | string,
): { identity: SlotIdentity; publicKey: KeyObject } {
  const id = `${createHash("sha256").update(caPem).digest("hex")}:${certificate}`;
  const t = Date.now();
  const hit = certifiedSenders.get(id);
  if (hit && hit.until > t) return hit;
  certifiedSenders.delete(id);
  const der = Buffer.from(certificate, "base64");
  const identity = verifySlotCertificate(der, caPem);
  const cert = new X509Certificate(der);
  const entry = {
    identity,
    publicKey: cert.publicKey,
    until: Math.min(t + CERTIFICATE_RECHECK_MS, Date.parse(cert.validTo)),
  };
  // Bounded: whoever can publish on NATS must not grow it without limit (only certificates the
  // CA issued get here, but keep it small all the same).
  if (certifiedSenders.size >= CERTIFIED_MAX) certifiedSenders.clear();
  certifiedSenders.set(id, entry);
  return entry;
}
