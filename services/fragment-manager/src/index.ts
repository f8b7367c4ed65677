export {
  createFragmentService,
  type FetchFromPeer,
  type FragmentService,
  type NodeIdentity,
} from "./fragment/fragment-service.js";
export { createFragmentStore, type FragmentStore } from "./fragment/fragment-store.js";
