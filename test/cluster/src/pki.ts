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
  /** Issues a certificate to files (for a service process). */
  certFiles(role: NodeRole, name: string, uris?: string[]): Promise<CertificatePaths>;
  /** TLS material of a certificate with `role` (and extra URI SANs), issued once and cached. */
  tls(role: NodeRole, name?: string, uris?: string[]): Promise<TlsMaterial>;
}

/** Creates a dev CA under `dir/ca`; certificates go to `dir/certs`. */
export async function createTestPki(dir: string): Promise<TestPki> {
  const caDir = join(dir, "ca");
  await createDevCa(caDir);
  const certFiles = async (role: NodeRole, name: string, uris?: string[]) => {
    const files = await issueCertificate({
      caDir,
      dir: join(dir, "certs"),
      name,
      role,
      ...(uris ? { uris } : {}),
    });
    return { ca: join(caDir, "ca.pem"), cert: files.certFile, key: files.keyFile };
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
  return { certFiles, tls };
}
