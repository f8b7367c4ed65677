/**
 * Static secrets: encrypted here, under the item's DFC key, before the secrets service (which
 * stores ciphertext only) ever sees them; decrypted here on the way back.
 */
import {
  call,
  InvalidArgumentError,
  type Item__Output,
  KeyfragError,
  NotFoundError,
  type SecretsClient,
} from "@keyfrag/rpc";
import { itemContext } from "../keys/envelope.js";
import type { KeyService } from "../keys/key-service.js";
import { fromSecrets } from "./upstream-errors.js";

export interface SecretServiceDeps {
  secrets: SecretsClient;
  keys: Pick<KeyService, "encrypt" | "decrypt">;
  systemKey: string;
  maxValueBytes: number;
}

/** Static secrets whose key this gateway remembers (the most recently written). */
const REMEMBERED_KEYS = 10_000;

/** Creates the static-secret service. */
export function createSecretService(deps: SecretServiceDeps) {
  const { secrets, keys } = deps;
  // Item name → the key its values are encrypted under, as last written here, so an update
  // encrypts without reading the item first. The secrets service checks it on every put
  // (check_item): an item deleted and made again with another key or type meanwhile refuses
  // the put (ABORTED), and the item is read again. Least recently used first.
  const itemKeys = new Map<string, string>();
  const remember = (name: string, keyName: string) => {
    itemKeys.delete(name);
    if (itemKeys.size >= REMEMBERED_KEYS) itemKeys.delete(itemKeys.keys().next().value as string);
    itemKeys.set(name, keyName);
  };

  /**
   * Encrypts `value` under `keyName` and puts it as the next version (the item records
   * `keyName`), if the item is still a static secret recording `expectedKeyName`.
   */
  async function put(
    req: { name: string; checkAndSet: boolean; expectedVersion: number },
    value: Uint8Array,
    keyName: string,
    expectedKeyName: string,
  ): Promise<Item__Output> {
    return putSealed(
      req,
      await keys.encrypt(keyName, value, itemContext(req.name)),
      keyName,
      expectedKeyName,
    );
  }

  /** put's second half: `sealed` is the value already encrypted under `keyName`. */
  async function putSealed(
    req: { name: string; checkAndSet: boolean; expectedVersion: number },
    { ciphertext, keyVersion }: { ciphertext: Uint8Array; keyVersion: number },
    keyName: string,
    expectedKeyName: string,
  ): Promise<Item__Output> {
    const item = await fromSecrets(
      call(secrets, "PutVersion", {
        name: req.name,
        ciphertext,
        key_name: keyName,
        key_version: keyVersion,
        check_and_set: req.checkAndSet,
        expected_version: req.expectedVersion,
        check_item: true,
        expected_type: "static-secret",
        expected_key_name: expectedKeyName,
      }),
    );
    remember(req.name, keyName);
    return item;
  }

  function checkValue(value: Uint8Array | undefined): Uint8Array {
    const v = value ?? new Uint8Array();
    if (v.length > deps.maxValueBytes) {
      throw new InvalidArgumentError(`value is larger than ${deps.maxValueBytes} bytes`);
    }
    return v;
  }

  return {
    async create(req: {
      name: string;
      value: Uint8Array;
      description: string;
      tags: string[];
      keyName: string;
      maxVersions: number;
    }): Promise<Item__Output> {
      const value = checkValue(req.value);
      const keyName = req.keyName || deps.systemKey;
      const { ciphertext, keyVersion } = await keys.encrypt(keyName, value, itemContext(req.name));
      const item = await fromSecrets(
        call(secrets, "CreateItem", {
          name: req.name,
          type: "static-secret",
          description: req.description,
          tags: req.tags,
          key_name: keyName,
          max_versions: req.maxVersions,
          ciphertext,
          key_version: keyVersion,
        }),
      );
      remember(req.name, keyName);
      return item;
    },

    async update(req: {
      name: string;
      value: Uint8Array;
      checkAndSet: boolean;
      expectedVersion: number;
    }): Promise<Item__Output> {
      const value = checkValue(req.value);
      const known = itemKeys.get(req.name);
      if (known !== undefined) {
        // The remembered key may be unusable now (the item was made again under another key
        // and this one deleted): the item decides, so it is read below and nothing of this
        // attempt (not even the old key's name) reaches the caller.
        const sealed = await keys.encrypt(known, value, itemContext(req.name)).catch(() => {
          itemKeys.delete(req.name);
          return undefined;
        });
        if (sealed) {
          try {
            return await putSealed(req, sealed, known, known);
          } catch (err) {
            // The item changed since this gateway last wrote it: read it again below.
            if (!(err instanceof KeyfragError && err.code === "conflict")) throw err;
            itemKeys.delete(req.name);
          }
        }
      }
      const item = await fromSecrets(call(secrets, "DescribeItem", { name: req.name }));
      if (item.type !== "static-secret") {
        throw new InvalidArgumentError(`${req.name} is a ${item.type}, not a static secret`);
      }
      // An item that names no key is written under the system key, which it records from then on.
      return put(req, value, item.key_name || deps.systemKey, item.key_name);
    },

    /** One version (0 = newest) of each named secret, decrypted. */
    async read(names: string[], version: number) {
      const res = await fromSecrets(call(secrets, "GetVersions", { names, version }));
      const values = await Promise.all(
        res.versions.map(async (v) => {
          if (v.type !== "static-secret") {
            throw new InvalidArgumentError(`${v.name} is a ${v.type}, not a static secret`);
          }
          const value = await keys.decrypt(
            v.key_name || deps.systemKey,
            new Uint8Array(v.ciphertext),
            itemContext(v.name),
          );
          return { name: v.name, version: v.version, value };
        }),
      );
      for (const name of names) {
        if (!values.some((v) => v.name === name)) throw new NotFoundError(`${name} not found`);
      }
      return values;
    },
  };
}

export type SecretService = ReturnType<typeof createSecretService>;
