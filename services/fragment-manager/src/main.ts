import { loadFragmentManagerConfig as loadConfig, startFragmentNode } from "@keyfrag/fragment-node";
import { onShutdown, runMain } from "@keyfrag/rpc";
import { pino } from "pino";

/** Composition root of a fragment-manager node. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({
    level: config.KF_LOG_LEVEL,
    base: { service: "fragment-manager", node: config.KF_NODE_ID },
  });
  const node = await startFragmentNode(config, log);
  // One line on stdout that launchers and tests can wait for.
  console.log(
    JSON.stringify({ ready: "fragment-manager", nodeId: node.nodeId, address: node.address }),
  );

  onShutdown(async (signal) => {
    log.info({ signal }, "shutting down");
    await node.stop();
  });
}

runMain(main);
