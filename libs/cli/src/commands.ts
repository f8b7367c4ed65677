/** The commands, one per gateway method (kebab-case), each a thin layer over the SDK. */

import type { Command } from "commander";
import { registerAuditCommands } from "./audit-commands.js";
import { registerAuthMethodCommands } from "./auth-method-commands.js";
import { registerClusterCommands } from "./cluster-commands.js";
import { commandFactory, type Runner } from "./command-kit.js";
import { registerItemCommands } from "./item-commands.js";
import { registerKeyCommands } from "./key-commands.js";
import { registerRoleCommands } from "./role-commands.js";
import { registerLoginCommand, registerTokenCommands } from "./session-commands.js";

/**
 * Registers every command on `program`, in the order help lists them; `run` supplies the
 * context and handles errors. Each group lives in its own module; the shared pieces (runner,
 * option readers, command factory) in command-kit.ts.
 */
export function registerCommands(program: Command, run: Runner): void {
  const command = commandFactory(program);
  registerLoginCommand(command, run);
  registerItemCommands(command, run);
  registerKeyCommands(command, run);
  registerRoleCommands(command, run);
  registerAuthMethodCommands(command, run);
  registerTokenCommands(command, run);
  registerAuditCommands(command, run);
  registerClusterCommands(command, run);
}
