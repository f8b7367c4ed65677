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
import { LoginDenied } from "./login-denied.js";

const MAX_CHAIN = 5;

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

/** Subject attributes by name (the first value of each). */
function subjectAttributes(cert: X509Certificate): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const line of cert.subject.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0 && !attrs.has(line.slice(0, eq))) attrs.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return attrs;
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
    const ca = cas.find((c) => issuedBy(current, c));
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
  const attrs = subjectAttributes(leaf);
  const cn = attrs.get("CN");
  if (!cn) throw new LoginDenied("client certificate has no common name");
  if (method.bound_common_names.length && !method.bound_common_names.includes(cn)) {
    throw new LoginDenied("common name not allowed", `common name ${cn} not bound`);
  }
  const claims: SubClaims = { common_name: [cn] };
  const ou = attrs.get("OU");
  const o = attrs.get("O");
  if (ou) claims.organizational_unit = [ou];
  if (o) claims.organization = [o];
  return claims;
}
