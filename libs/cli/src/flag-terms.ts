/**
 * Server messages name request fields (`user_ttl_seconds (7200) exceeds max_ttl_seconds
 * (3600)`); a CLI user typed flags (`--user-ttl 2h`). This puts a message in the command's terms:
 * each field the command has a flag for becomes that flag, and seconds become a duration.
 */
import { renameFieldsInMessage } from "@keyfrag/rpc";
import type { Command } from "commander";

/** Field names whose flag is not their kebab-case (plural lists, renamed flags). */
const FIELD_FLAGS: Record<string, string> = {
  capabilities: "--capability",
  tags: "--tag",
  key_name: "--key-name",
  allowed_principals: "--allowed-principal",
  default_principals: "--default-principal",
  creation_statements: "--creation-statement",
  revocation_statements: "--revocation-statement",
  renew_statements: "--renew-statement",
  acl_rules: "--acl-rule",
  audiences: "--audience",
  bound_cidrs: "--bound-cidr",
  bound_namespaces: "--bound-namespace",
  bound_service_accounts: "--bound-service-account",
  bound_common_names: "--bound-common-name",
  sub_claims: "--sub-claim",
  required_claims: "--required-claim",
  algorithm: "--alg",
};

/** `message` with the request fields `command` has flags for named as those flags. */
export function inFlagTerms(message: string, command: Command): string {
  const flags = new Set(command.options.map((o) => o.long).filter((l): l is string => !!l));
  const flagOf = (field: string): string | undefined => {
    // `rule.capabilities`, `access_key.bound_cidrs`: the last part names the flag.
    const last = field.split(".").at(-1) ?? field;
    const candidates = [
      FIELD_FLAGS[last],
      `--${last.replace(/_(seconds|ms)$/, "").replaceAll("_", "-")}`,
      `--${last.replaceAll("_", "-")}`,
    ];
    return candidates.find((c): c is string => c !== undefined && flags.has(c));
  };
  return renameFieldsInMessage(message, flagOf);
}
