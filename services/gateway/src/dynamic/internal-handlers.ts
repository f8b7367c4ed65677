/**
 * `keyfrag.v1.GatewayInternal`: sealing, unsealing and signing for the producers service (mTLS
 * role producers only). The gateway holds the customer fragment and runs the DFC protocols, so
 * a target's credentials sealed under a customer-slot key open only through a gateway.
 */
import {
  type GatewayInternalHandlers,
  type Logger,
  type NodeRole,
  PermissionDeniedError,
  unary,
} from "@keyfrag/rpc";
import { checkKeyName } from "../items/item-names.js";
import { asCaller, PRODUCERS_CALLER } from "../keys/fair-limiter.js";
import type { KeyService } from "../keys/key-service.js";
import type { ProducerKeys } from "./producer-keys.js";
import { sealContext } from "./seal-context.js";

const CALLERS = ["producers"] as const satisfies readonly NodeRole[];

/** The handlers of `keyfrag.v1.GatewayInternal`. */
export function internalHandlers(deps: {
  keys: Pick<KeyService, "encrypt" | "decrypt" | "sign" | "publicKey" | "lookup">;
  producerKeys: Pick<ProducerKeys, "allowed">;
  logger: Logger;
}): GatewayInternalHandlers {
  const { keys, logger } = deps;
  /** A signing key a dynamic secret was created with (or the webhook key); refused otherwise. */
  const producerKey = async (value: string) => {
    const name = checkKeyName(value, "key_name");
    if (!(await deps.producerKeys.allowed(name))) {
      throw new PermissionDeniedError(`key ${name} is not the key of any dynamic secret`);
    }
    return name;
  };
  const handle = <Req, Res>(fn: (req: Req) => Promise<Res>) =>
    unary<Req, Res>((req) => asCaller(PRODUCERS_CALLER, () => fn(req)), { logger, roles: CALLERS });
  return {
    Seal: handle(async (req) => {
      const { ciphertext } = await keys.encrypt(
        checkKeyName(req.key_name, "key_name"),
        req.plaintext,
        sealContext(req.purpose, req.name),
      );
      return { sealed: ciphertext };
    }),
    Unseal: handle(async (req) => ({
      plaintext: await keys.decrypt(
        checkKeyName(req.key_name, "key_name"),
        req.sealed,
        sealContext(req.purpose, req.name),
      ),
    })),
    Sign: handle(async (req) => {
      const { signature, keyVersion } = await keys.sign(
        await producerKey(req.key_name),
        req.data,
        req.version,
      );
      return { signature, key_version: keyVersion };
    }),
    PublicKeys: handle(async (req) => {
      const name = await producerKey(req.key_name);
      const newest = await keys.publicKey(name, 0);
      const versions = Array.from({ length: newest.version }, (_, i) => i + 1);
      const all = await Promise.all(versions.map((v) => keys.publicKey(name, v)));
      return { keys: all.map((k) => ({ version: k.version, public_key: k.raw })) };
    }),
  };
}
