import { publishJson } from "@keyfrag/bus";
import { loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { loadConfig } from "./config.js";
import { createChangeLog } from "./item/change-log.js";
import { createItemService } from "./item/item-service.js";
import { createItemStore } from "./item/item-store.js";
import { secretsChangedSubject } from "./item/item-types.js";
import { secretsHandlers } from "./secrets-grpc.js";

/** Composition root of a secrets service replica. */
runService({
  name: "secrets",
  loadConfig,
  build: ({ log, redis, nc }, config) => {
    const changed = secretsChangedSubject(config.KF_CLUSTER);
    const changes = createChangeLog(redis, config.KF_REDIS_PREFIX);
    // No cache here: every read goes to Redis, so replicas never disagree; the gateway caches
    // and drops an item when its change event arrives (or its TTL runs out).
    const items = createItemService({
      store: createItemStore(redis, config.KF_REDIS_PREFIX),
      maxCiphertextBytes: config.KF_MAX_CIPHERTEXT_BYTES,
      publish: async (change) => {
        try {
          // Before the answer: a gateway polling the log sees the change within its interval,
          // even if the event below is lost.
          await changes.record(change.name);
        } catch (err) {
          log.error({ err, change }, "could not record an item change in the change log");
        }
        try {
          publishJson(nc, changed, change);
        } catch (err) {
          // The change is stored; caches that miss this event still expire by their TTL.
          log.error({ err, change }, "could not publish an item change event");
        }
      },
    });
    return {
      services: [
        {
          definition: loadKeyfragProto().secrets,
          implementation: secretsHandlers({ items, changes, logger: log }),
        },
      ],
    };
  },
});
