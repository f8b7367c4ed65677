import type { Command } from "commander";
import { UsageError } from "./cli-errors.js";
import {
  allPages,
  type CommandFactory,
  collect,
  list,
  type Opts,
  type Runner,
  str,
} from "./command-kit.js";
import { type CommandContext, readTextFile } from "./context.js";
import { fields, isoTime, table } from "./format.js";
import { pairsToLists, parseDuration } from "./parse.js";

/** The auth-method commands: create-auth-method-*, list-auth-methods, delete-auth-method. */
export function registerAuthMethodCommands(command: CommandFactory, run: Runner): void {
  const common = (c: Command) =>
    c
      .requiredOption("--name <name>", "auth method name")
      .option("--description <text>", "description")
      .option(
        "--token-ttl <duration>",
        "lifetime of the tokens it issues (90s, 15m, 8h or seconds; default 15m)",
      )
      .option("--bound-cidr <cidr>", "accept logins only from this network (repeatable)", collect);

  const create = async (
    ctx: CommandContext,
    o: Opts,
    method: Record<string, unknown> & {
      method: "access_key" | "jwt" | "kubernetes" | "certificate";
    },
  ) => {
    const response = await ctx.client().createAuthMethod({
      name: o.name as string,
      description: str(o, "description") ?? "",
      token_ttl_seconds: positiveDuration(o, "tokenTtl", "--token-ttl"),
      ...method,
    });
    ctx.print(
      response,
      fields([
        ["name", response.method?.name],
        ["access id", response.method?.access_id],
        [
          "access key",
          response.access_key ? `${response.access_key}  (shown once: store it now)` : undefined,
        ],
      ]),
    );
    return 0;
  };

  common(command("create-auth-method-access-key", "create an access-key auth method")).action(
    (o: Opts, cmd: Command) =>
      run(cmd, (ctx) =>
        create(ctx, o, { method: "access_key", access_key: { bound_cidrs: list(o, "boundCidr") } }),
      ),
  );

  const jwtLike = async (o: Opts, kubernetes = false) => {
    const publicKeys = await Promise.all(
      list(o, "publicKey").map((path) => readTextFile("--public-key", path)),
    );
    if (!o.jwksUrl && publicKeys.length === 0 && !o.tokenReviewUrl) {
      throw new UsageError(
        kubernetes
          ? "give --jwks-url, --public-key or --token-review-url"
          : "give --jwks-url or --public-key",
      );
    }
    return {
      issuer: o.issuer as string,
      jwks_url: str(o, "jwksUrl") ?? "",
      public_keys: publicKeys,
      audiences: list(o, "audience"),
      bound_cidrs: list(o, "boundCidr"),
    };
  };

  common(command("create-auth-method-jwt", "create a JWT/OIDC auth method"))
    .requiredOption("--issuer <url>", "the issuer (iss)")
    .option("--jwks-url <url>", "where the issuer's keys are (https)")
    .option("--public-key <path>", "a PEM or JWK public key file (repeatable)", collect)
    .requiredOption("--audience <aud>", "accepted audience (repeatable)", collect)
    .option("--required-claim <k=v>", "claim that must have this value (repeatable)", collect)
    .option("--unique-identifier <claim>", "claim naming the identity in audit records", "sub")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) =>
        create(ctx, o, {
          method: "jwt",
          jwt: {
            ...(await jwtLike(o)),
            required_claims: pairsToLists("--required-claim", list(o, "requiredClaim")),
            unique_identifier: o.uniqueIdentifier as string,
          },
        }),
      ),
    );

  common(command("create-auth-method-k8s", "create a Kubernetes service-account auth method"))
    .requiredOption("--issuer <url>", "the cluster's service-account issuer")
    .option("--jwks-url <url>", "where the issuer's keys are (https)")
    .option("--public-key <path>", "a PEM or JWK public key file (repeatable)", collect)
    .requiredOption("--audience <aud>", "accepted audience (repeatable)", collect)
    .option(
      "--bound-namespace <ns>",
      "only service accounts of this namespace (repeatable)",
      collect,
    )
    .option("--bound-service-account <name>", "only this service account (repeatable)", collect)
    .option(
      "--token-review-url <url>",
      "also ask this API server (TokenReview); alone, it decides (https://kubernetes.default.svc)",
    )
    .option("--token-review-ca-file <path>", "PEM CA of the API server (with --token-review-url)")
    .option("--max-token-age <duration>", "refuse tokens issued longer ago (e.g. 1h)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) =>
        create(ctx, o, {
          method: "kubernetes",
          kubernetes: {
            ...(await jwtLike(o, true)),
            bound_namespaces: list(o, "boundNamespace"),
            bound_service_accounts: list(o, "boundServiceAccount"),
            token_review_url: str(o, "tokenReviewUrl") ?? "",
            token_review_ca: o.tokenReviewCaFile
              ? await readTextFile("--token-review-ca-file", o.tokenReviewCaFile as string)
              : "",
            max_token_age_seconds: o.maxTokenAge
              ? parseDuration("--max-token-age", o.maxTokenAge as string)
              : 0,
          },
        }),
      ),
    );

  common(command("create-auth-method-cert", "create a client-certificate auth method"))
    .requiredOption("--ca-file <path>", "PEM file of the CA(s) that sign client certificates")
    .option("--bound-common-name <cn>", "only certificates with this CN (repeatable)", collect)
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) =>
        create(ctx, o, {
          method: "certificate",
          certificate: {
            ca_certificates: await readTextFile("--ca-file", o.caFile as string),
            bound_common_names: list(o, "boundCommonName"),
            bound_cidrs: list(o, "boundCidr"),
          },
        }),
      ),
    );

  command("list-auth-methods", "list the auth methods (every page)").action(
    (_o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const client = ctx.client();
        const methods = await allPages(async (page_token) => {
          const page = await client.listAuthMethods({ page_token });
          return [page.methods, page.next_page_token] as const;
        });
        ctx.print(
          { methods },
          methods.length === 0
            ? "(no auth methods)"
            : table(
                ["NAME", "ACCESS ID", "TYPE", "CREATED"],
                methods.map((m) => [m.name, m.access_id, m.method ?? "", isoTime(m.created_at_ms)]),
              ),
        );
        return 0;
      }),
  );

  command("delete-auth-method", "delete an auth method (its tokens are revoked)")
    .option("--name <name>", "auth method name")
    .option("--access-id <id>", "or its access id")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        if (!o.name && !o.accessId) throw new UsageError("give --name or --access-id");
        const response = await ctx
          .client()
          .deleteAuthMethod({ name: str(o, "name") ?? "", access_id: str(o, "accessId") ?? "" });
        ctx.print(response, `deleted auth method ${str(o, "name") ?? str(o, "accessId")}`);
        return 0;
      }),
    );
}

/** A duration flag in seconds (`15m`, `8h`, `3600`); 0 when not given, never 0 when given. */
function positiveDuration(o: Opts, key: string, flag: string): number {
  if (o[key] === undefined) return 0;
  const seconds = parseDuration(flag, o[key] as string);
  if (seconds === 0)
    throw new UsageError(`${flag} must be more than 0 (leave it out for the default)`);
  return seconds;
}
