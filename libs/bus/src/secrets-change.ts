/** Item changes the secrets service announces so that caches elsewhere drop an item at once. */
import { z } from "zod";

/** Kinds of change announced on `subjects(cluster).secretsChanged`. */
export const SECRETS_CHANGE_KINDS = [
  "created",
  "version",
  "deleted",
  "restored",
  "replaced",
] as const;
export type SecretsChangeKind = (typeof SECRETS_CHANGE_KINDS)[number];

/** A change to an item, published after it is stored. */
export const SecretsChangeSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(SECRETS_CHANGE_KINDS),
  /** The version the change is about (created/version: the new one; replaced: the rewrapped one). */
  version: z.number().int().nonnegative(),
});
export type SecretsChange = z.infer<typeof SecretsChangeSchema>;
