/**
 * Server messages name request fields (`user_ttl_seconds (7200) exceeds max_ttl_seconds
 * (3600)`); a CLI user typed flags (`--user-ttl 2h`). This puts a message in the command's terms:
 * each field the command has a flag for becomes that flag, and seconds become a duration.
 */
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

/** `7200` → `2h`, `5400` → `1h30m`, `45` → `45s`. */
export function secondsAsDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("");
}

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
  // Quoted caller values ("/a/key_name") are the caller's own words: never rewritten.
  return message
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) => (i % 2 === 1 ? part : rewrite(part)))
    .join("");

  function rewrite(text: string): string {
    return text.replace(
      // Not a part of a path or name (`/t/db_name`, `kf_user_1`'s tail).
      /(?<![/\w.:@-])([a-z][a-z0-9]*(?:[._][a-z0-9]+)+)\b( \((\d+)\)|(?: (?:must|may) be (?:at most|at least|between))? (\d+)\b)?/g,
      (whole, field: string, valuePart: string | undefined, inParens?: string, bare?: string) => {
        const flag = flagOf(field);
        if (!flag) return whole;
        const raw = inParens ?? bare;
        if (raw === undefined || valuePart === undefined || !/_seconds$/.test(field)) {
          return `${flag}${valuePart ?? ""}`;
        }
        // The number is in seconds; the flag took a duration.
        const at = valuePart.lastIndexOf(raw);
        return `${flag}${valuePart.slice(0, at)}${secondsAsDuration(Number(raw))}${valuePart.slice(at + raw.length)}`;
      },
    );
  }
}
