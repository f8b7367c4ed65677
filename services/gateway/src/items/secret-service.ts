/**
 * Static secrets: encrypted here, under the item's DFC key, before the secrets service (which
 * stores ciphertext only) ever sees them; decrypted here on the way back.
 */
import {
  call,
  InvalidArgumentError,
  type Item__Output,
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

/** Creates the static-secret service. */
export function createSecretService(deps: SecretServiceDeps) {
  const { secrets, keys } = deps;

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
      return fromSecrets(
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
    },

    async update(req: {
      name: string;
      value: Uint8Array;
      checkAndSet: boolean;
      expectedVersion: number;
    }): Promise<Item__Output> {
      const value = checkValue(req.value);
      const item = await fromSecrets(call(secrets, "DescribeItem", { name: req.name }));
      if (item.type !== "static-secret") {
        throw new InvalidArgumentError(`${req.name} is a ${item.type}, not a static secret`);
      }
      const keyName = item.key_name || deps.systemKey;
      const { ciphertext, keyVersion } = await keys.encrypt(keyName, value, itemContext(req.name));
      return fromSecrets(
        call(secrets, "PutVersion", {
          name: req.name,
          ciphertext,
          key_name: keyName,
          key_version: keyVersion,
          check_and_set: req.checkAndSet,
          expected_version: req.expectedVersion,
        }),
      );
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
