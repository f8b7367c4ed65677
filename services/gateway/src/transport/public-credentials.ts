/**
 * The public listener's TLS: the gateway's cluster certificate, with client certificates asked
 * for but not required. `ServerCredentials.createSsl(ca, pairs, true)` would make Node reject
 * every client without one (rejectUnauthorized defaults to true once requestCert is set), and
 * with `false` it never asks for one, so certificate logins would be impossible. The
 * certificate-provider credentials set requestCert with rejectUnauthorized=false: a client may
 * present no certificate; one that presents a certificate chaining to a trusted CA is
 * "authorized" and shows up in `call.getAuthContext().sslPeerCertificate`; one that does not
 * chain shows up as no certificate at all.
 */
import { experimental, type ServerCredentials } from "@grpc/grpc-js";
import type { TlsMaterial } from "@keyfrag/rpc";

type Provider = experimental.CertificateProvider;

/** Server credentials that accept clients with or without a certificate (see above). */
export function publicServerCredentials(
  tls: TlsMaterial,
  extraClientCas?: Buffer,
): ServerCredentials {
  const ca = extraClientCas ? Buffer.concat([tls.ca, Buffer.from("\n"), extraClientCas]) : tls.ca;
  // One static provider for both roles: grpc-js's factory names its two provider parameters in
  // the opposite order to the constructor it calls, and a provider serving both is immune to that.
  // Listeners are answered asynchronously, as grpc-js's own file-watching provider does: the
  // credentials register the server's watcher only after adding their listeners, so a
  // synchronous answer would reach no watcher and the server would drop every connection.
  const provider: Provider = {
    addCaCertificateListener: (listener) => queueMicrotask(() => listener({ caCertificate: ca })),
    removeCaCertificateListener: () => {},
    addIdentityCertificateListener: (listener) =>
      queueMicrotask(() => listener({ certificate: tls.cert, privateKey: tls.key })),
    removeIdentityCertificateListener: () => {},
  };
  return experimental.createCertificateProviderServerCredentials(provider, provider, false);
}
