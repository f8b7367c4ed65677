/**
 * Authenticate: validate the attempt, count it against the limit, find the method, check the
 * source address and the credential, audit the attempt (fail closed), and issue a token. Every
 * attempt, malformed ones included, is an audit event.
 */
import { isIP } from "node:net";
import type { SubClaims } from "@keyfrag/auth-client";
import type { AuditEmitter } from "@keyfrag/bus";
import {
  InvalidArgumentError,
  KeyfragError,
  type NodeRole,
  PermissionDeniedError,
  ResourceExhaustedError,
  UnauthenticatedError,
} from "@keyfrag/rpc";
import { createSemaphore } from "@keyfrag/runtime";
import { burnVerification, newAccessKey, verifyAccessKey } from "../methods/access-key.js";
import type { MethodStore } from "../methods/method-store.js";
import { boundCidrs, type StoredMethod } from "../methods/method-types.js";
import { ACCESS_ID, addressAllowed } from "../methods/method-validation.js";
import type { IssuedToken, TokenService } from "../tokens/token-service.js";
import { certificateLogin } from "./certificate-login.js";
import type { FailureLimiter } from "./failure-limiter.js";
import type { JwtLogin } from "./jwt-login.js";
import { boundSubClaims, emptySubClaims, type LoginClaims } from "./login-claims.js";
import { callerMessage, LoginDenied } from "./login-denied.js";

/** The credential of one login attempt. */
export type Credential =
  | { kind: "access_key"; value: string }
  | { kind: "jwt"; value: string }
  | { kind: "client_certificate"; value: Buffer };

export interface LoginAttempt {
  accessId: string;
  credential: Credential | undefined;
  /**
   * Where the end user is: the gateway's word when the caller is a gateway (required, an IP
   * address), else the peer's address.
   */
  sourceAddress: string;
  /** The mTLS role of whoever relays the attempt. */
  callerRole: NodeRole;
  requestId?: string;
}

export interface LoginResult extends IssuedToken {
  method: StoredMethod;
  subClaims: SubClaims;
  uniqueId?: string;
}

export interface LoginService {
  /** A token for a valid credential; UnauthenticatedError (and others) otherwise. */
  authenticate(attempt: LoginAttempt): Promise<LoginResult>;
}

const EXPECTED: Record<StoredMethod["type"], Credential["kind"]> = {
  "access-key": "access_key",
  jwt: "jwt",
  kubernetes: "jwt",
  certificate: "client_certificate",
};

