import { createAuditEmitter } from "@keyfrag/bus";
import { clientCredentials, createPolicyClient, loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { createAuthService } from "./auth-service.js";
import { bootstrapAdmin } from "./bootstrap/admin-bootstrap.js";
import { loadConfig } from "./config.js";

/** Composition root of an auth replica. */
runService({
  name: "auth",
  loadConfig,
  build: async ({ log, tls, redis, nc }, config) => {
    const audit = createAuditEmitter({
      nc,
      prefix: config.KF_CLUSTER,
      service: "auth",
      auditKey: config.KF_AUDIT_KEY_FILE,
    });
    const auth = createAuthService({
      redis,
      nc,
      audit,
      logger: log,
      settings: {
        redisPrefix: config.KF_REDIS_PREFIX,
        cluster: config.KF_CLUSTER,
        issuer: config.KF_TOKEN_ISSUER,
        defaultTtlSeconds: config.KF_TOKEN_DEFAULT_TTL_SECONDS,
        maxTtlSeconds: config.KF_TOKEN_MAX_TTL_SECONDS,
        keyRotationMs: config.KF_TOKEN_KEY_ROTATION_MS,
        maxLoginFailures: config.KF_LOGIN_MAX_FAILURES,
        loginFailureWindowMs: config.KF_LOGIN_FAILURE_WINDOW_MS,
        jwt: {
          tokenReviewUrls: config.KF_K8S_TOKEN_REVIEW_URLS,
          ...(config.KF_K8S_TOKEN_REVIEWER_JWT_FILE
            ? { tokenReviewerJwtFile: config.KF_K8S_TOKEN_REVIEWER_JWT_FILE }
            : {}),
        },
      },
    });
    // A signing key exists before the first login can arrive.
    await auth.start();
    const policy = config.KF_POLICY_ADDRESS
      ? createPolicyClient(config.KF_POLICY_ADDRESS, clientCredentials(tls))
      : undefined;

    /** In the background: the policy service may start after us. */
    const bootstrap = () => {
      const credentialsFile = config.KF_BOOTSTRAP_CREDENTIALS_FILE;
      if (!policy || !credentialsFile) {
        log.warn("KF_POLICY_ADDRESS is not set: no admin bootstrap");
        return;
      }
      bootstrapAdmin({
        redis,
        prefix: config.KF_REDIS_PREFIX,
        methods: auth.methods,
        policy,
        audit,
        credentialsFile,
        nodeId: config.nodeId,
        log,
      })
        .then((outcome) => {
          // Launchers show the operator where the credentials are; the key is only in the file.
          if (outcome === "bootstrapped") {
            console.log(JSON.stringify({ bootstrap: { credentialsFile } }));
          }
        })
        .catch((err: unknown) => log.error({ err }, "bootstrap failed; the next start retries"));
    };

    return {
      services: [{ definition: loadKeyfragProto().auth, implementation: auth.handlers }],
      start: async () => bootstrap(),
      stop: async () => {
        policy?.close();
        auth.stop();
        // The last window's summary of denied events that were counted, not recorded one by one.
        await audit
          .close()
          .catch((err: unknown) => log.warn({ err }, "audit summary not recorded"));
      },
    };
  },
});
