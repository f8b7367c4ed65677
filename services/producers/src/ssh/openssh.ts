/**
 * OpenSSH public keys and user certificates (PROTOCOL.certkeys), written with node:buffer only.
 *
 * The CA key is an Ed25519 key that never exists whole: it signs through FROST elsewhere. So a
 * certificate is made in two steps: `buildUserCertificate` lays out the bytes the CA signs, and
 * `finish` appends the 64-byte signature it is handed back.
 */

import { createPublicKey, type KeyObject, randomBytes, verify } from "node:crypto";
import { isIP } from "node:net";
import { InternalError, InvalidArgumentError, quote } from "@keyfrag/rpc";

/** A user key type keyfrag can certify. */
export type SshKeyType =
  | "ssh-ed25519"
  | "ecdsa-sha2-nistp256"
  | "ecdsa-sha2-nistp384"
  | "ecdsa-sha2-nistp521"
  | "ssh-rsa";

/** An OpenSSH public key as read from one authorized_keys-style line. */
export interface ParsedKey {
  keyType: SshKeyType;
  /** The wire-format key blob (what the line's base64 decodes to). */
  blob: Buffer;
  comment: string;
}

/** What a user certificate says; `finish` needs only the CA's signature on top. */
export interface UserCertificateRequest {
  publicKey: ParsedKey;
  serial: bigint;
  keyId: string;
  principals: string[];
  validAfter: Date;
  validBefore: Date;
  criticalOptions: Record<string, string>;
  extensions: Record<string, string>;
  /** The CA's raw 32-byte Ed25519 public key. */
  caPublicKey: Uint8Array;
  /** Defaults to 32 random bytes; given only by tests that compare against ssh-keygen. */
  nonce?: Uint8Array;
}

/** A certificate waiting for its CA signature. */
export interface UnsignedCertificate {
  /** The exact bytes the CA's Ed25519 key signs (no prehash). */
  signedData: Buffer;
  /** Appends the CA's 64-byte Ed25519 signature; returns "<cert type> <base64> <keyId>". */
  finish(signature: Uint8Array): string;
}

const CERT_TYPE: Record<SshKeyType, string> = {
  "ssh-ed25519": "ssh-ed25519-cert-v01@openssh.com",
  "ecdsa-sha2-nistp256": "ecdsa-sha2-nistp256-cert-v01@openssh.com",
  "ecdsa-sha2-nistp384": "ecdsa-sha2-nistp384-cert-v01@openssh.com",
  "ecdsa-sha2-nistp521": "ecdsa-sha2-nistp521-cert-v01@openssh.com",
  "ssh-rsa": "ssh-rsa-cert-v01@openssh.com",
};

// Curve name inside the blob, node:crypto's JWK name, and the uncompressed point's length.
const ECDSA_CURVES: Record<string, { curve: string; jwk: string; pointLength: number }> = {
  "ecdsa-sha2-nistp256": { curve: "nistp256", jwk: "P-256", pointLength: 65 },
  "ecdsa-sha2-nistp384": { curve: "nistp384", jwk: "P-384", pointLength: 97 },
  "ecdsa-sha2-nistp521": { curve: "nistp521", jwk: "P-521", pointLength: 133 },
};

const MIN_RSA_BITS = 2048;
// OpenSSH's own ceiling (SSH_RSA_MAXIMUM_MODULUS_SIZE); sshd would refuse anything larger.
const MAX_RSA_BITS = 16384;
// OpenSSH refuses certificates with more (SSHKEY_CERT_MAX_PRINCIPALS).
const MAX_PRINCIPALS = 256;
const SSH_CERT_TYPE_USER = 1;
const UINT64_MAX = (1n << 64n) - 1n;

const NOT_A_KEY = "public_key is not an OpenSSH public key";
const EXPECTED_FORM = `expected one line "<type> <base64> [comment]" as in a .pub file, with type one of ${Object.keys(CERT_TYPE).join(", ")}`;

/**
 * Extensions granted when a role names none. Like Vault's SSH CA roles, only `permit-pty`:
 * ssh-keygen's default of every permit-* would also allow agent, port and X11 forwarding and
 * ~/.ssh/rc, which a role should grant on purpose.
 */
