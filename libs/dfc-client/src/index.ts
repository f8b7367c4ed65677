export {
  createDeriveCoalescer,
  type DeriveCoalescer,
  type DeriveCoalescerOptions,
} from "./derive-coalescer.js";
export {
  createDfcClient,
  type DfcClient,
  type DfcClientOptions,
  type KeyUse,
  type KeyView,
  type ReplicaPort,
  type ReplicaView,
} from "./dfc-client.js";
export { coordinatorKeySource, grpcReplicaPort, type LocalReplica } from "./grpc-port.js";
export type { NoncePoolSettings } from "./nonce-pool.js";
