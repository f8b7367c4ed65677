/** @keyfrag/agent: `keyfrag agent`, which keeps secrets in files and a child's environment. */
export {
  type AgentConfig,
  AgentConfigError,
  DEFAULT_SA_TOKEN_FILE,
  parseAgentConfig,
  type Source,
} from "./agent-config.js";
export { writeFileAtomic } from "./file-writer.js";
export { type AgentIo, runAgent } from "./run-agent.js";
export { compileTemplate, defaultTemplate } from "./templates.js";
