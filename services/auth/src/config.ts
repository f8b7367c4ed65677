import { DEFAULT_TOKEN_ISSUER } from "@keyfrag/auth-client";
import { env, parseConfig, serviceEnv, z } from "@keyfrag/config";

const schema = z
  .object({
    ...serviceEnv({ redisPrefix: "kf:auth" }),
    /** Hex file with the cluster's audit key (HMAC of secret-bearing audit fields). */
    KF_AUDIT_KEY_FILE: env.keyFile(32),
    KF_TOKEN_ISSUER: z.string().min(1).max(200).default(DEFAULT_TOKEN_ISSUER),
    KF_TOKEN_DEFAULT_TTL_SECONDS: env.int(1, 31_536_000).default(900),
    KF_TOKEN_MAX_TTL_SECONDS: env.int(1, 31_536_000).default(86_400),
    /** How long one in-memory signing key is used before the next one replaces it. */
    KF_TOKEN_KEY_ROTATION_MS: env.int(1_000, 31_536_000_000).default(86_400_000),
    KF_LOGIN_MAX_FAILURES: env.int(1, 1_000_000).default(5),
    /**
     * The token auth presents to API servers' TokenReview for Kubernetes methods that ask for
     * one (e.g. its own pod's projected token, bound to system:auth-delegator); unset: the
     * token under review is sent.
     */
    KF_K8S_TOKEN_REVIEWER_JWT_FILE: z.string().min(1).optional(),
    /**
     * The API servers (comma-separated https URLs, e.g. https://kubernetes.default.svc) that
     * Kubernetes methods may name as token_review_url; empty (default): none. Checked when a
     * method is created and at each login, so a method's creator cannot send auth's reviewer
     * token, or anyone's service-account token, to a server of their own.
     */
    KF_K8S_TOKEN_REVIEW_URLS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .refine(
        (urls) =>
          urls.every((u) => {
            try {
              return new URL(u).protocol === "https:";
            } catch {
              return false;
            }
          }),
        { message: "must be comma-separated https URLs" },
      ),
    KF_LOGIN_FAILURE_WINDOW_MS: env.int(100, 86_400_000).default(60_000),
    /**
     * The policy service (host:port). When set, the first auth replica of a new cluster
     * creates the admin access key and the admin role there (bootstrap).
     */
    KF_POLICY_ADDRESS: env.address().optional(),
    /** Where the bootstrap writes the admin credentials (0600); required with KF_POLICY_ADDRESS. */
    KF_BOOTSTRAP_CREDENTIALS_FILE: z.string().min(1).optional(),
  })
  .refine((c) => !c.KF_POLICY_ADDRESS || c.KF_BOOTSTRAP_CREDENTIALS_FILE, {
    message: "is required with KF_POLICY_ADDRESS (the bootstrap writes the admin key only there)",
    path: ["KF_BOOTSTRAP_CREDENTIALS_FILE"],
  })
  .refine((c) => c.KF_TOKEN_DEFAULT_TTL_SECONDS <= c.KF_TOKEN_MAX_TTL_SECONDS, {
    message: "must not exceed KF_TOKEN_MAX_TTL_SECONDS",
    path: ["KF_TOKEN_DEFAULT_TTL_SECONDS"],
  });

export type AuthConfig = z.infer<typeof schema> & { nodeId: string };

/** Reads the auth service's configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  const config = parseConfig(schema as unknown as z.ZodObject, source) as z.infer<typeof schema>;
  return { ...config, nodeId: config.KF_NODE_ID };
}
