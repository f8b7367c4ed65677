/**
 * Audit events for what the coordinator does to keys, whoever asked: creation, rotation and
 * every refresh (on demand or scheduled). They record the system's own actions; the gateway audits
 * each user request separately, and fails it closed. Here a lost event must not stop a refresh,
 * so a failure to record is logged loudly instead.
 */
import type { AuditEmitter, AuditEventInput } from "@keyfrag/bus";
import type { KeyService } from "./key-service.js";

type Keys = Pick<KeyService, "createKey" | "rotateKey" | "refreshKey">;

/** `keys` with createKey, rotateKey and refreshKey recorded in the audit stream. */
export function auditedKeys<K extends Keys>(
  keys: K,
  audit: Pick<AuditEmitter, "emit">,
  log: { error(obj: object, msg: string): void },
  coordinatorId: string,
): K {
  const record = (event: AuditEventInput) =>
    audit.emit(event).catch((err: unknown) => {
      log.error({ err, action: event.action, path: event.path }, "audit event not recorded");
    });
  const actor = { authMethod: "node", accessId: `coordinator:${coordinatorId}` };
  return {
    ...keys,
    async createKey(req) {
      const fields = {
        algorithm: req.algorithm,
        customerSlot: String(req.customerSlot ?? false),
        ...(req.customerFrgId ? { customerFrgId: req.customerFrgId } : {}),
      };
      try {
        const rec = await keys.createKey(req);
        await record({
          actor,
          action: "coordinator.key.create",
          path: req.name,
          result: "allowed",
          fields: { ...fields, version: String(rec.version), slots: rec.public.slots.join(",") },
        });
        return rec;
      } catch (err) {
        await record({
          actor,
          action: "coordinator.key.create",
          path: req.name,
          result: "error",
          reason: (err as Error).message,
          fields,
        });
        throw err;
      }
    },
    async rotateKey(name) {
      try {
        const rec = await keys.rotateKey(name);
        await record({
          actor,
          action: "coordinator.key.rotate",
          path: name,
          result: "allowed",
          fields: {
            algorithm: rec.algorithm,
            version: String(rec.version),
            slots: rec.public.slots.join(","),
          },
        });
        return rec;
      } catch (err) {
        await record({
          actor,
          action: "coordinator.key.rotate",
          path: name,
          result: "error",
          reason: (err as Error).message,
        });
        throw err;
      }
    },
    async refreshKey(name, version) {
      try {
        const done = await keys.refreshKey(name, version);
        await record({
          actor,
          action: "coordinator.key.refresh",
          path: name,
          result: "allowed",
          fields: { version: String(version ?? 0), epoch: String(done.epoch) },
        });
        return done;
      } catch (err) {
        await record({
          actor,
          action: "coordinator.key.refresh",
          path: name,
          result: "error",
          reason: (err as Error).message,
          fields: { version: String(version ?? 0) },
        });
        throw err;
      }
    },
  };
}
