/**
 * @keyfrag/local-cluster: the local cluster's topology and environment (the one description
 * `pnpm start`, docker-compose and the Helm chart are checked against) and its launcher.
 */
export { type Child, startChild } from "./child.js";
export {
  COMPOSE_GATEWAY_PORT,
  COMPOSE_HOME,
  COMPOSE_IMAGES,
  composeFile,
  composeHostsOf,
  composeLocalOverride,
  composeSecretsVolume,
  composeTopology,
  LOCAL_IMAGES,
  NATS_29_CONF,
  natsConf,
  renderComposeLocalYaml,
  renderComposeYaml,
} from "./compose.js";
export {
  checkDependencies,
  forgetState,
  LaunchError,
  REPO_ROOT,
  type RunningCluster,
  readAdminCredentials,
  serviceScript,
  startLocalCluster,
} from "./launcher.js";
export { ensureLocalState, processState } from "./local-state.js";
export { type NatsPermissions, natsPermissions, natsUsersConf } from "./nats-auth.js";
export {
  type ComposeServicePlan,
  composePlan,
  type PodmanComposeOptions,
  type PodmanUpResult,
  podmanComposeUp,
  podmanContainer,
} from "./podman-up.js";
export { type SuperviseOptions, type Supervisor, superviseChildren } from "./supervisor.js";
export {
  customerFragmentEnv,
  fragmentNodeName,
  LOCAL_CUSTOMER_SLOT,
  LOCAL_PLACEMENT,
  LOCAL_SLOTS,
  type LocalClusterOptions,
  localPaths,
  localTopology,
  type Place,
  type ProcessSpec,
  type ServiceName,
} from "./topology.js";
