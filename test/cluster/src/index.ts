export {
  type Cluster,
  type ClusterOptions,
  type CoordinatorNode,
  DEFAULT_PLACEMENT,
  type FragmentNode,
  startCluster,
  waitFor,
} from "./cluster.js";
export { ServiceProcess } from "./process.js";
