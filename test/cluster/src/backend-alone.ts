/**
 * The zero-knowledge check of customer-slot keys, shared by the customer-fragment e2e tests:
 * whoever runs the backend (a `gateway` certificate the cluster CA made, every replica of every
 * cluster slot) cannot derive a customer-slot key's output.
 */
import {
  blindInputs,
  combinePartials,
  DecryptionError,
  decryptEnvelope,
  envelopeOprfInput,
  keyIdFromName,
  parseEnvelope,
} from "@keyfrag/crypto";
import {
  coordinatorKeySource,
  createDfcClient,
  grpcReplicaPort,
  type KeyView,
} from "@keyfrag/dfc-client";
import { call, clientCredentials, createSecretsClient } from "@keyfrag/rpc";
import type { FullCluster } from "./full-cluster.js";
import { codeOf } from "./gateway-calls.js";

/**
 * Throws unless, for the newest version of `secret` (written under customer-slot key `key`):
 * the customer fragment refuses the backend's certificate; a DFC client given every cluster slot
 * fails naming the customer slot; and every replica set of the cluster slots, asked directly,
 * neither combines (the key needs the customer slot too) nor, combined as if it were enough,
 * opens the secret.
 */
export async function assertBackendAloneCannotDerive(
  full: Pick<FullCluster, "fragments" | "secrets">,
  options: { key: string; secret: string; customerSlot: number },
): Promise<void> {
  const { key, secret, customerSlot } = options;
  const fail = (what: string) => {
    throw new Error(`${key}: ${what}`);
  };
  const creds = clientCredentials(await full.fragments.tls("gateway", "backend-probe"));
  const secrets = createSecretsClient(full.secrets.address, creds);
  const port = grpcReplicaPort(creds);
  try {
    const stored = await call(secrets, "GetVersions", { names: [secret], version: 0 });
    const ciphertext = new Uint8Array(stored.versions[0]?.ciphertext ?? []);
    const header = parseEnvelope(ciphertext);
    if (Buffer.compare(Buffer.from(header.keyId), Buffer.from(keyIdFromName(key))) !== 0)
      fail(`${secret} is not encrypted under it`);
    const input = envelopeOprfInput(header);
    // What the coordinator says about the key: the backend's view.
    const view = await coordinatorKeySource(full.fragments.coordinator(), 0)(
      key,
      true,
      header.keyVersion,
    );
    if (!view.key.slots.includes(customerSlot))
      fail(`customer slot ${customerSlot} not in the key`);
    if (view.key.threshold !== view.key.slots.length) fail("not n-of-n");
    const batch = blindInputs([input]);
    const ref = {
      keyId: view.keyId,
      version: view.version,
      epoch: view.key.epoch,
      blinded: batch.blinded,
    };
    const [customerReplica] = view.placement.get(customerSlot) ?? [];
    if (!customerReplica) fail(`slot ${customerSlot} has no replica`);
    const refused = await codeOf(port.evaluate(customerReplica as KeyViewReplica, ref, 3_000));
    if (refused !== "permission-denied")
      fail(`the customer fragment answered the backend: ${refused}`);
    const backend: KeyView = {
      ...view,
      placement: new Map([...view.placement].filter(([slot]) => slot !== customerSlot)),
    };
    const dfc = createDfcClient({ keys: async () => backend, port, deadlineMs: 3_000 });
    const derived = await dfc.derive(key, [input]).then(
      () => "derived",
      (err: Error) => err.message,
    );
    if (!derived.includes(`slot ${customerSlot}`)) fail(`the cluster slots alone: ${derived}`);
    const clusterSlots = view.key.slots.filter((s) => s !== customerSlot);
    const picks = Math.min(...clusterSlots.map((s) => backend.placement.get(s)?.length ?? 0));
    if (picks < 1) fail("a cluster slot has no replica");
    for (let pick = 0; pick < picks; pick++) {
      const partials = await Promise.all(
        clusterSlots.map((s) =>
          port.evaluate(backend.placement.get(s)?.[pick] as KeyViewReplica, ref, 3_000),
        ),
      );
      let combined = false;
      try {
        combinePartials(view.key, batch, partials);
        combined = true;
      } catch (err) {
        if (!/the key needs/.test((err as Error).message)) throw err;
      }
      if (combined) fail(`replica set ${pick} of the cluster slots combined`);
      // Combined as if the cluster slots were the whole key: another output, which opens nothing.
      const [wrong] = combinePartials(
        { ...view.key, threshold: clusterSlots.length },
        batch,
        partials,
      );
      try {
        decryptEnvelope(ciphertext, wrong as Uint8Array, { item: secret });
        fail(`replica set ${pick} of the cluster slots opened ${secret}`);
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
      }
    }
  } finally {
    secrets.close();
    port.close();
  }
}

type KeyViewReplica = NonNullable<ReturnType<KeyView["placement"]["get"]>>[number];
