import { InvalidArgumentError } from "./errors.js";

/** The members of CreateDynamicSecretRequest's `producer` oneof. */
export const PRODUCER_MEMBERS = ["sql", "redis", "ssh", "jwt", "custom"] as const;
export type ProducerMember = (typeof PRODUCER_MEMBERS)[number];

/**
 * The one producer member a CreateDynamicSecret request sets. Protobuf keeps every member of a
 * oneof that is on the wire and the decoder names only the last in `producer`, so a request
 * with two could be authorized (by the gateway) on one and stored (by the producers service)
 * with the other: both services refuse it here, the same way.
 */
export function producerMember(
  req: Partial<Record<ProducerMember, unknown>> & { producer?: string },
): ProducerMember | undefined {
  const present = PRODUCER_MEMBERS.filter((m) => req[m] != null);
  if (present.length > 1) {
    throw new InvalidArgumentError(
      `a dynamic secret takes one of ${PRODUCER_MEMBERS.join(", ")} (got ${present.join(" and ")})`,
    );
  }
  const member = present[0];
  if ((req.producer || undefined) !== member) {
    throw new InvalidArgumentError("producer does not name the producer settings given");
  }
  return member;
}
