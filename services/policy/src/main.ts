import { publishJson, subjects } from "@keyfrag/bus";
import { loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { loadConfig } from "./config.js";
import { createPolicyService } from "./policy/policy-service.js";
import { createPolicyStore } from "./policy/policy-store.js";
import { policyHandlers } from "./policy-grpc.js";

/** Composition root of a policy service replica. */
runService({
  name: "policy",
  loadConfig,
  build: ({ log, redis, nc }, config) => {
    const changed = subjects(config.KF_CLUSTER).policyChanged;
    // No in-memory copy of roles or associations here: a decision is two Redis round trips,
    // callers cache decisions themselves (libs/policy-client), and a replica without a cache
    // can never serve another replica's stale policy.
    const policy = createPolicyService({
      store: createPolicyStore(redis, config.KF_REDIS_PREFIX),
      publish: (change) => {
        try {
          publishJson(nc, changed, { ...change, at: Date.now() });
        } catch (err) {
          // The change is stored; caches that miss this event still expire by their TTL.
          log.error({ err, change }, "could not publish a policy change event");
        }
      },
    });
    return {
      services: [
        {
          definition: loadKeyfragProto().policy,
          implementation: policyHandlers({ policy, logger: log }),
        },
      ],
    };
  },
});
