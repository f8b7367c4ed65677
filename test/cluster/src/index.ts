export { assertBackendAloneCannotDerive } from "./backend-alone.js";
export {
  type Cluster,
  type ClusterOptions,
  type CoordinatorNode,
  DEFAULT_PLACEMENT,
  type FragmentNode,
  startCluster,
  startFragmentCluster,
  type TestTimings,
  testTimingEnv,
  waitFor,
} from "./cluster.js";
export { type ClusterEnv, createClusterEnv } from "./cluster-env.js";
export {
  CONTROL_SERVICES,
  type ControlNode,
  type ControlPlane,
  type ControlPlaneOptions,
  type ControlService,
  startControlPlane,
  startControlPlaneOf,
} from "./control-plane.js";
export {
  bearer,
  type CustomerFragment,
  type ExtraGateway,
  type FullCluster,
  type FullClusterOptions,
  rawGatewayCall,
  type ServiceKind,
  type ServiceNode,
  startFullCluster,
} from "./full-cluster.js";
export { adminLogin, codeOf, login, outcome } from "./gateway-calls.js";
export { type CertificatePaths, createTestPki, type TestPki } from "./pki.js";
export { requireBuilt, ServiceProcess, serviceScript } from "./process.js";
export {
  releasePorts,
  type SpecProcess,
  specProcesses,
  type TestTopologyOptions,
  testTopology,
  topologyOn,
} from "./topology.js";
