/**
 * Credentials that are signatures by a DFC Ed25519 key (FROST, through the gateway): OpenSSH
 * user certificates and JWTs. Neither needs revoking (each carries its own expiry), so neither
 * is a lease; both are audited with their serial / token id.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { AuditEmitter } from "@keyfrag/bus";
import { FailedPreconditionError, InvalidArgumentError, quote } from "@keyfrag/rpc";
import type { CatalogStore } from "../catalog/catalog-store.js";
import type { DynamicSecretRecord } from "../catalog/catalog-types.js";
import type { GatewayPort } from "../gateway-port.js";
import { jwksDocument, kidOf, renderClaims, signJwt } from "../jwt/jwt.js";
import type { ClientInfo } from "../leases/backends.js";
import { buildUserCertificate, ed25519PublicKeyLine, parseSshPublicKey } from "../ssh/openssh.js";

/** Clock skew allowed for: certificates and tokens are valid from a little before now. */
const BACKDATE_MS = 30_000;
const JWKS_CACHE_MS = 30_000;
const MAX_PRINCIPALS = 64;

export interface IssuersDeps {
  catalog: Pick<CatalogStore, "getSecret">;
  gateway: Pick<GatewayPort, "sign" | "publicKeys">;
  audit: Pick<AuditEmitter, "emit">;
  nodeId: string;
  /** The DFC Ed25519 key that signs the tokens sent to custom producers' webhooks. */
  webhookSigningKey: string;
  checkTtl: (ds: DynamicSecretRecord, requested: number) => number;
}

