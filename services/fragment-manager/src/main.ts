import { createFragmentNode, loadFragmentManagerConfig } from "@keyfrag/fragment-node";
import { runService } from "@keyfrag/runtime";

/** Composition root of a fragment-manager process: one fragment node, no Redis. */
runService({
  name: "fragment-manager",
  redis: false,
  loadConfig: () => {
    const config = loadFragmentManagerConfig();
    return { ...config, nodeId: config.KF_NODE_ID };
  },
  build: async ({ log, tls, nc }, config) => {
    const node = await createFragmentNode(config, log, { tls, nc });
    let address = "";
    return {
      services: node.services,
      start: async ({ port }) => {
        address = await node.start(port);
      },
      ready: () => ({ nodeId: node.nodeId, address }),
      beforeShutdown: node.quiet,
      stop: node.close,
    };
  },
});
