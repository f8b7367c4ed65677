/**
 * Node identities: who is calling, as proved by a client certificate issued by the cluster CA.
 * The certificate subject CN is `<role>:<nodeId>`.
 *
 * A listener may trust more CAs than the cluster's (the gateway's public one also accepts
 * certificates of a user CA, for certificate logins), and such a CA can write any CN. So a
 * node role is read only from a certificate that chains to a cluster CA: one this process
 * serves cluster-only listeners with (`serverCredentials`, which calls `trustClusterCa`).
 */
import { X509Certificate } from "node:crypto";
import type { ServerUnaryCall } from "@grpc/grpc-js";
import { InvalidArgumentError, PermissionDeniedError, UnauthenticatedError } from "./errors.js";

/** Every kind of node that holds a cluster certificate. */
export const NODE_ROLES = [
  "coordinator",
  "gateway",
  "fragment-manager",
  "client",
  "auth",
  "policy",
  "secrets",
  "producers",
  "audit",
] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

/** The verified identity of a peer. */
export interface PeerIdentity {
  role: NodeRole;
  nodeId: string;
}

/** The parts of a server call that identity checks read (any grpc-js server call has them). */
export type IdentifiedCall = Pick<ServerUnaryCall<unknown, unknown>, "getAuthContext" | "getPath">;

// Node ids land in certificate subjects, logs and topology records: keep them plain.
const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The role named by `value`, or undefined when it is not one. */
export function parseNodeRole(value: string): NodeRole | undefined {
  return (NODE_ROLES as readonly string[]).includes(value) ? (value as NodeRole) : undefined;
}

/** The certificate CN for an identity: `<role>:<nodeId>`. */
export function formatIdentity(identity: PeerIdentity): string {
  if (!parseNodeRole(identity.role)) {
    throw new InvalidArgumentError(`unknown node role ${JSON.stringify(identity.role)}`);
  }
  if (!NODE_ID.test(identity.nodeId)) {
    throw new InvalidArgumentError(
      `node id ${JSON.stringify(identity.nodeId)} must be 1-128 of A-Z a-z 0-9 . _ - (not starting with . _ -)`,
    );
  }
  return `${identity.role}:${identity.nodeId}`;
}

/** Parses a certificate CN written by `formatIdentity`; undefined when it is not one. */
export function parseIdentity(commonName: string): PeerIdentity | undefined {
  const colon = commonName.indexOf(":");
  if (colon < 0) return undefined;
  const role = parseNodeRole(commonName.slice(0, colon));
  const nodeId = commonName.slice(colon + 1);
  if (!role || !NODE_ID.test(nodeId)) return undefined;
  return { role, nodeId };
}

/** Cluster CA certificates of this process, by fingerprint. */
const clusterCas = new Map<string, X509Certificate>();
/** Peer certificates already checked against them (DER as base64 → issued by a cluster CA). */
const checkedPeers = new Map<string, boolean>();
const CHECKED_PEERS_MAX = 4_096;

/**
 * Records `caPem` (one or more PEM certificates) as a cluster CA: certificates it issued are
 * node identities. Called for every listener that requires cluster certificates.
 */
export function trustClusterCa(caPem: Buffer | string): void {
  const text = typeof caPem === "string" ? caPem : caPem.toString("utf8");
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  for (const block of blocks) {
    const ca = new X509Certificate(block);
    if (clusterCas.has(ca.fingerprint256)) continue;
    clusterCas.set(ca.fingerprint256, ca);
    checkedPeers.clear();
  }
}

/** Whether a certificate (DER) was issued and signed by a cluster CA of this process. */
export function issuedByClusterCa(der: Buffer): boolean {
  const id = der.toString("base64");
  const known = checkedPeers.get(id);
  if (known !== undefined) return known;
  let issued = false;
  try {
    const cert = new X509Certificate(der);
    for (const ca of clusterCas.values()) {
      if (cert.checkIssued(ca) && cert.verify(ca.publicKey)) {
        issued = true;
        break;
      }
    }
  } catch {
    issued = false;
  }
  // Bounded: a listener open to a user CA must not let callers grow this without limit.
  if (checkedPeers.size >= CHECKED_PEERS_MAX) checkedPeers.clear();
  checkedPeers.set(id, issued);
  return issued;
}

/**
 * The identity of the caller of a server call, from its verified client certificate. Throws
 * UnauthenticatedError when the call carries no verified certificate, one no cluster CA
 * issued, or an unknown identity.
 */
export function peerIdentity(call: IdentifiedCall): PeerIdentity {
  const certificate = call.getAuthContext().sslPeerCertificate;
  if (!certificate) throw new UnauthenticatedError("no verified client certificate");
  if (!certificate.raw || !issuedByClusterCa(certificate.raw)) {
    throw new UnauthenticatedError("client certificate was not issued by the cluster CA");
  }
  // Node reports a repeated attribute as an array; an identity must be exactly one CN.
  const cn: unknown = certificate.subject?.CN;
  const identity = typeof cn === "string" ? parseIdentity(cn) : undefined;
  if (!identity) {
    throw new UnauthenticatedError("client certificate does not name a keyfrag node identity");
  }
  return identity;
}

/**
 * The caller's identity when its role is one of `roles`; otherwise PermissionDeniedError
 * (or UnauthenticatedError when it has no identity at all).
 */
export function requireRole(call: IdentifiedCall, roles: readonly NodeRole[]): PeerIdentity {
  const identity = peerIdentity(call);
  if (!roles.includes(identity.role)) {
    throw new PermissionDeniedError(`${identity.role} may not call ${call.getPath()}`);
  }
  return identity;
}