/** Creates the SSH and JWT issuers and the token and JWKS helpers around them. */
export function createIssuers(deps: IssuersDeps) {
  const actor = { authMethod: "node", accessId: `producers:${deps.nodeId}` };
  const jwksCache = new Map<string, { at: number; doc: ReturnType<typeof jwksDocument> }>();

  async function newest(keyName: string) {
    const keys = await deps.gateway.publicKeys(keyName);
    const key = keys.at(-1);
    if (!key) throw new FailedPreconditionError(`key ${keyName} has no versions`);
    return key;
  }

  /** A JWT signed by the newest version of `keyName`, with a kid naming that version. */
  async function jwtBy(keyName: string, claims: Record<string, unknown>): Promise<string> {
    const key = await newest(keyName);
    return signJwt(claims, {
      kid: kidOf(keyName, key.version),
      sign: async (data) => (await deps.gateway.sign(keyName, data, key.version)).signature,
    });
  }

  async function jwks(keyName: string) {
    const hit = jwksCache.get(keyName);
    if (hit && Date.now() - hit.at < JWKS_CACHE_MS) return hit.doc;
    const keys = await deps.gateway.publicKeys(keyName);
    const doc = jwksDocument(
      keys.map((k) => ({ kid: kidOf(keyName, k.version), publicKey: k.publicKey })),
    );
    jwksCache.set(keyName, { at: Date.now(), doc });
    return doc;
  }

  return {
    /** Signs the caller's public key with the issuer's CA key. */
    async sshCertificate(req: {
      name: string;
      publicKey: string;
      principals: string[];
      ttlSeconds: number;
      client: ClientInfo;
      requestId?: string;
    }) {
      const ds = await deps.catalog.getSecret(req.name);
      if (ds.producer.kind !== "ssh")
        throw new FailedPreconditionError(`${ds.name} is not an SSH certificate issuer`);
      const ssh = ds.producer.ssh;
      const publicKey = parseSshPublicKey(req.publicKey);
      const principals = req.principals.length ? req.principals : ssh.defaultPrincipals;
      if (principals.length === 0)
        throw new InvalidArgumentError("principals: name at least one principal");
      if (principals.length > MAX_PRINCIPALS)
        throw new InvalidArgumentError(`principals: at most ${MAX_PRINCIPALS}`);
      const any = ssh.allowedPrincipals.includes("*");
      for (const p of principals) {
        if (!/^[A-Za-z0-9._@+-]{1,256}$/.test(p))
          throw new InvalidArgumentError(`principal ${quote(p)} is not a valid name`);
        if (!any && !ssh.allowedPrincipals.includes(p)) {
          throw new InvalidArgumentError(`principal ${p} is not allowed by ${ds.name}`);
        }
      }
      const ttl = deps.checkTtl(ds, req.ttlSeconds);
      const now = Date.now();
      const validAfter = new Date(Math.floor((now - BACKDATE_MS) / 1_000) * 1_000);
      const validBefore = new Date(Math.floor((now + ttl * 1_000) / 1_000) * 1_000);
      const ca = await newest(ssh.caKeyName);
      const serial = randomBytes(8).readBigUInt64BE();
      const keyId = `keyfrag:${req.client.accessId}:${serial}`;
      const unsigned = buildUserCertificate({
        publicKey,
        serial,
        keyId,
        principals,
        validAfter,
        validBefore,
        criticalOptions: ssh.criticalOptions,
        extensions: ssh.extensions,
        caPublicKey: ca.publicKey,
      });
      const { signature } = await deps.gateway.sign(ssh.caKeyName, unsigned.signedData, ca.version);
      const certificate = unsigned.finish(signature);
      await deps.audit.emit({
        actor,
        action: "ssh.issue",
        path: ds.name,
        result: "allowed",
        ...(req.requestId ? { requestId: req.requestId } : {}),
        fields: {
          accessId: req.client.accessId,
          serial: serial.toString(),
          principals: principals.join(","),
          keyType: publicKey.keyType,
          validBeforeMs: String(validBefore.getTime()),
          caKeyVersion: String(ca.version),
        },
      });
      return {
        certificate,
        serial: serial.toString(),
        principals,
        validAfterMs: validAfter.getTime(),
        validBeforeMs: validBefore.getTime(),
        caPublicKey: ed25519PublicKeyLine(ca.publicKey, `keyfrag-ca:${ssh.caKeyName}`),
      };
    },

    /** A JWT for the caller from a JWT issuer. */
    async jwt(req: { name: string; ttlSeconds: number; client: ClientInfo; requestId?: string }) {
      const ds = await deps.catalog.getSecret(req.name);
      if (ds.producer.kind !== "jwt")
        throw new FailedPreconditionError(`${ds.name} is not a JWT issuer`);
      const jwt = ds.producer.jwt;
      const ttl = deps.checkTtl(ds, req.ttlSeconds);
      const now = Math.floor(Date.now() / 1_000);
      const jti = randomUUID();
      const claims: Record<string, unknown> = {
        ...renderClaims(jwt.claimsTemplate || undefined, {
          accessId: req.client.accessId,
          subClaims: req.client.subClaims,
          producer: ds.name,
        }),
        iss: jwt.issuer,
        sub: req.client.accessId,
        iat: now,
        nbf: now - BACKDATE_MS / 1_000,
        exp: now + ttl,
        jti,
      };
      if (jwt.audience.length)
        claims.aud = jwt.audience.length === 1 ? jwt.audience[0] : jwt.audience;
      const token = await jwtBy(jwt.keyName, claims);
      await deps.audit.emit({
        actor,
        action: "jwt.issue",
        path: ds.name,
        result: "allowed",
        ...(req.requestId ? { requestId: req.requestId } : {}),
        fields: { accessId: req.client.accessId, jti, expiresAt: String(now + ttl) },
      });
      return { token, expiresAt: now + ttl, jti };
    },

    /** The JWKS of a JWT issuer: every version of its key. */
    async issuerJwks(name: string) {
      const ds = await deps.catalog.getSecret(name);
      if (ds.producer.kind !== "jwt")
        throw new FailedPreconditionError(`${ds.name} is not a JWT issuer`);
      return jwks(ds.producer.jwt.keyName);
    },

    /** The JWKS webhooks verify keyfrag's calls against. */
    webhookJwks: () => jwks(deps.webhookSigningKey),

    /** The bearer token on a call to a custom producer's webhook: 2 minutes, for that URL. */
    async webhookToken(producer: string, url: string): Promise<string> {
      const now = Math.floor(Date.now() / 1_000);
      return jwtBy(deps.webhookSigningKey, {
        iss: "keyfrag",
        sub: producer,
        aud: new URL(url).origin,
        iat: now,
        nbf: now - 30,
        exp: now + 120,
        jti: randomUUID(),
      });
    },
  };
}

export type Issuers = ReturnType<typeof createIssuers>;
