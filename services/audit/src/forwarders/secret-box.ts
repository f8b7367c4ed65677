/**
 * Encryption of forwarder secrets (HEC tokens, Elasticsearch passwords) before they reach Redis:
 * AES-256-GCM under a key derived by HKDF-SHA256 from the cluster's audit key. The forwarder name
 * and field are the associated data, so a ciphertext copied to another forwarder or field fails.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { InternalError } from "@keyfrag/rpc";

export interface SecretBox {
  /** Encrypts `plaintext` for `name`/`field`; the result is safe to store. */
  seal(name: string, field: string, plaintext: string): string;
  /** Decrypts what `seal` returned for the same `name`/`field`. */
  open(name: string, field: string, sealed: string): string;
}

const VERSION = "v1";

/** A secret box keyed from the audit key. */
export function createSecretBox(auditKey: Uint8Array): SecretBox {
  const key = Buffer.from(
    hkdfSync("sha256", auditKey, "keyfrag-audit", "forwarder-secrets/aes-256-gcm", 32),
  );
  const aad = (name: string, field: string) => Buffer.from(`${VERSION}\0${name}\0${field}`);
  return {
    seal(name, field, plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(aad(name, field));
      const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, ct, cipher.getAuthTag()]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(".");
    },
    open(name, field, sealed) {
      const [version, iv, ct, tag] = sealed.split(".");
      if (version !== VERSION || iv === undefined || ct === undefined || tag === undefined) {
        throw new InternalError(`stored secret of forwarder ${name} is not sealed`);
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(aad(name, field));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([
          decipher.update(Buffer.from(ct, "base64url")),
          decipher.final(),
        ]).toString("utf8");
      } catch (cause) {
        throw new InternalError(`stored secret of forwarder ${name} does not decrypt`, { cause });
      }
    },
  };
}
