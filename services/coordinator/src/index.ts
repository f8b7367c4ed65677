export { createKeyRegistry, type KeyRecord, type KeyRegistry } from "./keys/key-registry.js";
export { createKeyService, type KeyService } from "./keys/key-service.js";
export { createLeaderElection, type LeaderElection } from "./leader/leader-election.js";
export { createTopology, type Topology } from "./topology/topology.js";
