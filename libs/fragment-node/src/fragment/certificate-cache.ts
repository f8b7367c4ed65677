import { createHash, X509Certificate } from "node:crypto";
import type { SlotIdentity } from "@keyfrag/rpc";

/** How long a verified participant certificate is taken as verified (at most). */
export const CERTIFICATE_RECHECK_MS = 60_000;
const MAX_ENTRIES = 256;

/**
 * Every ceremony names the same few participant certificates: each is verified (chain, validity,
 * role) by `verify` at most once per `recheckMs`, not once per key, and never taken as verified
 * past its own notAfter. Keyed by the certificate's digest.
 */
export function createCertificateCache(
  verify: (certificate: Uint8Array | string) => SlotIdentity,
  options: { now?: () => number; recheckMs?: number } = {},
): (certificate: Uint8Array | string) => SlotIdentity {
  const now = options.now ?? Date.now;
  const recheckMs = options.recheckMs ?? CERTIFICATE_RECHECK_MS;
  const certified = new Map<string, { identity: SlotIdentity; until: number }>();
  return (certificate) => {
    const id = createHash("sha256").update(certificate).digest("hex");
    const t = now();
    const hit = certified.get(id);
    if (hit && hit.until > t) return hit.identity;
    const identity = verify(certificate);
    const notAfter = Date.parse(
      new X509Certificate(typeof certificate === "string" ? certificate : Buffer.from(certificate))
        .validTo,
    );
    if (certified.size >= MAX_ENTRIES) certified.clear();
    certified.set(id, { identity, until: Math.min(t + recheckMs, notAfter) });
    return identity;
  };
}
