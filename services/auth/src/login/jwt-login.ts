/**
 * JWT/OIDC and Kubernetes service-account logins: the token's signature (asymmetric algorithms
 * only), issuer, audience and lifetime, then the method's claim rules.
 */
import { createPublicKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { describeJoseError, type SubClaims } from "@keyfrag/auth-client";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  exportJWK,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import type { JwtConfig, KubernetesConfig } from "../methods/method-types.js";
import { tokenReviewAllowed } from "../methods/method-validation.js";
import { checkUniqueId, emptySubClaims, type LoginClaims } from "./login-claims.js";
import { LoginDenied } from "./login-denied.js";

/** Never `none`, never HS* (a public key used as an HMAC secret would forge anything). */
export const ASYMMETRIC_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

/**
 * Claims that say nothing about who the subject is: registered time/id claims and OIDC protocol
 * claims (about this one login, not the identity), which a role association must not key on.
 */
const NOT_SUB_CLAIMS = new Set([
  "iat",
  "exp",
  "nbf",
  "jti",
  "aud",
  "iss",
  "nonce",
  "at_hash",
  "c_hash",
  "azp",
  "sid",
  "auth_time",
  "acr",
  "amr",
]);

export interface JwtLoginOptions {
  /**
   * The token the auth service presents to an API server's TokenReview (a file, read at each
   * review: kubelet rotates projected tokens); without it the token under review is sent.
   */
  tokenReviewerJwtFile?: string;
  /**
   * The API servers (https URLs; only their origin counts) Kubernetes methods may send
   * TokenReviews to: the operator's list (KF_K8S_TOKEN_REVIEW_URLS). None when empty: a method's
   * creator must not choose where auth's reviewer token (or anyone's token) goes.
   */
  tokenReviewUrls?: readonly string[];
  /** Longest time one TokenReview may take, as a whole (connect, send, the full answer). */
  tokenReviewTimeoutMs?: number;
  /** Minimum time between two JWKS refetches of one method (jose `cooldownDuration`). */
  jwksCooldownMs?: number;
  /** Longest time one JWKS fetch may take. */
  jwksTimeoutMs?: number;
}

export interface JwtLogin {
  /** Sub-claims and unique identifier of a valid token for a JWT method; LoginDenied otherwise. */
  jwt(cacheKey: string, method: JwtConfig, token: string): Promise<LoginClaims>;
  /** Sub-claims of a valid service-account token for a Kubernetes method; LoginDenied otherwise. */
  kubernetes(cacheKey: string, method: KubernetesConfig, token: string): Promise<LoginClaims>;
  /** Forgets the cached key set of a method (it was deleted). */
  evict(cacheKey: string): void;
}

type KeySource = Pick<JwtConfig, "jwks_url" | "public_keys">;

/** JWT verification with one cached key set per method. */
export function createJwtLogin(options: JwtLoginOptions = {}): JwtLogin {
  const resolvers = new Map<string, { url: string; resolve: JWTVerifyGetKey }>();

  async function resolverFor(cacheKey: string, method: KeySource): Promise<JWTVerifyGetKey> {
    const cached = resolvers.get(cacheKey);
    if (cached && cached.url === method.jwks_url) return cached.resolve;
    const jwks: JWK[] = await Promise.all(
      method.public_keys.map(async (text) => {
        const trimmed = text.trim();
        const key = trimmed.startsWith("{")
          ? createPublicKey({ key: JSON.parse(trimmed), format: "jwk" })
          : createPublicKey(trimmed);
        const jwk = await exportJWK(key);
        if (trimmed.startsWith("{")) {
          const given = JSON.parse(trimmed) as JWK;
          if (given.kid) jwk.kid = given.kid;
          if (given.alg) jwk.alg = given.alg;
        }
        return jwk;
      }),
    );
    const local = jwks.length ? createLocalJWKSet({ keys: jwks }) : undefined;
    // A PEM key has no kid: it may verify a token that names one.
    const unnamed = jwks.filter((k) => !k.kid);
    const anonymous = unnamed.length ? createLocalJWKSet({ keys: unnamed }) : undefined;
    const remote = method.jwks_url
      ? createRemoteJWKSet(new URL(method.jwks_url), {
          cooldownDuration: options.jwksCooldownMs ?? 10_000,
          timeoutDuration: options.jwksTimeoutMs ?? 5_000,
          cacheMaxAge: 10 * 60_000,
        })
      : undefined;
    const resolve: JWTVerifyGetKey = async (header, token) => {
      if (local) {
        try {
          return await local(header, token);
        } catch (err) {
          if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
        }
      }
      if (anonymous && header.kid) {
        try {
          return await anonymous({ ...header, kid: undefined }, token);
        } catch (err) {
          if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
        }
      }
      if (!remote) throw new errors.JWKSNoMatchingKey();
      return remote(header, token);
    };
    resolvers.set(cacheKey, { url: method.jwks_url, resolve });
    return resolve;
  }

  async function verify(
    cacheKey: string,
    method: KeySource & { issuer: string; audiences: string[] },
    token: string,
  ): Promise<JWTPayload> {
    if (!token || token.length > 65_536) throw new LoginDenied("malformed token");
    try {
      const { payload } = await jwtVerify(token, await resolverFor(cacheKey, method), {
        issuer: method.issuer,
        audience: method.audiences,
        algorithms: ASYMMETRIC_ALGORITHMS,
        requiredClaims: ["exp"],
      });
      return payload;
    } catch (err) {
      // A timeout, a network error or a bad HTTP answer from the JWKS endpoint (jose reports
      // the latter as a bare JOSEError).
      if (
        err instanceof errors.JWKSTimeout ||
        !(err instanceof errors.JOSEError) ||
        err.constructor === errors.JOSEError
      ) {
        // Fetching the issuer's keys failed: the caller cannot fix that, the operator can.
        // The message is about the operator's JWKS endpoint, not the token; still cut short.
        throw new LoginDenied(
          "issuer keys unavailable",
          `jwks: ${String((err as Error)?.message).slice(0, 160)}`,
        );
      }
      // jose's messages can quote the token's header (a `crit` parameter name, of any length):
      // the audit reason names the error class only.
      const summary = describeJoseError(err);
      throw new LoginDenied(summary, `${summary} (${err.code})`);
    }
  }

  return {
    async jwt(cacheKey, method, token) {
      const payload = await verify(cacheKey, method, token);
      for (const [claim, allowed] of Object.entries(method.required_claims)) {
        const value = claimOf(payload, claim);
        const values = Array.isArray(value) ? value : [value];
        if (!values.some((v) => isScalar(v) && allowed.includes(String(v)))) {
          throw new LoginDenied(`claim ${claim} not allowed`);
        }
      }
      const id = claimOf(payload, method.unique_identifier);
      if (!isScalar(id) || String(id) === "") {
        throw new LoginDenied(`claim ${method.unique_identifier} missing`);
      }
      return {
        subClaims: subClaimsOf(payload),
        uniqueId: checkUniqueId(method.unique_identifier, String(id)),
      };
    },

    async kubernetes(cacheKey, method, token) {
      const local = method.jwks_url || method.public_keys.length > 0;
      let payload = local ? await verify(cacheKey, method, token) : undefined;
      let sa: ServiceAccount | undefined;
      if (method.token_review_url) {
        const reviewed = await tokenReview(method, token, options);
        // The API server vouched for the token: its claims can be read without a key.
        payload ??= checkedClaims(method, token);
        sa = reviewed;
        const claimed = serviceAccountOf(payload);
        if (claimed && (claimed.namespace !== sa.namespace || claimed.name !== sa.name)) {
          throw new LoginDenied("token and review disagree");
        }
      }
      if (!payload) throw new LoginDenied("malformed token");
      if (method.max_token_age_seconds > 0) {
        const iat = payload.iat;
        if (typeof iat !== "number") throw new LoginDenied("token has no iat");
        if (Date.now() / 1000 - iat > method.max_token_age_seconds) {
          throw new LoginDenied(
            "token too old",
            `issued ${Math.round(Date.now() / 1000 - iat)} s ago`,
          );
        }
      }
      sa ??= serviceAccountOf(payload);
      if (!sa) throw new LoginDenied("not a Kubernetes service-account token");
      if (method.bound_namespaces.length && !method.bound_namespaces.includes(sa.namespace)) {
        throw new LoginDenied("namespace not allowed", `namespace ${sa.namespace} not bound`);
      }
      if (
        method.bound_service_accounts.length &&
        !method.bound_service_accounts.includes(sa.name)
      ) {
        throw new LoginDenied(
          "service account not allowed",
          `service account ${sa.name} not bound`,
        );
      }
      const claims = emptySubClaims();
      claims.namespace = [sa.namespace];
      claims.service_account_name = [sa.name];
      if (sa.uid) claims.service_account_uid = [sa.uid];
      if (sa.pod) claims.pod_name = [sa.pod];
      return { subClaims: claims };
    },

    evict(cacheKey) {
      resolvers.delete(cacheKey);
    },
  };
}

/** A claim of the token itself, never one inherited from Object.prototype. */
function claimOf(payload: JWTPayload, name: string): unknown {
  return Object.hasOwn(payload, name) ? payload[name] : undefined;
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/**
 * Top-level scalar (or scalar-array) claims as string lists, in an object without a prototype;
 * protocol claims are left out, and so is `email` when the issuer says it is not verified.
 */
export function subClaimsOf(payload: JWTPayload): SubClaims {
  const out = emptySubClaims();
  const unverifiedEmail = payload.email_verified === false || payload.email_verified === "false";
  for (const [name, value] of Object.entries(payload)) {
    if (NOT_SUB_CLAIMS.has(name)) continue;
    if (name === "email" && unverifiedEmail) continue;
    if (isScalar(value)) out[name] = [String(value)];
    else if (Array.isArray(value) && value.every(isScalar)) out[name] = value.map(String);
  }
  return out;
}

const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

interface ServiceAccount {
  namespace: string;
  name: string;
  uid?: string | undefined;
  pod?: string | undefined;
}

/** Namespace and service account from projected (`kubernetes.io`) or legacy claims. */
export function serviceAccountOf(payload: JWTPayload): ServiceAccount | undefined {
  const projected = payload["kubernetes.io"];
  if (projected && typeof projected === "object") {
    const p = projected as Record<string, unknown>;
    const sa = (p.serviceaccount ?? {}) as Record<string, unknown>;
    const pod = (p.pod ?? {}) as Record<string, unknown>;
    const namespace = str(p.namespace);
    const name = str(sa.name);
    if (namespace && name) {
      return { namespace, name, uid: str(sa.uid), pod: str(pod.name) };
    }
    return undefined;
  }
  const namespace = str(payload["kubernetes.io/serviceaccount/namespace"]);
  const name = str(payload["kubernetes.io/serviceaccount/service-account.name"]);
  if (!namespace || !name) return undefined;
  return {
    namespace,
    name,
    uid: str(payload["kubernetes.io/serviceaccount/service-account.uid"]),
  };
}

/**
 * A token's claims without its signature checked (the API server's TokenReview did that):
 * still its issuer, audience and expiry, as the local check would.
 */
function checkedClaims(method: KubernetesConfig, token: string): JWTPayload {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    throw new LoginDenied("malformed token");
  }
  if (payload.iss !== method.issuer) throw new LoginDenied("token issuer mismatch");
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.some((a) => typeof a === "string" && method.audiences.includes(a))) {
    throw new LoginDenied("token audience mismatch");
  }
  if (typeof payload.exp !== "number" || payload.exp * 1000 <= Date.now()) {
    throw new LoginDenied("token expired");
  }
  return payload;
}

