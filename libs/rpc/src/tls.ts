/**
 * Cluster mTLS: a dev CA, node certificates that carry the node's identity, and gRPC
 * credentials that require a CA-signed certificate on both ends.
 */
// @peculiar/x509 resolves its algorithm registry through tsyringe, which needs the Reflect
// metadata polyfill loaded first.
import "reflect-metadata";
import { randomBytes, webcrypto } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { checkServerIdentity } from "node:tls";
import { type ChannelCredentials, credentials, ServerCredentials } from "@grpc/grpc-js";
import * as x509 from "@peculiar/x509";
import { InvalidArgumentError } from "./errors.js";
import {
  formatIdentity,
  type NodeRole,
  parseIdentity,
  parseNodeRole,
  trustClusterCa,
} from "./identity.js";

const EC_KEY = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;
// Tolerate clocks a little behind the issuer's.
const BACKDATE_MS = 5 * 60_000;

/** Where a certificate and its private key were written. */
export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

export interface DevCaOptions {
  /** Subject CN of the CA (default "keyfrag dev CA"). */
  commonName?: string;
  validDays?: number;
}

/** Creates a cluster CA in `dir`: `ca.pem` and `ca-key.pem` (mode 0600). Overwrites. */
export async function createDevCa(
  dir: string,
  options: DevCaOptions = {},
): Promise<CertificateFiles> {
  const keys = await generateKeyPair();
  const notBefore = new Date(Date.now() - BACKDATE_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ CN: [options.commonName ?? "keyfrag dev CA"] }, { O: ["keyfrag"] }],
    notBefore,
    notAfter: new Date(notBefore.getTime() + (options.validDays ?? 3650) * DAY_MS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await mkdir(dir, { recursive: true });
  const files = { certFile: join(dir, "ca.pem"), keyFile: join(dir, "ca-key.pem") };
  await writePrivateKey(files.keyFile, keys.privateKey);
  await writeFile(files.certFile, `${cert.toString("pem")}\n`, { mode: 0o644 });
  return files;
}

export interface IssueCertificateOptions {
  /** Folder holding the CA made by `createDevCa` (`ca.pem`, `ca-key.pem`). */
  caDir: string;
  /** Folder to write `<name>.pem` and `<name>-key.pem` into. */
  dir: string;
  /** File name stem. */
  name: string;
  role: NodeRole;
  /** The node id in the identity `<role>:<nodeId>` (default: `name`). */
  nodeId?: string;
  /** DNS names and IP addresses the node answers on (default localhost, 127.0.0.1, ::1). */
  hosts?: readonly string[];
  /** Extra URI subject alternative names, e.g. a fragment manager's slot identity (`slotIdentityUris`). */
  uris?: readonly string[];
  validDays?: number;
}

const DEFAULT_HOSTS = ["localhost", "127.0.0.1", "::1"] as const;

/**
 * Issues a node certificate signed by the CA in `caDir`. The subject CN is `<role>:<nodeId>`,
 * which `peerIdentity` reads back on the other end; the certificate serves both as server and
 * as client certificate, since every node is both.
 */
export async function issueCertificate(
  options: IssueCertificateOptions,
): Promise<CertificateFiles> {
  const role = parseNodeRole(options.role);
  if (!role) throw new InvalidArgumentError(`unknown node role ${JSON.stringify(options.role)}`);
  const identity = formatIdentity({ role, nodeId: options.nodeId ?? options.name });
  const hosts = options.hosts ?? DEFAULT_HOSTS;
  if (hosts.length === 0) throw new InvalidArgumentError("a certificate needs at least one host");
  const ca = await loadCa(options.caDir);
  const keys = await generateKeyPair();
  const notBefore = new Date(Date.now() - BACKDATE_MS);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: [{ CN: [identity] }, { O: ["keyfrag"] }],
    issuer: ca.cert.subjectName,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (options.validDays ?? 365) * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth],
        false,
      ),
      new x509.SubjectAlternativeNameExtension(
        [
          ...hosts.map((host) => ({
            type: isIP(host) ? ("ip" as const) : ("dns" as const),
            value: host,
          })),
          ...(options.uris ?? []).map((value) => ({ type: "url" as const, value })),
        ],
        false,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  await mkdir(options.dir, { recursive: true });
  const files = {
    certFile: join(options.dir, `${options.name}.pem`),
    keyFile: join(options.dir, `${options.name}-key.pem`),
  };
  await writePrivateKey(files.keyFile, keys.privateKey);
  await writeFile(files.certFile, `${cert.toString("pem")}\n`, { mode: 0o644 });
  return files;
}