export const DEFAULT_EXTENSIONS: Readonly<Record<string, string>> = Object.freeze({
  "permit-pty": "",
});

// All flags: OpenSSH ignores any value, so a value given here is a caller's mistake.
const KNOWN_EXTENSIONS = new Set([
  "no-touch-required",
  "permit-X11-forwarding",
  "permit-agent-forwarding",
  "permit-port-forwarding",
  "permit-pty",
  "permit-user-rc",
]);

const KNOWN_CRITICAL_OPTIONS = new Set(["force-command", "source-address", "verify-required"]);

/** Reads an authorized_keys-style line ("<type> <base64> [comment]") and checks its key blob. */
export function parseSshPublicKey(line: string): ParsedKey {
  const lines = line.split(/\r?\n/).filter((l) => l.trim() !== "");
  const first = lines[0]?.trim() ?? "";
  if (first.startsWith("-----BEGIN") && first.includes("PRIVATE KEY")) {
    throw new InvalidArgumentError(
      `${NOT_A_KEY}: this is a private key; send the contents of the matching .pub file instead, never the private key`,
    );
  }
  if (first.startsWith("-----BEGIN")) {
    throw new InvalidArgumentError(
      `${NOT_A_KEY}: this is a PEM block; convert it with "ssh-keygen -i -m PKCS8 -f <file>" or send the .pub file`,
    );
  }
  if (first.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
    throw new InvalidArgumentError(
      `${NOT_A_KEY}: this is an RFC 4716 (SSH2) key; convert it with "ssh-keygen -i -f <file>"`,
    );
  }
  if (first === "") throw new InvalidArgumentError(`${NOT_A_KEY}: it is empty; ${EXPECTED_FORM}`);
  if (lines.length > 1) {
    throw new InvalidArgumentError(`${NOT_A_KEY}: it has ${lines.length} lines; ${EXPECTED_FORM}`);
  }

  const [type = "", encoded = "", ...rest] = first.split(/[ \t]+/);
  const comment = rest.join(" ");
  if (type.endsWith("-cert-v01@openssh.com")) {
    throw new InvalidArgumentError(
      `${NOT_A_KEY}: this is an OpenSSH certificate (${quote(type)}); send the user's own public key (the .pub file, not the -cert.pub file)`,
    );
  }
  if (!isKeyType(type)) {
    if (/(^|[\s,"])(ssh-|ecdsa-sha2-|sk-)/.test(first.slice(type.length))) {
      throw new InvalidArgumentError(
        `${NOT_A_KEY}: authorized_keys options before the key are not accepted; ${EXPECTED_FORM}`,
      );
    }
    if (/^(ssh-|ecdsa-sha2-|sk-)/.test(type)) {
      throw new InvalidArgumentError(
        `${NOT_A_KEY}: key type ${quote(type)} is not supported; ${EXPECTED_FORM}`,
      );
    }
    throw new InvalidArgumentError(`${NOT_A_KEY}: ${EXPECTED_FORM}`);
  }
  const blob = decodeBase64(encoded);
  if (blob === undefined) {
    throw new InvalidArgumentError(`${NOT_A_KEY}: the key data is not valid base64`);
  }
  checkKeyBlob(type, blob);
  return { keyType: type, blob, comment };
}

/** The TrustedUserCAKeys / authorized_keys line for a raw 32-byte Ed25519 public key. */
export function ed25519PublicKeyLine(raw: Uint8Array, comment?: string): string {
  if (raw.length !== 32) {
    throw new InvalidArgumentError(`an Ed25519 public key is 32 bytes, got ${raw.length} bytes`);
  }
  const blob = ed25519Blob(raw);
  if (comment === undefined || comment === "") return `ssh-ed25519 ${blob.toString("base64")}`;
  checkOneLine("comment", comment);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}

/** Throws InvalidArgumentError unless every extension is one OpenSSH knows, given as a flag. */
export function validateExtensions(extensions: Record<string, string>): void {
  for (const [name, value] of Object.entries(extensions)) {
    if (!KNOWN_EXTENSIONS.has(name)) {
      throw new InvalidArgumentError(
        `unknown certificate extension ${quote(name)}; known: ${[...KNOWN_EXTENSIONS].join(", ")}`,
      );
    }
    if (value !== "") {
      throw new InvalidArgumentError(
        `certificate extension "${name}" is a flag and takes no value (give "")`,
      );
    }
  }
}

/** Throws InvalidArgumentError unless every critical option is known and its value well-formed. */
export function validateCriticalOptions(options: Record<string, string>): void {
  for (const [name, value] of Object.entries(options)) {
    switch (name) {
      case "force-command":
        if (value.trim() === "") {
          throw new InvalidArgumentError(`critical option "force-command" needs a command`);
        }
        checkOneLine("critical option force-command", value);
        break;
      case "source-address":
        checkSourceAddress(value);
        break;
      case "verify-required":
        if (value !== "") {
          throw new InvalidArgumentError(
            `critical option "verify-required" is a flag and takes no value (give "")`,
          );
        }
        break;
      default:
        throw new InvalidArgumentError(
          `unknown certificate critical option ${quote(name)}; known: ${[...KNOWN_CRITICAL_OPTIONS].join(", ")}`,
        );
    }
  }
}

/**
 * Lays out an OpenSSH user certificate for `req.publicKey`; the CA signs `signedData` and
 * `finish` turns its signature into the certificate line.
 */
export function buildUserCertificate(req: UserCertificateRequest): UnsignedCertificate {
  const { publicKey, keyId, principals, validAfter, validBefore } = req;
  // The key may come from storage rather than straight from parseSshPublicKey: check it again.
  checkKeyBlob(publicKey.keyType, publicKey.blob);
  if (req.caPublicKey.length !== 32) {
    throw new InvalidArgumentError(
      `the CA public key must be a raw 32-byte Ed25519 key, got ${req.caPublicKey.length} bytes`,
    );
  }
  if (req.serial < 0n || req.serial > UINT64_MAX) {
    throw new InvalidArgumentError("certificate serial must fit in an unsigned 64-bit integer");
  }
  if (keyId === "") throw new InvalidArgumentError("certificate key id must not be empty");
  checkOneLine("certificate key id", keyId);
  checkPrincipals(principals);
  const after = epochSeconds("validAfter", validAfter);
  const before = epochSeconds("validBefore", validBefore);
  if (after >= before) {
    throw new InvalidArgumentError("certificate validAfter must be earlier than validBefore");
  }
  validateCriticalOptions(req.criticalOptions);
  validateExtensions(req.extensions);
  const nonce = req.nonce ?? randomBytes(32);
  if (nonce.length < 16) {
    throw new InvalidArgumentError("certificate nonce must be at least 16 bytes");
  }

  const certType = CERT_TYPE[publicKey.keyType];
  // The key's own fields follow the nonce unchanged: the blob minus its leading type string.
  const keyFields = publicKey.blob.subarray(4 + Buffer.byteLength(publicKey.keyType));
  const signedData = Buffer.concat([
    sshString(certType),
    sshString(nonce),
    keyFields,
    uint64(req.serial),
    uint32(SSH_CERT_TYPE_USER),
    sshString(keyId),
    sshString(Buffer.concat(principals.map((p) => sshString(p)))),
    uint64(after),
    uint64(before),
    sshString(encodeOptions(req.criticalOptions)),
    sshString(encodeOptions(req.extensions)),
    sshString(""), // reserved
    sshString(ed25519Blob(req.caPublicKey)),
  ]);
  const caKey = ed25519KeyObject(req.caPublicKey);

  return {
    signedData,
    finish(signature: Uint8Array): string {
      if (signature.length !== 64) {
        throw new InvalidArgumentError(
          `an Ed25519 signature is 64 bytes, got ${signature.length} bytes`,
        );
      }
      // A threshold signature that does not verify would give a certificate every sshd refuses;
      // better to fail here, where the caller can still retry the signing round.
      if (!verify(null, signedData, caKey, signature)) {
        throw new InternalError("the CA signature does not verify against the CA public key");
      }
      const signatureBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(signature)]);
      const cert = Buffer.concat([signedData, sshString(signatureBlob)]);
      return `${certType} ${cert.toString("base64")} ${keyId}`;
    },
  };
}

