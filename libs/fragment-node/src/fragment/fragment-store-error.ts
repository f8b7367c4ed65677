import { KeyfragError, type KeyfragErrorCode } from "@keyfrag/rpc";

/** Why a fragment-store operation failed. Messages never hold secret material. */
export type FragmentStoreErrorReason =
  | "invalid-argument"
  | "conflict"
  | "unreadable-file"
  | "wrong-node-key"
  | "closed";

/**
 * How each reason reaches a caller (through the one error table of @keyfrag/rpc): a file this
 * node cannot read, or a store that is closing, is this replica's problem, so UNAVAILABLE sends
 * the caller to another replica of the slot; a wrong node key is a misconfigured node.
 */
const kindOfReason: Readonly<Record<FragmentStoreErrorReason, KeyfragErrorCode>> = {
  "invalid-argument": "invalid-argument",
  conflict: "conflict",
  "unreadable-file": "unavailable",
  "wrong-node-key": "failed-precondition",
  closed: "unavailable",
};

/**
 * Every error the fragment store raises on purpose: a KeyfragError of the kind its `reason`
 * maps to (see kindOfReason); `path` names the file when there is one.
 */
export class FragmentStoreError extends KeyfragError {
  readonly reason: FragmentStoreErrorReason;
  readonly path: string | undefined;
  constructor(
    reason: FragmentStoreErrorReason,
    message: string,
    options?: ErrorOptions & { path?: string },
  ) {
    super(kindOfReason[reason], message, options);
    this.reason = reason;
    this.path = options?.path;
  }
}
