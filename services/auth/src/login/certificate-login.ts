/**
 * Client-certificate logins. The auth service never sees the TLS handshake of the end user:
 * the gateway terminates it, verifies possession of the private key there, and forwards the
 * peer certificate it verified. So a certificate is only accepted from a gateway caller (the
 * gateway's mTLS identity is the attestation), and here it is checked against the method's CAs.
 */
import { X509Certificate } from "node:crypto";
import type { SubClaims } from "@keyfrag/auth-client";
import type { CertificateConfig } from "../methods/method-types.js";
import { parseCertificates } from "../methods/method-validation.js";
import { emptySubClaims } from "./login-claims.js";
import { LoginDenied } from "./login-denied.js";

const MAX_CHAIN = 5;
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

/** Parses DER, or PEM with the leaf first and any intermediates after it. */
function parsePresented(bytes: Buffer): X509Certificate[] {
  try {
    const text = bytes.toString("latin1");
    if (text.includes("-----BEGIN CERTIFICATE-----")) {
      return parseCertificates(text, "client_certificate");
    }
    return [new X509Certificate(bytes)];
  } catch {
    throw new LoginDenied("client certificate does not parse");
  }
}

function withinValidity(cert: X509Certificate, now: number): boolean {
  return Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return child.checkIssued(parent) && child.verify(parent.publicKey);
}

/**
 * Every value of a subject attribute. Read from the parsed name (the legacy object), not from
 * `subject`, whose one-line-per-attribute text is ambiguous for multi-valued RDNs and escapes.
 */
function subjectValues(cert: X509Certificate, attribute: string): string[] {
  const subject = (cert.toLegacyObject().subject ?? {}) as unknown as Record<string, unknown>;
  if (!Object.hasOwn(subject, attribute)) return [];
  const value = subject[attribute];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === "string" && v.length > 0);
}

/** Sub-claims of a certificate that chains to the method's CAs; LoginDenied otherwise. */
export function certificateLogin(method: CertificateConfig, presented: Buffer): SubClaims {
  const [leaf, ...intermediates] = parsePresented(presented);
  if (!leaf) throw new LoginDenied("client certificate does not parse");
  const cas = parseCertificates(method.ca_certificates, "ca_certificates");
  const now = Date.now();
  if (!withinValidity(leaf, now)) {
    throw new LoginDenied("client certificate expired or not yet valid");
  }
  let current = leaf;
  let chained = false;
  for (let depth = 0; depth < MAX_CHAIN && !chained; depth++) {
    // Only CA certificates may issue: a leaf of the trusted CA must not sign further leaves.
    const ca = cas.find((c) => c.ca && issuedBy(current, c));
    if (ca) {
      if (!withinValidity(ca, now)) throw new LoginDenied("CA certificate expired");
      chained = true;
      break;
    }
    const next = intermediates.find((c) => c.ca && c !== current && issuedBy(current, c));
    if (!next) break;
    if (!withinValidity(next, now)) {
      throw new LoginDenied("intermediate certificate expired or not yet valid");
    }
    current = next;
  }
  if (!chained) throw new LoginDenied("client certificate not issued by a trusted CA");
  if (leaf.ca) throw new LoginDenied("a CA certificate is not a client certificate");
  // Node names the extended key usages `keyUsage`; absent means the certificate is unrestricted.
  const extendedKeyUsage = leaf.keyUsage;
  if (extendedKeyUsage && !extendedKeyUsage.includes(CLIENT_AUTH)) {
    throw new LoginDenied("client certificate is not for client authentication");
  }
  const cns = subjectValues(leaf, "CN");
  if (cns.length > 1) throw new LoginDenied("client certificate has more than one common name");
  const [cn] = cns;
  if (!cn) throw new LoginDenied("client certificate has no common name");
  if (method.bound_common_names.length && !method.bound_common_names.includes(cn)) {
    throw new LoginDenied("common name not allowed", `common name ${cn} not bound`);
  }
  const claims = emptySubClaims();
  claims.common_name = [cn];
  const ou = subjectValues(leaf, "OU");
  const o = subjectValues(leaf, "O");
  if (ou.length) claims.organizational_unit = ou;
  if (o.length) claims.organization = o;
  return claims;
}
