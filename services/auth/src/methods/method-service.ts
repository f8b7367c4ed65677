/** Creating, reading, listing and deleting auth methods, each change audited. */
import type { AuditEmitter } from "@keyfrag/bus";
import {
  type CreateAuthMethodRequest__Output,
  InvalidArgumentError,
  NotFoundError,
} from "@keyfrag/rpc";
import type { JwtLogin } from "../login/jwt-login.js";
import type { TokenService } from "../tokens/token-service.js";
import { hashAccessKey, newAccessKey } from "./access-key.js";
import { type MethodStore, newAccessId, pageToken, parsePageToken } from "./method-store.js";
import type { StoredMethod } from "./method-types.js";
import { checkAccessId, checkName, validateCreateRequest } from "./method-validation.js";

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1_000;

/** Who asked for a change: the relaying node, and the end user's address if known. */
export interface ChangeContext {
  caller: string;
  sourceAddress?: string;
  requestId?: string;
}

export interface MethodService {
  /** Creates a method; an access-key method's key is returned here and never again. */
  create(
    req: CreateAuthMethodRequest__Output,
    ctx: ChangeContext,
  ): Promise<{ method: StoredMethod; accessKey?: string }>;
  /** By name or access id (exactly one). */
  get(ref: { name: string; access_id: string }): Promise<StoredMethod>;
  list(
    pageSize: number,
    token: string,
  ): Promise<{ methods: StoredMethod[]; nextPageToken: string }>;
  /** Deletes a method and revokes every token issued to its access id. */
  delete(ref: { name: string; access_id: string }, ctx: ChangeContext): Promise<void>;
}

/** The method service over Redis. */
export function createMethodService(deps: {
  store: MethodStore;
  audit: Pick<AuditEmitter, "emit">;
  tokens: Pick<TokenService, "revokeAccessId">;
  jwt: Pick<JwtLogin, "evict">;
  maxTtlSeconds: number;
  /** The API servers Kubernetes methods may name for TokenReview (KF_K8S_TOKEN_REVIEW_URLS). */
  tokenReviewUrls?: readonly string[];
}): MethodService {
  const { store } = deps;

  async function get(ref: { name: string; access_id: string }): Promise<StoredMethod> {
    if (ref.name && ref.access_id) {
      throw new InvalidArgumentError("give either name or access_id, not both");
    }
    let found: StoredMethod | undefined;
    if (ref.access_id) {
      checkAccessId(ref.access_id);
      found = await store.byAccessId(ref.access_id);
    } else if (ref.name) {
      checkName(ref.name);
      found = await store.byName(ref.name);
    } else {
      throw new InvalidArgumentError("name or access_id is required");
    }
    if (!found) throw new NotFoundError("no such auth method");
    return found;
  }

  return {
    async create(req, ctx) {
      const valid = validateCreateRequest(req, deps.maxTtlSeconds, deps.tokenReviewUrls);
      const accessKey = valid.type === "access-key" ? newAccessKey() : undefined;
      const method: StoredMethod = {
        ...valid,
        accessId: newAccessId(),
        createdAtMs: Date.now(),
        ...(accessKey ? { keyHash: await hashAccessKey(accessKey) } : {}),
      };
      await store.create(method);
      await deps.audit.emit({
        actor: { sourceAddress: ctx.sourceAddress },
        action: "auth.method.create",
        path: method.name,
        result: "allowed",
        requestId: ctx.requestId,
        fields: { caller: ctx.caller, accessId: method.accessId, type: method.type },
      });
      return { method, accessKey };
    },
    get,
    async list(pageSize, token) {
      if (pageSize > MAX_PAGE) {
        throw new InvalidArgumentError(`page_size must be at most ${MAX_PAGE}`);
      }
      const { methods, more } = await store.list(parsePageToken(token), pageSize || DEFAULT_PAGE);
      const last = methods.at(-1);
      return { methods, nextPageToken: more && last ? pageToken(last.name) : "" };
    },
    async delete(ref, ctx) {
      const method = await get(ref);
      // Revoked before the delete, so a failure leaves the method in place for a retry; and
      // again after it, for tokens of logins that read the method while it was being deleted.
      await deps.tokens.revokeAccessId(method.accessId);
      await store.delete(method);
      deps.jwt.evict(method.accessId);
      await deps.tokens.revokeAccessId(method.accessId);
      await deps.audit.emit({
        actor: { sourceAddress: ctx.sourceAddress },
        action: "auth.method.delete",
        path: method.name,
        result: "allowed",
        requestId: ctx.requestId,
        fields: {
          caller: ctx.caller,
          accessId: method.accessId,
          type: method.type,
          tokensRevoked: "all",
        },
      });
    },
  };
}
