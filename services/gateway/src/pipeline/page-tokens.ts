/**
 * Page tokens of filtered lists. The services behind answer with tokens that name the last
 * entry of a page (an item, role or method name); handed out as they are, a caller could page
 * with a token it made up and learn names the filter hides. So the gateway seals them:
 * AES-256-GCM under a key derived from the cluster's audit key (every gateway has it, so a
 * token works at any gateway), bound to the caller's access id and the list it belongs to.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { InvalidArgumentError } from "@keyfrag/rpc";

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PageTokens {
  /** The opaque token for `upstream` ("" stays ""). */
  seal(upstream: string, accessId: string, list: string): string;
  /** The upstream token inside `token` ("" stays ""); INVALID_ARGUMENT for anything else. */
  open(token: string, accessId: string, list: string): string;
}

/** Page tokens under a key derived from `auditKey`. */
export function createPageTokens(auditKey: Uint8Array): PageTokens {
  const key = Buffer.from(hkdfSync("sha256", auditKey, "", "keyfrag/gateway/page-token/v1", 32));
  const aad = (accessId: string, list: string) => Buffer.from(`${list}\0${accessId}`, "utf8");
  return {
    seal(upstream, accessId, list) {
      if (!upstream) return "";
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(aad(accessId, list));
      const body = Buffer.concat([cipher.update(upstream, "utf8"), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    },
    open(token, accessId, list) {
      if (!token) return "";
      const bytes = Buffer.from(token, "base64url");
      if (bytes.length < IV_BYTES + TAG_BYTES || token.length > 4_096) {
        throw new InvalidArgumentError("page_token is not one this list handed out");
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES))
          .setAAD(aad(accessId, list))
          .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
      } catch {
        throw new InvalidArgumentError("page_token is not one this list handed out");
      }
    },
  };
}
