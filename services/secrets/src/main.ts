import { publishJson } from "@keyfrag/bus";
import { loadKeyfragProto } from "@keyfrag/rpc";
import { runService } from "@keyfrag/runtime";
import { loadConfig } from "./config.js";
import { createChangeLog } from "./item/change-log.js";
import { createChangePublisher } from "./item/change-publisher.js";
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
    // A change the log did not take fails the write (UNAVAILABLE) and is recorded later.
    const publisher = createChangePublisher({
      changes,
      announce: (change) => publishJson(nc, changed, change),
      log,
    });
    // No cache here: every read goes to Redis, so replicas never disagree; the gateway caches
    // and drops an item when its change event arrives (or its TTL runs out).
    const items = createItemService({
      store: createItemStore(redis, config.KF_REDIS_PREFIX),
      maxCiphertextBytes: config.KF_MAX_CIPHERTEXT_BYTES,
      publish: (change) => publisher.publish(change),
    });
    return {
      services: [
        {
          definition: loadKeyfragProto().secrets,
          implementation: secretsHandlers({ items, changes, logger: log }),
        },
      ],
      stop: async () => publisher.close(),
    };
  },
});
