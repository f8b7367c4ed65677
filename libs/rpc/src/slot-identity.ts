import { X509Certificate } from "node:crypto";
import type { ChannelCredentials, ServerUnaryCall } from "@grpc/grpc-js";
import { credentials } from "@grpc/grpc-js";
import { InvalidArgumentError, PermissionDeniedError, UnauthenticatedError } from "./errors.js";
import { issuedByClusterCa, parseIdentity } from "./identity.js";
import type { TlsMaterial } from "./tls.js";

/**
 * A fragment manager's certified identity: the cluster CA vouches, in the node's certificate,
 * for its slot and its X25519 identity key (the key protocol packages are sealed to). Anyone
 * holding the CA certificate can check it; no relay can substitute another key.
 */
export interface SlotIdentity {
  readonly nodeId: string;
  readonly slot: number;
  readonly identityPublicKey: Uint8Array;
}

const SLOT_URI = "urn:keyfrag:slot:";
const IDENTITY_URI = "urn:keyfrag:identity:";

/** The URI subject alternative names that certify a fragment manager's slot and identity key. */
export function slotIdentityUris(slot: number, identityPublicKey: Uint8Array): string[] {
  return [`${SLOT_URI}${slot}`, `${IDENTITY_URI}${Buffer.from(identityPublicKey).toString("hex")}`];
}

/** Reads a slot identity from a certificate's CN and subjectAltName text (as Node reports them). */
function slotIdentityOf(cn: unknown, subjectAltName: string | undefined): SlotIdentity | undefined {
  const id = typeof cn === "string" ? parseIdentity(cn) : undefined;
  if (id?.role !== "fragment-manager" || !subjectAltName) return undefined;
  const uris = subjectAltName
    .split(/,\s*/)
    .filter((n) => n.startsWith("URI:"))
    .map((n) => n.slice(4));
  const slots = uris.filter((u) => u.startsWith(SLOT_URI)).map((u) => u.slice(SLOT_URI.length));
  const keys = uris
    .filter((u) => u.startsWith(IDENTITY_URI))
    .map((u) => u.slice(IDENTITY_URI.length));
  if (slots.length !== 1 || keys.length !== 1) return undefined;
  const slot = Number(slots[0]);
  const key = keys[0] as string;
  if (!Number.isInteger(slot) || slot < 1 || slot > 255 || !/^[0-9a-f]{64}$/.test(key))
    return undefined;
  return { nodeId: id.nodeId, slot, identityPublicKey: new Uint8Array(Buffer.from(key, "hex")) };
}

function cnOf(subject: string): string | undefined {
  return subject
    .split("\n")
    .find((line) => line.startsWith("CN="))
    ?.slice(3);
}

/**
 * Verifies a fragment manager's certificate (DER or PEM) against the cluster CA — signature,
 * validity period, role — and returns the slot identity it certifies.
 */
export function verifySlotCertificate(
  certificate: Uint8Array | string,
  caPem: Uint8Array | string,
): SlotIdentity {
  let cert: X509Certificate;
  let ca: X509Certificate;
  try {
    cert = new X509Certificate(
      typeof certificate === "string" ? certificate : Buffer.from(certificate),
    );
    ca = new X509Certificate(typeof caPem === "string" ? caPem : Buffer.from(caPem));
  } catch (cause) {
    throw new InvalidArgumentError("not a certificate", { cause });
  }
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) {
    throw new InvalidArgumentError("certificate was not issued by the cluster CA");
  }
  const now = Date.now();
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) {
    throw new InvalidArgumentError("certificate is not valid now");
  }
  const identity = slotIdentityOf(cnOf(cert.subject), cert.subjectAltName);
  if (!identity)
    throw new InvalidArgumentError(
      "certificate does not certify a fragment manager's slot and identity key",
    );
  return identity;
}

/** The calling fragment manager's certified slot identity (its client certificate was verified by TLS). */
export function requireSlotPeer(
  call: Pick<ServerUnaryCall<unknown, unknown>, "getAuthContext" | "getPath">,
): SlotIdentity {
  const cert = call.getAuthContext().sslPeerCertificate;
  if (!cert) throw new UnauthenticatedError("no verified client certificate");
  if (!cert.raw || !issuedByClusterCa(cert.raw))
    throw new UnauthenticatedError("client certificate was not issued by the cluster CA");
  const identity = slotIdentityOf(cert.subject?.CN, cert.subjectaltname);
  if (!identity)
    throw new PermissionDeniedError(`only a certified fragment manager may call ${call.getPath()}`);
  return identity;
}

/**
 * Client credentials that accept only a server certified as a fragment manager of `slot`;
 * `onPeer` receives its certified identity once the TLS handshake checked it.
 */
export function slotPeerCredentials(
  tls: TlsMaterial,
  slot: number,
  onPeer: (peer: SlotIdentity) => void,
): ChannelCredentials {
  return credentials.createSsl(tls.ca, tls.key, tls.cert, {
    checkServerIdentity: (_host, cert) => {
      const peer = slotIdentityOf(cert.subject?.CN, cert.subjectaltname);
      if (!peer || peer.slot !== slot)
        return new Error(`peer is not a certified fragment manager of slot ${slot}`);
      onPeer(peer);
      return undefined;
    },
  });
}
