/**
 * The request pipeline every public method but Auth goes through: verify the token → authorize
 * every check with policy → record the audit event → do the work (→ record an error event if
 * the work failed). Nothing is done for a request whose audit event was not durably recorded.
 */
import type { Metadata } from "@grpc/grpc-js";
import type { TokenIdentity, VerifiedToken } from "@keyfrag/auth-client";
import type { AuditActor, AuditEventInput } from "@keyfrag/bus";
import type { PolicyDecision } from "@keyfrag/policy-client";
import {
  type Identity,
  KeyfragError,
  PermissionDeniedError,
  UnauthenticatedError,
  UnavailableError,
} from "@keyfrag/rpc";
import { asCaller, tokenCaller } from "../keys/fair-limiter.js";
import { auditAction, bearerToken, peerAddress, requestIdOf } from "./request-context.js";

/** One thing policy must allow: capability on (rule type, path). */
export interface Check {
  ruleType: "item" | "role" | "auth-method" | "audit";
  path: string;
  capability: "create" | "read" | "update" | "delete" | "list" | "sign";
  /**
   * Only a rule naming `path` itself may allow it (a glob such as `/*` does not): for what must
   * be granted explicitly, e.g. signing directly with an SSH CA's or a JWT issuer's key.
   */
  exact?: { why: string };
}

/** Who is calling, once their token verified. */
export interface Caller {
  token: string;
  verified: VerifiedToken;
  /** The identity as policy and audit take it. */
  identity: Identity;
  actor: AuditActor;
  requestId: string;
}

/** What a method asks of the pipeline, worked out from the (validated) request. */
export interface RequestPlan {
  /** What the audit event is about (an item, role or method path; empty when none). */
  path: string;
  checks: readonly Check[];
  fields?: Record<string, string>;
  /** Request fields that could carry a secret: audited only as their HMAC. */
  secretFields?: Record<string, string>;
}

/** The parts of a grpc-js server call the pipeline reads. */
export interface CallView {
  metadata: Metadata;
  getPeer(): string;
}

/** What the gateway logs with (pino fits). */
export interface GatewayLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface PipelineDeps {
  verifier: { verify(token: string): Promise<VerifiedToken> };
  decisions: {
    authorize(
      identity: Identity,
      ruleType: string,
      path: string,
      capability: string,
    ): Promise<PolicyDecision>;
  };
  audit: { emit(event: AuditEventInput): Promise<unknown> };
  logger: GatewayLogger;
}

/**
 * The identity message of a verified token, frozen to the leaves: it is shared by every request
 * of the token, and the decision cache works out its key once for an identity that cannot change.
 */
