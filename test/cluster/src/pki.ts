import { join } from "node:path";
import {
  createDevCa,
  issueCertificate,
  loadTlsFiles,
  type NodeRole,
  type TlsMaterial,
} from "@keyfrag/rpc";

/** Paths of one issued certificate, as services take them (KF_TLS_CA/CERT/KEY). */
export interface CertificatePaths {
  ca: string;
  cert: string;
  key: string;
}

/** A dev CA in a test's folder, and the certificates issued by it. */
export interface TestPki {
  /** The CA certificate (KF_TLS_CA). */
  readonly caFile: string;
  /** Issues a certificate to files (for a service process). */
  certFiles(role: NodeRole, name: string, uris?: string[]): Promise<CertificatePaths>;
  /** TLS material of a certificate with `role` (and extra URI SANs), issued once and cached. */
  tls(role: NodeRole, name?: string, uris?: string[]): Promise<TlsMaterial>;
}

/**
 * Creates a dev CA under `dir/ca` (or `caDir`); certificates go to `dir/certs` (or `certDir`).
 * A test cluster keeps both where the local cluster does (`localPaths(home).pki`).
 */
export async function createTestPki(
  dir: string,
  {
    caDir = join(dir, "ca"),
    certDir = join(dir, "certs"),
  }: { caDir?: string; certDir?: string } = {},
): Promise<TestPki> {
  await createDevCa(caDir);
  const caFile = join(caDir, "ca.pem");
  const certFiles = async (role: NodeRole, name: string, uris?: string[]) => {
    const files = await issueCertificate({
      caDir,
      dir: certDir,
      name,
      role,
      ...(uris ? { uris } : {}),
    });
    return { ca: caFile, cert: files.certFile, key: files.keyFile };
  };
  // Cached as promises: concurrent callers asking for the same certificate share one issue.
  const certs = new Map<string, Promise<TlsMaterial>>();
  const tls = (role: NodeRole, name = `${role}-test`, uris?: string[]): Promise<TlsMaterial> => {
    const id = `${role}/${name}`;
    let t = certs.get(id);
    if (!t) {
      t = certFiles(role, name, uris).then((f) =>
        loadTlsFiles({ caFile: f.ca, certFile: f.cert, keyFile: f.key }),
      );
      certs.set(id, t);
    }
    return t;
  };
  return { caFile, certFiles, tls };
}