function isKeyType(type: string): type is SshKeyType {
  return Object.hasOwn(CERT_TYPE, type);
}

function decodeBase64(text: string): Buffer | undefined {
  // Buffer.from skips junk silently; only canonical base64 round-trips.
  if (text === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

/** Checks a key blob is well-formed and of `type`; throws InvalidArgumentError otherwise. */
function checkKeyBlob(type: SshKeyType, blob: Buffer): void {
  const reader = new WireReader(blob);
  const inner = reader.string()?.toString("latin1");
  if (inner === undefined)
    throw new InvalidArgumentError(`${NOT_A_KEY}: the key data is truncated`);
  if (inner !== type) {
    throw new InvalidArgumentError(
      `${NOT_A_KEY}: the line says "${type}" but the key data holds ${quote(inner)}`,
    );
  }
  const truncated = () =>
    new InvalidArgumentError(`${NOT_A_KEY}: the ${type} key data is truncated`);
  if (type === "ssh-ed25519") {
    const pk = reader.string();
    if (pk === undefined) throw truncated();
    if (pk.length !== 32) {
      throw new InvalidArgumentError(`${NOT_A_KEY}: an Ed25519 key is 32 bytes, got ${pk.length}`);
    }
  } else if (type === "ssh-rsa") {
    const e = reader.string();
    const n = reader.string();
    if (e === undefined || n === undefined) throw truncated();
    checkRsa(e, n);
  } else {
    const spec = ECDSA_CURVES[type];
    const curve = reader.string()?.toString("latin1");
    const point = reader.string();
    if (spec === undefined || curve === undefined || point === undefined) throw truncated();
    if (curve !== spec.curve) {
      throw new InvalidArgumentError(
        `${NOT_A_KEY}: a ${type} key must be on curve ${spec.curve}, not ${quote(curve)}`,
      );
    }
    checkEcPoint(spec, point);
  }
  if (!reader.done()) {
    throw new InvalidArgumentError(`${NOT_A_KEY}: the ${type} key data has trailing bytes`);
  }
}

function checkRsa(e: Buffer, n: Buffer): void {
  if (!isPositiveMpint(e) || !isPositiveMpint(n)) {
    throw new InvalidArgumentError(`${NOT_A_KEY}: the ssh-rsa key data holds a malformed number`);
  }
  const bits = bitLength(n);
  if (bits < MIN_RSA_BITS) {
    throw new InvalidArgumentError(
      `RSA keys must have at least ${MIN_RSA_BITS} bits, this one has ${bits}; use an Ed25519 key (ssh-keygen -t ed25519) or a larger RSA key`,
    );
  }
  if (bits > MAX_RSA_BITS) {
    throw new InvalidArgumentError(`RSA keys larger than ${MAX_RSA_BITS} bits are not accepted`);
  }
  try {
    createPublicKey({
      format: "jwk",
      key: {
        kty: "RSA",
        n: stripZeros(n).toString("base64url"),
        e: stripZeros(e).toString("base64url"),
      },
    });
  } catch (cause) {
    throw new InvalidArgumentError(`${NOT_A_KEY}: the ssh-rsa key is not a valid RSA key`, {
      cause,
    });
  }
}

function checkEcPoint(spec: { curve: string; jwk: string; pointLength: number }, point: Buffer) {
  if (point.length !== spec.pointLength || point[0] !== 0x04) {
    throw new InvalidArgumentError(
      `${NOT_A_KEY}: the ${spec.curve} key is not an uncompressed curve point`,
    );
  }
  const half = (spec.pointLength - 1) / 2;
  try {
    // node:crypto refuses points that are not on the curve.
    createPublicKey({
      format: "jwk",
      key: {
        kty: "EC",
        crv: spec.jwk,
        x: point.subarray(1, 1 + half).toString("base64url"),
        y: point.subarray(1 + half).toString("base64url"),
      },
    });
  } catch (cause) {
    throw new InvalidArgumentError(`${NOT_A_KEY}: the ${spec.curve} key is not on its curve`, {
      cause,
    });
  }
}

/** An SSH mpint that is positive and minimally encoded (RFC 4251 §5). */
function isPositiveMpint(bytes: Buffer): boolean {
  const first = bytes[0];
  if (first === undefined || (first & 0x80) !== 0) return false;
  if (first === 0) {
    const second = bytes[1];
    return second !== undefined && (second & 0x80) !== 0;
  }
  return true;
}

function stripZeros(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

function bitLength(bytes: Buffer): number {
  const stripped = stripZeros(bytes);
  const top = stripped[0] ?? 0;
  return top === 0 ? 0 : (stripped.length - 1) * 8 + (32 - Math.clz32(top));
}

function checkPrincipals(principals: string[]): void {
  // OpenSSH reads an empty principal list as "any user": never issue one by accident.
  if (principals.length === 0) {
    throw new InvalidArgumentError("a user certificate needs at least one principal");
  }
  if (principals.length > MAX_PRINCIPALS) {
    throw new InvalidArgumentError(`a certificate may name at most ${MAX_PRINCIPALS} principals`);
  }
  const seen = new Set<string>();
  for (const p of principals) {
    // Whitespace and commas cannot be matched by an AuthorizedPrincipalsFile line or given to
    // ssh-keygen -n, so such a principal could only ever be a mistake.
    if (p === "" || /[\s,\p{Cc}]/u.test(p)) {
      throw new InvalidArgumentError(
        `certificate principal ${quote(p)} is empty or holds whitespace, a comma or a control character`,
      );
    }
    if (seen.has(p)) {
      throw new InvalidArgumentError(`certificate principal ${quote(p)} is listed twice`);
    }
    seen.add(p);
  }
}

function checkSourceAddress(value: string): void {
  const entries = value.split(",");
  for (const entry of entries) {
    const [address = "", bits, ...extra] = entry.trim().split("/");
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const ok =
      family !== 0 &&
      extra.length === 0 &&
      (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
    if (!ok) {
      throw new InvalidArgumentError(
        `critical option "source-address" must be a comma-separated list of IP addresses or CIDR blocks; ${quote(entry)} is not one`,
      );
    }
  }
}

function checkOneLine(what: string, value: string): void {
  if (/\p{Cc}/u.test(value)) {
    throw new InvalidArgumentError(`${what} must not contain control characters or line breaks`);
  }
}

function epochSeconds(name: string, date: Date): bigint {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InvalidArgumentError(`certificate ${name} must be a valid date after 1970`);
  }
  return BigInt(Math.floor(ms / 1000));
}

/** Name/data pairs sorted by name; a value is nested as its own string, "" is a bare flag. */
function encodeOptions(options: Record<string, string>): Buffer {
  const names = Object.keys(options).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Buffer.concat(
    names.flatMap((name) => {
      const value = options[name] ?? "";
      return [sshString(name), sshString(value === "" ? "" : sshString(value))];
    }),
  );
}

function ed25519Blob(raw: Uint8Array): Buffer {
  return Buffer.concat([sshString("ssh-ed25519"), sshString(raw)]);
}

function ed25519KeyObject(raw: Uint8Array): KeyObject {
  try {
    return createPublicKey({
      format: "jwk",
      key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") },
    });
  } catch (cause) {
    throw new InvalidArgumentError("the CA public key is not a valid Ed25519 key", { cause });
  }
}

function sshString(value: string | Uint8Array): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
  return Buffer.concat([uint32(bytes.length), bytes]);
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

function uint64(value: bigint): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(value);
  return out;
}

/** Sequential reads of SSH wire types; undefined when the data runs out. */
class WireReader {
  #offset = 0;
  constructor(private readonly bytes: Buffer) {}

  string(): Buffer | undefined {
    if (this.#offset + 4 > this.bytes.length) return undefined;
    const length = this.bytes.readUInt32BE(this.#offset);
    const start = this.#offset + 4;
    if (start + length > this.bytes.length) return undefined;
    this.#offset = start + length;
    return this.bytes.subarray(start, start + length);
  }

  done(): boolean {
    return this.#offset === this.bytes.length;
  }
}
