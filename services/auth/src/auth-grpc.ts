/** The `keyfrag.v1.Auth` gRPC service: request decoding, caller roles, source addresses. */
import type { AuditEmitter } from "@keyfrag/bus";
import {
  type AuthHandlers,
  type AuthMethod,
  forRoles,
  type Identity,
  InvalidArgumentError,
  type Logger,
  type NodeRole,
  peerIdentity,
  REQUEST_ID_KEY,
  unary,
} from "@keyfrag/rpc";
import type { Credential, LoginService } from "./login/login-service.js";
import { peerAddress } from "./login/login-service.js";
import type { MethodService } from "./methods/method-service.js";
import { methodToProto } from "./methods/method-types.js";
import { checkAccessId } from "./methods/method-validation.js";
import type { Revocations } from "./tokens/revocations.js";
import type { TokenService } from "./tokens/token-service.js";

/** Logins, method management and revocation are relayed by gateways only. */
const GATEWAY = ["gateway"] as const satisfies readonly NodeRole[];
/** Every service that verifies tokens reads keys and revocations. */
const VERIFIERS = [
  "gateway",
  "auth",
  "policy",
  "secrets",
  "producers",
  "audit",
  "coordinator",
] as const satisfies readonly NodeRole[];

/**
 * Revocations per ListRevocations page: ~100 bytes each, so a page stays far below gRPC's 4 MiB
 * message limit however long the list is.
 */
const DEFAULT_REVOCATION_PAGE = 1_000;
const MAX_REVOCATION_PAGE = 5_000;

type Call = Parameters<Parameters<typeof unary>[0]>[1];

function requestId(call: Call): string | undefined {
  const [value] = call.metadata.get(REQUEST_ID_KEY);
  return typeof value === "string" ? value : undefined;
}

/**
 * The end user's address: a gateway must say it (the login service refuses an attempt without
 * it; the gateway's own address would make bound_cidrs and the failure limit meaningless), any
 * other caller is the end user itself.
 */
function sourceAddressOf(call: Call, given: string, role: NodeRole): string {
  return role === "gateway" ? given : peerAddress(call.getPeer());
}

function toIdentity(
  accessId: string,
  authMethod: string,
  authType: string,
  subClaims: Record<string, string[]>,
): Identity {
  return {
    access_id: accessId,
    auth_method: authMethod,
    auth_type: authType,
    sub_claims: Object.fromEntries(Object.entries(subClaims).map(([k, values]) => [k, { values }])),
  };
}

/** The handlers of `keyfrag.v1.Auth`. */
export function authHandlers(deps: {
  methods: MethodService;
  login: LoginService;
  tokens: TokenService;
  revocations: Pick<Revocations, "page">;
  audit: Pick<AuditEmitter, "emit">;
  logger: Logger;
}): AuthHandlers {
  const gateway = <Req, Res>(fn: (req: Req, call: Call) => Promise<Res>) =>
    unary<Req, Res>((req, call) => fn(req, call as Call), { logger: deps.logger, roles: GATEWAY });
  const verifier = forRoles(VERIFIERS, deps.logger);
  const context = (call: Call) => {
    const peer = peerIdentity(call);
    return {
      caller: `${peer.role}:${peer.nodeId}`,
      sourceAddress: peerAddress(call.getPeer()),
      requestId: requestId(call),
    };
  };

  return {
    CreateAuthMethod: gateway(async (req, call) => {
      const { method, accessKey } = await deps.methods.create(req, context(call));
      return { method: methodToProto(method), access_key: accessKey ?? "" };
    }),
    GetAuthMethod: gateway(
      async (req): Promise<AuthMethod> => methodToProto(await deps.methods.get(req)),
    ),
    ListAuthMethods: gateway(async (req) => {
      const page = await deps.methods.list(req.page_size, req.page_token);
      return { methods: page.methods.map(methodToProto), next_page_token: page.nextPageToken };
    }),
    DeleteAuthMethod: gateway(async (req, call) => {
      await deps.methods.delete(req, context(call));
      return {};
    }),
    Authenticate: gateway(async (req, call) => {
      const role = peerIdentity(call).role;
      let credential: Credential | undefined;
      if (req.credential === "access_key")
        credential = { kind: "access_key", value: req.access_key ?? "" };
      else if (req.credential === "jwt") credential = { kind: "jwt", value: req.jwt ?? "" };
      else if (req.credential === "client_certificate") {
        credential = {
          kind: "client_certificate",
          value: req.client_certificate ?? Buffer.alloc(0),
        };
      }
      const result = await deps.login.authenticate({
        accessId: req.access_id,
        credential,
        sourceAddress: sourceAddressOf(call, req.source_address, role),
        callerRole: role,
        requestId: requestId(call),
      });
      return {
        token: result.token,
        expires_at_ms: String(result.expiresAtMs),
        identity: toIdentity(
          result.method.accessId,
          result.method.name,
          result.method.type,
          result.subClaims,
        ),
      };
    }),
    RevokeToken: gateway(async (req, call) => {
      const ctx = context(call);
      const audit = (path: string, fields: Record<string, string>) =>
        deps.audit.emit({
          actor: { sourceAddress: ctx.sourceAddress },
          action: "auth.token.revoke",
          path,
          result: "allowed",
          requestId: ctx.requestId,
          fields: { caller: ctx.caller, ...fields },
        });
      if (req.target === "token") {
        const claims = await deps.tokens.revokeToken(req.token ?? "");
        if (claims) await audit(claims.kf_am, { jti: claims.jti, accessId: claims.sub });
      } else if (req.target === "access_id") {
        const accessId = req.access_id ?? "";
        checkAccessId(accessId);
        await deps.tokens.revokeAccessId(accessId);
        await audit("", { accessId });
      } else {
        throw new InvalidArgumentError("token or access_id is required");
      }
      return {};
    }),
    GetTokenKeys: verifier(async () => deps.tokens.tokenKeys()),
    ListRevocations: verifier(async (req) => {
      const pageSize = req.page_size || DEFAULT_REVOCATION_PAGE;
      if (pageSize > MAX_REVOCATION_PAGE) {
        throw new InvalidArgumentError(`page_size must be at most ${MAX_REVOCATION_PAGE}`);
      }
      const page = await deps.revocations.page(req.page_token, pageSize);
      return {
        revocations: page.revocations.map((r) =>
          "jti" in r
            ? { jti: r.jti, expires_at_ms: String(r.expiresAtMs) }
            : {
                access_id: r.accessId,
                issued_before_ms: String(r.issuedBeforeMs),
                expires_at_ms: String(r.expiresAtMs),
              },
        ),
        next_page_token: page.nextPageToken,
      };
    }),
  };
}