/** Paths of a node's TLS material. */
export interface TlsFilePaths {
  /** The cluster CA certificate that peers must chain to. */
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** A node's TLS material, loaded. */
export interface TlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** Reads the CA certificate and the node's certificate and key. */
export async function loadTlsFiles(paths: TlsFilePaths): Promise<TlsMaterial> {
  const [ca, cert, key] = await Promise.all([
    readFile(paths.caFile),
    readFile(paths.certFile),
    readFile(paths.keyFile),
  ]);
  return { ca, cert, key };
}

/**
 * Server credentials that require a client certificate signed by the cluster CA; callers'
 * node identities (`peerIdentity`) are read only from certificates of such a CA.
 */
export function serverCredentials(tls: TlsMaterial): ServerCredentials {
  trustClusterCa(tls.ca);
  return ServerCredentials.createSsl(
    tls.ca,
    [{ cert_chain: tls.cert, private_key: tls.key }],
    true,
  );
}

/** Client credentials that present the node's certificate and trust only the cluster CA. */
export function clientCredentials(tls: TlsMaterial): ChannelCredentials {
  return credentials.createSsl(tls.ca, tls.key, tls.cert);
}

/**
 * Client credentials as `clientCredentials`, that also accept only a server whose certificate
 * (of the cluster CA, for the host dialed) names the node role `role`: e.g. a customer fragment
 * takes orders only from a `coordinator`.
 */
export function clientCredentialsFor(tls: TlsMaterial, role: NodeRole): ChannelCredentials {
  return credentials.createSsl(tls.ca, tls.key, tls.cert, {
    checkServerIdentity: (host, cert) => {
      const wrongHost = checkServerIdentity(host, cert);
      if (wrongHost) return wrongHost;
      const cn: unknown = cert.subject?.CN;
      const identity = typeof cn === "string" ? parseIdentity(cn) : undefined;
      if (identity?.role !== role) {
        return new Error(
          `the server at ${host} is not a ${role}: its certificate names ${String(cn)}`,
        );
      }
      return undefined;
    },
  });
}

async function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_KEY, true, ["sign", "verify"]);
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  // Positive and without a leading zero byte, as RFC 5280 wants.
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString("hex");
}

async function writePrivateKey(path: string, key: webcrypto.CryptoKey): Promise<void> {
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", key);
  const pem = x509.PemConverter.encode(pkcs8, "PRIVATE KEY");
  // `mode` applies only to a new file: remove any old one so the key is never readable by
  // others, not even for a moment.
  await rm(path, { force: true });
  await writeFile(path, `${pem}\n`, { mode: 0o600, flag: "wx" });
}

async function loadCa(
  caDir: string,
): Promise<{ cert: x509.X509Certificate; key: webcrypto.CryptoKey }> {
  const [certPem, keyPem] = await Promise.all([
    readFile(join(caDir, "ca.pem"), "utf8"),
    readFile(join(caDir, "ca-key.pem"), "utf8"),
  ]);
  const cert = new x509.X509Certificate(certPem);
  const key = await webcrypto.subtle.importKey(
    "pkcs8",
    x509.PemConverter.decodeFirst(keyPem),
    EC_KEY,
    false,
    ["sign"],
  );
  return { cert, key };
}