/** Normalises an IP address (IPv4-mapped IPv6 becomes IPv4); "" when it is not one. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped?.[1] ?? address;
  return isIP(ip) ? ip : "";
}

/** The IP of a grpc-js peer string (`1.2.3.4:5678`, `[::1]:5678`, `ipv4:…`); "" if none. */
export function peerAddress(peer: string): string {
  const rest = peer.replace(/^ipv[46]:/, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(rest);
  if (bracketed?.[1]) return normalizeAddress(bracketed[1]);
  const v4 = /^(\d+\.\d+\.\d+\.\d+)(?::\d+)?$/.exec(rest);
  if (v4?.[1]) return normalizeAddress(v4[1]);
  return normalizeAddress(rest);
}

/** scrypt runs on libuv's small threadpool: logins must not be able to occupy all of it. */
const SCRYPT_CONCURRENCY = 4;
/** Beyond this many waiting verifications, refuse rather than queue without bound. */
const SCRYPT_QUEUE = 256;
/** What a login refused for want of a verification permit is told and recorded as. */
const VERIFICATIONS_FULL = "too many logins in progress; try again later";

/** The login service. */
export function createLoginService(deps: {
  methods: Pick<MethodStore, "byAccessId">;
  tokens: Pick<TokenService, "issue">;
  limiter: FailureLimiter;
  jwt: JwtLogin;
  audit: Pick<AuditEmitter, "emit">;
  /** Permits for scrypt verifications (default: 4 at once, 256 waiting). */
  verifications?: { concurrent: number; queued: number };
}): LoginService {
  const { concurrent, queued } = deps.verifications ?? {
    concurrent: SCRYPT_CONCURRENCY,
    queued: SCRYPT_QUEUE,
  };
  const verifications = createSemaphore(concurrent, queued, "logins");
  /** Verifications running or waiting: when the semaphore would refuse one more. */
  let pending = 0;
  const verificationsFull = () => pending >= concurrent + queued;
  /** How long a verification takes here (moving average, queueing included). */
  let verificationMs: number | undefined;
  let calibration: Promise<void> | undefined;

  async function timedVerification<T>(fn: () => Promise<T>): Promise<T> {
    if (verificationsFull()) throw new ResourceExhaustedError(VERIFICATIONS_FULL);
    const startedAt = performance.now();
    pending++;
    try {
      return await verifications.run(fn);
    } finally {
      pending--;
      const took = performance.now() - startedAt;
      verificationMs = verificationMs === undefined ? took : verificationMs * 0.8 + took * 0.2;
    }
  }

  /**
   * An unknown access id is answered after about as long as a verification takes, so response
   * times do not tell which access ids exist; but with a timer, not an scrypt: guesses of access
   * ids, unlimited in number, must not take the permits real logins need. Only the first one
   * measures a real verification, when no login has yet.
   */
  async function seemToVerify(): Promise<void> {
    const typicalMs = verificationMs;
    if (typicalMs === undefined) {
      calibration ??= timedVerification(() => burnVerification(newAccessKey())).catch(() => {
        calibration = undefined;
      });
      await calibration;
      return;
    }
    const jitter = 0.9 + Math.random() * 0.2;
    await new Promise((resolve) => setTimeout(resolve, typicalMs * jitter));
  }

  async function check(
    method: StoredMethod,
    credential: Credential,
    attempt: LoginAttempt,
  ): Promise<LoginClaims> {
    if (!addressAllowed(boundCidrs(method), attempt.sourceAddress)) {
      throw new LoginDenied("", `source address ${attempt.sourceAddress} not in bound_cidrs`);
    }
    if (EXPECTED[method.type] !== credential.kind) {
      throw new LoginDenied(
        "credential type not accepted by this method",
        `${credential.kind} presented to a ${method.type} method`,
      );
    }
    switch (credential.kind) {
      case "access_key": {
        const hash = method.keyHash;
        if (!hash || !(await timedVerification(() => verifyAccessKey(credential.value, hash)))) {
          throw new LoginDenied("", "wrong access key");
        }
        return { subClaims: emptySubClaims() };
      }
      case "jwt":
        if (method.jwt) return deps.jwt.jwt(method.accessId, method.jwt, credential.value);
        if (method.kubernetes) {
          return deps.jwt.kubernetes(method.accessId, method.kubernetes, credential.value);
        }
        throw new LoginDenied("", "method has no JWT configuration");
      case "client_certificate":
        if (!method.certificate)
          throw new LoginDenied("", "method has no certificate configuration");
        return { subClaims: certificateLogin(method.certificate, credential.value) };
    }
  }

  /** What is wrong with the attempt's form, if anything: [audit reason, caller message]. */
  function malformation(attempt: LoginAttempt): [string, string] | undefined {
    const { accessId, credential } = attempt;
    if (!accessId) return ["access id missing", "access_id is required"];
    if (accessId.length > 64 || !ACCESS_ID.test(accessId)) {
      return ["access id malformed", "access_id must be p- followed by 12-16 of [a-z0-9]"];
    }
    if (!credential) {
      return ["credential missing", "one of access_key, jwt or client_certificate is required"];
    }
    if (credential.value.length === 0) {
      return [`${credential.kind} empty`, `${credential.kind} must not be empty`];
    }
    if (!normalizeAddress(attempt.sourceAddress)) {
      return [
        "source address missing or not an IP address",
        "source_address is required and must be an IP address",
      ];
    }
    return undefined;
  }

  return {
    async authenticate(attempt) {
      const { credential } = attempt;
      const sourceAddress = normalizeAddress(attempt.sourceAddress);
      // An access id that is not well-formed is not recorded: it could be anything, a pasted
      // secret included.
      const accessId = ACCESS_ID.test(attempt.accessId) ? attempt.accessId : "";
      const actor = { accessId, sourceAddress };
      const base = {
        action: "auth.authenticate",
        requestId: attempt.requestId,
        fields: { credential: credential?.kind ?? "none", caller: attempt.callerRole },
      };

      const malformed = malformation(attempt);
      if (malformed || !credential) {
        const [reason, message] = malformed ?? ["credential missing", "a credential is required"];
        await deps.audit.emit({ ...base, actor, result: "denied", reason });
        throw new InvalidArgumentError(message);
      }
      if (credential.kind === "client_certificate" && attempt.callerRole !== "gateway") {
        await deps.audit.emit({
          ...base,
          actor,
          result: "denied",
          reason: `client certificate presented by a ${attempt.callerRole}, not a gateway`,
        });
        throw new PermissionDeniedError("only a gateway may present a client certificate");
      }
      // Counted before the check, atomically: parallel attempts cannot all slip under the limit.
      if (!(await deps.limiter.attempt(accessId, sourceAddress))) {
        await deps.audit.emit({
          ...base,
          actor,
          result: "denied",
          reason: "too many failed logins",
        });
        throw new ResourceExhaustedError("too many failed logins; try again later");
      }
      // Refused alike whether the access id exists or not (an unknown one never waits for a
      // permit): a refusal that only real access-key methods got would tell which exist.
      // Denied, not an error: anyone can cause it, so it falls under the denied-event budget.
      if (credential.kind === "access_key" && verificationsFull()) {
        await deps.audit.emit({ ...base, actor, result: "denied", reason: VERIFICATIONS_FULL });
        throw new ResourceExhaustedError(VERIFICATIONS_FULL);
      }

      let method: StoredMethod | undefined;
      try {
        method = await deps.methods.byAccessId(accessId);
        if (!method) {
          // A key set cached for a method deleted through another replica is no longer needed.
          deps.jwt.evict(accessId);
          if (credential.kind === "access_key") {
            // As a real key's check would be, if the permits filled up since the check above.
            if (verificationsFull()) throw new ResourceExhaustedError(VERIFICATIONS_FULL);
            await seemToVerify();
          }
          throw new LoginDenied("", "unknown access id");
        }
        const claims = await check(method, credential, { ...attempt, sourceAddress });
        const { subClaims, trimmed } = boundSubClaims(claims.subClaims);
        await deps.limiter.reset(accessId, sourceAddress);
        const issued = await deps.tokens.issue(method, subClaims, claims.uniqueId);
        // Fail closed: without a recorded event the token is never handed out.
        await deps.audit.emit({
          ...base,
          actor: { ...actor, authMethod: method.name, subClaims },
          path: method.name,
          result: "allowed",
          fields: {
            ...base.fields,
            jti: issued.jti,
            expiresAtMs: String(issued.expiresAtMs),
            ...(claims.uniqueId ? { uniqueId: claims.uniqueId } : {}),
            ...(trimmed.length ? { subClaimsTrimmed: trimmed.join("; ") } : {}),
          },
        });
        return { ...issued, method, subClaims, uniqueId: claims.uniqueId };
      } catch (err) {
        if (err instanceof ResourceExhaustedError && err.message === VERIFICATIONS_FULL) {
          await deps.audit.emit({
            ...base,
            actor: { ...actor, authMethod: method?.name },
            path: method?.name,
            result: "denied",
            reason: VERIFICATIONS_FULL,
          });
          throw err;
        }
        if (!(err instanceof LoginDenied)) {
          if (!(err instanceof KeyfragError && err.code === "unavailable")) {
            await deps.audit
              .emit({
                ...base,
                actor: { ...actor, authMethod: method?.name },
                path: method?.name,
                result: "error",
                reason: (err as Error)?.message ?? "internal error",
              })
              .catch(() => undefined);
          }
          throw err;
        }
        await deps.audit.emit({
          ...base,
          actor: { ...actor, authMethod: method?.name },
          path: method?.name,
          result: "denied",
          reason: err.detail.includes(err.summary) ? err.detail : `${err.summary}: ${err.detail}`,
        });
        throw new UnauthenticatedError(callerMessage(err));
      }
    },
  };
}
