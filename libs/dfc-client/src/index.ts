export {
  createDfcClient,
  type DfcClient,
  type DfcClientOptions,
  type KeyUse,
  type KeyView,
  type ReplicaPort,
  type ReplicaView,
} from "./dfc-client.js";
export { coordinatorKeySource, grpcReplicaPort } from "./grpc-port.js";
export type { NoncePoolSettings } from "./nonce-pool.js";
