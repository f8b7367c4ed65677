import {
  type DfcKeySpec__Output,
  forRoles,
  InvalidArgumentError,
  type Item as ItemMessage,
  type Logger,
  type NodeRole,
  type SecretsHandlers,
} from "@keyfrag/rpc";
import type { ChangeLog } from "./item/change-log.js";
import type { CreateItemInput, ItemService } from "./item/item-service.js";
import type { Item } from "./item/item-types.js";

/**
 * Only the gateway changes items (it encrypted the ciphertext and checked policy first). The
 * producers service also reads: it unseals its targets' credentials through the gateway, but
 * finds and describes them here.
 */
const WRITERS = ["gateway"] as const satisfies readonly NodeRole[];
const READERS = ["gateway", "producers"] as const satisfies readonly NodeRole[];

/** The `keyfrag.v1.Secrets` gRPC service over an ItemService. */
export function secretsHandlers(deps: {
  items: ItemService;
  changes: Pick<ChangeLog, "after">;
  logger: Logger;
}): SecretsHandlers {
  const { items, logger } = deps;
  const read = forRoles(READERS, logger);
  const write = forRoles(WRITERS, logger);

  return {
    CreateItem: write(async (req) =>
      itemMessage(
        await items.createItem({
          name: req.name,
          type: req.type,
          description: req.description,
          tags: req.tags,
          keyName: req.key_name,
          maxVersions: req.max_versions,
          ciphertext: req.ciphertext,
          keyVersion: req.key_version,
          ...(req.dfc_key ? { dfcKey: dfcKeyFromMessage(req.dfc_key) } : {}),
          ...(req.sealed_key
            ? {
                sealedKey: {
                  algorithm: req.sealed_key.algorithm,
                  publicKeyPem: req.sealed_key.public_key_pem,
                },
              }
            : {}),
        }),
      ),
    ),
    PutVersion: write(async (req) =>
      itemMessage(
        await items.putVersion({
          name: req.name,
          ciphertext: req.ciphertext,
          keyName: req.key_name,
          keyVersion: req.key_version,
          checkAndSet: req.check_and_set,
          expectedVersion: req.expected_version,
          checkItem: req.check_item,
          expectedType: req.expected_type,
          expectedKeyName: req.expected_key_name,
        }),
      ),
    ),
    GetVersions: read(async (req) => ({
      versions: (await items.getVersions({ names: req.names, version: req.version })).map((v) => ({
        name: v.name,
        type: v.type,
        version: v.version,
        ciphertext: Buffer.from(v.ciphertext),
        key_name: v.keyName,
        key_version: v.keyVersion,
      })),
    })),
    DescribeItem: read(async (req) => itemMessage(await items.describeItem(req.name))),
    ListItems: read(async (req) => {
      const page = await items.listItems({
        path: req.path,
        type: req.type,
        includeDeleted: req.include_deleted,
        pageSize: req.page_size,
        pageToken: req.page_token,
      });
      return { items: page.items.map(itemMessage), next_page_token: page.nextPageToken };
    }),
    ListChanges: read(async (req) => {
      const after = Number(req.after);
      if (!Number.isSafeInteger(after) || after < 0) {
        throw new InvalidArgumentError("after must be a sequence number of the change log");
      }
      const limit = req.limit || 1_000;
      if (limit > 10_000) throw new InvalidArgumentError("limit must be at most 10000");
      const page = await deps.changes.after(after, limit);
      return { last: String(page.last), names: page.names, truncated: page.truncated };
    }),
    DeleteItem: write(async (req) => itemMessage(await items.deleteItem(req.name))),
    RestoreItem: write(async (req) => itemMessage(await items.restoreItem(req.name))),
    PurgeItem: write(async (req) => itemMessage(await items.purgeItem(req.name))),
    DestroyVersion: write(async (req) =>
      itemMessage(await items.destroyVersion(req.name, req.version)),
    ),
    AddKeyVersion: write(async (req) =>
      itemMessage(await items.addKeyVersion(req.name, req.version)),
    ),
    ReplaceCiphertext: write(async (req) =>
      itemMessage(
        await items.replaceCiphertext({
          name: req.name,
          version: req.version,
          expectedCiphertext: req.expected_ciphertext,
          ciphertext: req.ciphertext,
          keyName: req.key_name,
          keyVersion: req.key_version,
        }),
      ),
    ),
  };
}

function dfcKeyFromMessage(m: DfcKeySpec__Output): NonNullable<CreateItemInput["dfcKey"]> {
  const lastRotatedAtMs = Number(m.last_rotated_at_ms);
  if (!Number.isSafeInteger(lastRotatedAtMs)) {
    throw new InvalidArgumentError("dfc_key.last_rotated_at_ms must be a time in milliseconds");
  }
  return {
    algorithm: m.algorithm,
    slots: m.slots,
    threshold: m.threshold,
    customerSlot: m.customer_slot,
    customerFrgId: m.customer_frg_id,
    customerFragmentSlot: m.customer_fragment_slot,
    rotationIntervalDays: m.rotation_interval_days,
    currentVersion: m.current_version,
    lastRotatedAtMs,
  };
}

/** The wire form of an item (int64 times as decimal strings). */
export function itemMessage(item: Item): ItemMessage {
  return {
    name: item.name,
    type: item.type,
    description: item.description,
    tags: item.tags,
    created_at_ms: String(item.createdAtMs),
    updated_at_ms: String(item.updatedAtMs),
    deleted: item.deleted,
    deleted_at_ms: String(item.deletedAtMs),
    key_name: item.keyName,
    max_versions: item.maxVersions,
    current_version: item.currentVersion,
    versions: item.versions.map((v) => ({
      version: v.version,
      created_at_ms: String(v.createdAtMs),
      key_name: v.keyName,
      key_version: v.keyVersion,
      destroyed_at_ms: String(v.destroyedAtMs ?? 0),
    })),
    dfc_key: item.dfcKey
      ? {
          algorithm: item.dfcKey.algorithm,
          slots: item.dfcKey.slots,
          threshold: item.dfcKey.threshold,
          customer_slot: item.dfcKey.customerSlot,
          customer_frg_id: item.dfcKey.customerFrgId ?? "",
          customer_fragment_slot: item.dfcKey.customerFragmentSlot ?? 0,
          rotation_interval_days: item.dfcKey.rotationIntervalDays,
          current_version: item.dfcKey.currentVersion,
          last_rotated_at_ms: String(item.dfcKey.lastRotatedAtMs),
        }
      : null,
    sealed_key: item.sealedKey
      ? { algorithm: item.sealedKey.algorithm, public_key_pem: item.sealedKey.publicKeyPem }
      : null,
  };
}
