/** @keyfrag/policy-client: cached policy decisions that drop when policy changes. */
export {
  cacheKey,
  createPolicyDecisionCache,
  type PolicyDecision,
  type PolicyDecisionCache,
  type PolicyDecisionCacheOptions,
} from "./decision-cache.js";
