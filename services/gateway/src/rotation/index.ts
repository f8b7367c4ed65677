/** Key rotation background work: rewrap to the newest key version, automatic rotation. */
export { DAY_MS, dueKeys, nextRotationAt, rotateKeyItem, rotationDue } from "./auto-rotation.js";
export {
  dfcDerive,
  emptyCounts,
  encryptsUnder,
  REWRAPPED_TYPES,
  type RewrapCounts,
  type RewrapCursor,
  type RewrapDeps,
  rewrapKey,
} from "./rewrap.js";
export {
  createRotationJobs,
  customerSlotOf,
  type RewrapJobData,
  type RotationCheckResult,
  type RotationJobs,
  type RotationJobsDeps,
  type RotationLogger,
} from "./rotation-jobs.js";