export function identityMessage(identity: TokenIdentity): Identity {
  const subClaims: Identity["sub_claims"] = {};
  for (const [claim, values] of Object.entries(identity.subClaims)) {
    subClaims[claim] = Object.freeze({ values: Object.freeze([...values]) as string[] });
  }
  return Object.freeze({
    access_id: identity.accessId,
    auth_method: identity.authMethod,
    auth_type: identity.authType,
    sub_claims: Object.freeze(subClaims),
  });
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Creates the pipeline; `run` is what every handler calls. */
export function createPipeline(deps: PipelineDeps) {
  const { verifier, decisions, audit, logger } = deps;
  /**
   * What every request of one verified token needs from its identity, worked out once: the
   * verifier hands back the same (frozen) identity for every call of a cached token.
   */
  const perIdentity = new WeakMap<TokenIdentity, { identity: Identity; limiterCaller: string }>();
  const derived = (identity: TokenIdentity) => {
    let d = perIdentity.get(identity);
    if (!d) {
      d = { identity: identityMessage(identity), limiterCaller: tokenCaller(identity) };
      perIdentity.set(identity, d);
    }
    return d;
  };

  /** Verifies the call's token; a failure is audited (best effort) and thrown as UNAUTHENTICATED. */
  async function authenticate(call: CallView, method: string): Promise<Caller> {
    const requestId = requestIdOf(call.metadata);
    const sourceAddress = peerAddress(call.getPeer());
    try {
      const token = bearerToken(call.metadata);
      const verified = await verifier.verify(token);
      return {
        token,
        verified,
        identity: derived(verified.identity).identity,
        actor: {
          authMethod: verified.identity.authMethod,
          accessId: verified.identity.accessId,
          subClaims: verified.identity.subClaims,
          sourceAddress,
        },
        requestId,
      };
    } catch (err) {
      const reason = err instanceof UnauthenticatedError ? err.message : "token not verifiable";
      await audit
        .emit({
          actor: { sourceAddress },
          action: auditAction(method),
          result: "denied",
          requestId,
          reason: `unauthenticated: ${reason}`,
        })
        .catch((e: unknown) => logger.warn({ err: e }, "could not audit an unauthenticated call"));
      if (err instanceof UnauthenticatedError) throw err;
      // The verifier could not reach the auth service for keys: that is no verdict on the token.
      throw new UnavailableError(`token verification unavailable: ${describe(err)}`, {
        cause: err,
      });
    }
  }

  /** Asks policy for one check; a policy error is a deny (UNAVAILABLE), never an allow. */
  async function decide(caller: Caller, check: Check): Promise<PolicyDecision> {
    try {
      const decision = await decisions.authorize(
        caller.identity,
        check.ruleType,
        check.path,
        check.capability,
      );
      if (!check.exact || !decision.allowed || decision.rule?.path === check.path) return decision;
      return {
        ...decision,
        allowed: false,
        reason: `${check.exact.why}: only a rule naming ${check.path} itself grants it (role ${JSON.stringify(decision.role)} grants it by ${decision.rule?.path ?? "a glob"})`,
      };
    } catch (err) {
      if (err instanceof KeyfragError && err.code === "invalid-argument") throw err;
      throw new UnavailableError(`policy unavailable: ${describe(err)}`, { cause: err });
    }
  }

  /** Throws PERMISSION_DENIED (after auditing the denial) unless policy allows `check`. */
  async function authorize(caller: Caller, method: string, plan: RequestPlan, check: Check) {
    const decision = await decide(caller, check);
    if (decision.allowed) return;
    const what = `${check.capability} on ${check.ruleType} ${check.path}`;
    await audit
      .emit({
        actor: caller.actor,
        action: auditAction(method),
        path: check.path,
        result: "denied",
        requestId: caller.requestId,
        reason: decision.reason || "no rule allows it",
        fields: { ...plan.fields, ruleType: check.ruleType, capability: check.capability },
        ...(plan.secretFields ? { secretFields: plan.secretFields } : {}),
        // The token was verified: this denial names who asked, so it is never only counted.
        authenticated: true,
      })
      .catch((e: unknown) => logger.warn({ err: e }, "could not audit a denial"));
    throw new PermissionDeniedError(`${what} denied: ${decision.reason || "no rule allows it"}`);
  }

  /** Records that the caller is allowed to do what the plan says; nothing happens if this fails. */
  async function recordAllowed(
    caller: Caller,
    method: string,
    plan: RequestPlan,
    reason?: string,
  ): Promise<void> {
    try {
      await audit.emit({
        actor: caller.actor,
        action: auditAction(method),
        path: plan.path,
        result: "allowed",
        requestId: caller.requestId,
        ...(reason ? { reason } : {}),
        ...(plan.fields ? { fields: plan.fields } : {}),
        ...(plan.secretFields ? { secretFields: plan.secretFields } : {}),
      });
    } catch (err) {
      throw new UnavailableError(`audit unavailable: ${describe(err)}`, { cause: err });
    }
  }

  /** Records that allowed work failed (best effort: the failure is what the caller sees). */
  async function recordError(caller: Caller, method: string, plan: RequestPlan, err: unknown) {
    const code = err instanceof KeyfragError ? err.code : "internal";
    // Only our own error classes carry caller-safe messages; anything else is named by its code.
    const reason = err instanceof KeyfragError && code !== "internal" ? err.message : code;
    await audit
      .emit({
        actor: caller.actor,
        action: auditAction(method),
        path: plan.path,
        result: "error",
        requestId: caller.requestId,
        reason,
        ...(plan.fields ? { fields: plan.fields } : {}),
        ...(plan.secretFields ? { secretFields: plan.secretFields } : {}),
      })
      .catch((e: unknown) => logger.warn({ err: e }, "could not audit a failed request"));
  }

  return {
    authenticate,
    /**
     * Records, durably, one more `allowed` event for work already under way (e.g. a value served
     * from the cache while upstream is down); throws UNAVAILABLE if it cannot be recorded.
     */
    recordAllowed,
    /** Whether policy allows `check` for the caller (no audit; for filtering lists). */
    async allows(caller: Caller, check: Check): Promise<boolean> {
      return (await decide(caller, check)).allowed;
    },
    /**
     * Runs one request: authenticate, let `plan` validate the request and name its checks,
     * authorize each, audit, then `work`.
     */
    async run<Res>(
      call: CallView,
      method: string,
      plan: (caller: Caller) => RequestPlan | Promise<RequestPlan>,
      work: (caller: Caller) => Promise<Res>,
    ): Promise<Res> {
      const caller = await authenticate(call, method);
      const planned = await plan(caller);
      for (const check of planned.checks) await authorize(caller, method, planned, check);
      await recordAllowed(caller, method, planned);
      try {
        // Key operations are shared out fairly between callers (keys/fair-limiter.ts).
        return await asCaller(derived(caller.verified.identity).limiterCaller, () => work(caller));
      } catch (err) {
        await recordError(caller, method, planned, err);
        throw err;
      }
    },
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;
