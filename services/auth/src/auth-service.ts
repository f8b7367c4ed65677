/** Builds the auth service's parts from its stores; main.ts and tests share this. */
import type { AuditEmitter, NatsConnection } from "@keyfrag/bus";
import type { AuthHandlers, Logger } from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import { authHandlers } from "./auth-grpc.js";
import { createFailureLimiter } from "./login/failure-limiter.js";
import { createJwtLogin, type JwtLoginOptions } from "./login/jwt-login.js";
import { createLoginService, type LoginService } from "./login/login-service.js";
import { createMethodService, type MethodService } from "./methods/method-service.js";
import { createMethodStore, type MethodStore } from "./methods/method-store.js";
import { redisClock } from "./tokens/clock.js";
import { createRevocations, type Revocations } from "./tokens/revocations.js";
import { createSigningKeys, type SigningKeys } from "./tokens/signing-keys.js";
import { createTokenService, type TokenService } from "./tokens/token-service.js";

export interface AuthServiceSettings {
  /** Redis key prefix (KF_REDIS_PREFIX). */
  redisPrefix: string;
  /** NATS subject prefix (KF_CLUSTER). */
  cluster: string;
  issuer: string;
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
  keyRotationMs: number;
  maxLoginFailures: number;
  loginFailureWindowMs: number;
  jwt?: JwtLoginOptions;
}

export interface AuthService {
  store: MethodStore;
  methods: MethodService;
  login: LoginService;
  tokens: TokenService;
  keys: SigningKeys;
  revocations: Revocations;
  handlers: AuthHandlers;
  /** Makes the first signing key; call before serving. */
  start(): Promise<void>;
  stop(): void;
}

/** Wires the auth service together. */
export function createAuthService(deps: {
  redis: Redis;
  nc: NatsConnection;
  audit: Pick<AuditEmitter, "emit">;
  settings: AuthServiceSettings;
  logger: Logger & { warn?(obj: object, msg: string): void };
}): AuthService {
  const { redis, nc, settings: s } = deps;
  const store = createMethodStore(redis, s.redisPrefix);
  const keys = createSigningKeys({
    redis,
    nc,
    prefix: s.redisPrefix,
    cluster: s.cluster,
    rotationMs: s.keyRotationMs,
    maxTtlMs: s.maxTtlSeconds * 1000,
    onError: (err) => deps.logger.error({ err }, "signing key rotation failed"),
  });
  const revocations = createRevocations({ redis, nc, prefix: s.redisPrefix, cluster: s.cluster });
  const tokens = createTokenService({
    keys,
    revocations,
    settings: {
      issuer: s.issuer,
      defaultTtlSeconds: s.defaultTtlSeconds,
      maxTtlSeconds: s.maxTtlSeconds,
    },
    clock: redisClock(redis),
  });
  const jwt = createJwtLogin(s.jwt);
  const methods = createMethodService({
    store,
    audit: deps.audit,
    tokens,
    jwt,
    maxTtlSeconds: s.maxTtlSeconds,
    tokenReviewUrls: s.jwt?.tokenReviewUrls ?? [],
  });
  const login = createLoginService({
    methods: store,
    tokens,
    limiter: createFailureLimiter({
      redis,
      prefix: s.redisPrefix,
      maxFailures: s.maxLoginFailures,
      windowMs: s.loginFailureWindowMs,
    }),
    jwt,
    audit: deps.audit,
  });
  const handlers = authHandlers({
    methods,
    login,
    tokens,
    revocations,
    audit: deps.audit,
    logger: deps.logger,
  });
  return {
    store,
    methods,
    login,
    tokens,
    keys,
    revocations,
    handlers,
    start: () => keys.start(),
    stop: () => keys.stop(),
  };
}
