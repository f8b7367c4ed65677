/** @keyfrag/policy: roles, rules, associations and the decisions drawn from them. */
export { globMatches, validatePath } from "./policy/path-glob.js";
export {
  createPolicyService,
  type PolicyService,
  type PolicyServiceDeps,
  subClaimsMatch,
} from "./policy/policy-service.js";
export { createPolicyStore, type PolicyStore } from "./policy/policy-store.js";
export * from "./policy/policy-types.js";
export { identityFromMessage, policyHandlers } from "./policy-grpc.js";
