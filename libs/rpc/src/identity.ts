/**
 * Node identities: who is calling, as proved by the client certificate the TLS layer already
 * verified against the cluster CA. The certificate subject CN is `<role>:<nodeId>`.
 */
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

/**
 * The identity of the caller of a server call, from its verified client certificate. Throws
 * UnauthenticatedError when the call carries no verified certificate or an unknown identity.
 */
export function peerIdentity(call: IdentifiedCall): PeerIdentity {
  const certificate = call.getAuthContext().sslPeerCertificate;
  if (!certificate) throw new UnauthenticatedError("no verified client certificate");
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