interface TokenReviewStatus {
  authenticated?: boolean;
  error?: string;
  audiences?: string[];
  user?: { username?: string; uid?: string; extra?: Record<string, string[]> };
}

const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** The largest TokenReview answer read (an API server's is a few hundred bytes). */
const MAX_REVIEW_ANSWER = 1_048_576;

/**
 * Asks the API server whether `token` is valid now (authentication.k8s.io/v1 TokenReview),
 * for the method's audiences; the service account it names.
 */
async function tokenReview(
  method: KubernetesConfig,
  token: string,
  options: JwtLoginOptions,
): Promise<ServiceAccount> {
  if (!token || token.length > 65_536) throw new LoginDenied("malformed token");
  // Checked again at each login: the list may have shrunk since the method was created.
  if (!tokenReviewAllowed(method.token_review_url, options.tokenReviewUrls)) {
    throw new LoginDenied(
      "token review unavailable",
      "token review: the method's token_review_url is not in KF_K8S_TOKEN_REVIEW_URLS",
    );
  }
  let reviewer = token;
  if (options.tokenReviewerJwtFile) {
    try {
      reviewer = (await readFile(options.tokenReviewerJwtFile, "utf8")).trim();
    } catch (err) {
      throw new LoginDenied(
        "token review unavailable",
        `reviewer token: ${(err as NodeJS.ErrnoException).code ?? "unreadable"}`,
      );
    }
  }
  const url = new URL("/apis/authentication.k8s.io/v1/tokenreviews", method.token_review_url);
  const body = JSON.stringify({
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenReview",
    spec: { token, audiences: method.audiences },
  });
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    // One deadline for the whole exchange: a socket timeout only fires when the socket is idle,
    // so a peer sending a byte now and then would hold the login (and its socket) forever.
    const fail = (err: Error) => {
      clearTimeout(deadline);
      req.destroy();
      reject(err);
    };
    const deadline = setTimeout(
      () => fail(new Error("timed out")),
      options.tokenReviewTimeoutMs ?? 5_000,
    );
    const req = httpsRequest(
      url,
      {
        method: "POST",
        ca: method.token_review_ca,
        headers: {
          authorization: `Bearer ${reviewer}`,
          "content-type": "application/json",
          accept: "application/json",
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          text += d;
          if (text.length > MAX_REVIEW_ANSWER) fail(new Error("answer too large"));
        });
        res.on("end", () => {
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0, text });
        });
        res.on("error", fail);
      },
    );
    req.on("error", fail);
    req.end(body);
  }).catch((err: unknown) => {
    throw new LoginDenied(
      "token review unavailable",
      `token review: ${String((err as Error)?.message).slice(0, 160)}`,
    );
  });
  if (answer.status < 200 || answer.status > 299) {
    // 401/403: the reviewer may not create TokenReviews (system:auth-delegator).
    throw new LoginDenied("token review unavailable", `token review: HTTP ${answer.status}`);
  }
  let status: TokenReviewStatus;
  try {
    status = (JSON.parse(answer.text) as { status?: TokenReviewStatus }).status ?? {};
  } catch {
    throw new LoginDenied("token review unavailable", "token review: not JSON");
  }
  if (status.authenticated !== true) {
    // The API server's error is about the token (expired, unknown, pod deleted): no secret.
    throw new LoginDenied(
      "token rejected by the API server",
      `token review: ${String(status.error ?? "not authenticated").slice(0, 160)}`,
    );
  }
  if (status.audiences && !status.audiences.some((a) => method.audiences.includes(a))) {
    throw new LoginDenied("token audience mismatch");
  }
  const m = SA_USER.exec(status.user?.username ?? "");
  if (!m) throw new LoginDenied("not a Kubernetes service-account token");
  const pod = status.user?.extra?.["authentication.kubernetes.io/pod-name"]?.[0];
  return {
    namespace: m[1] as string,
    name: m[2] as string,
    uid: str(status.user?.uid),
    pod: str(pod),
  };
}
