// Who writes and who can take over: every writer/readers arrangement the data allows, and the AZs they use.
import type { Instance, Resource } from "../model/resource.js";
import { known, type Value } from "../model/value.js";

/** An Aurora cluster's most instances: a writer and up to 15 replicas (FACTS §1). */
const MAX_CLUSTER_INSTANCES = 16;

/** One possible arrangement: the writer (null for a cluster with no instances) and the readers. */
export interface Topology {
  readonly writer: Instance | null;
  /** Readers, Aurora replicas, Multi-AZ cluster readers, or a Multi-AZ instance's standby. */
  readonly readers: readonly Instance[];
}

/**
 * The standby of a Multi-AZ DB instance, as a reader: same class, in the secondary AZ.
 * It cannot serve reads, but it is what a failover promotes.
 */
function standbyOf(instance: Instance, secondaryAz: string): Instance {
  return {
    ...instance,
    id: `${instance.id} (standby)`,
    isWriter: known(false),
    availabilityZone: known(secondaryAz),
    secondaryAvailabilityZone: known(null),
  };
}

/**
 * Every topology the data allows. Exactly one when the writer is known; one per candidate when
 * the data cannot say which instance is (or will be) the writer.
 */
export function possibleTopologies(resource: Resource): Value<Topology[]> {
  if (!resource.instances.known) return resource.instances;
  const instances = resource.instances.value;
  if (resource.kind === "instance") {
    const self = instances[0];
    if (!self) return known([{ writer: null, readers: [] }]);
    const secondary = self.secondaryAvailabilityZone;
    if (!secondary.known) return { known: false, reason: `whether ${self.id} has a Multi-AZ standby is unknown: ${secondary.reason}` };
    return known([{ writer: self, readers: secondary.value ? [standbyOf(self, secondary.value)] : [] }]);
  }
  if (instances.length === 0) return known([{ writer: null, readers: [] }]);
  const certain = instances.filter((i) => i.isWriter.known && i.isWriter.value);
  const candidates = certain.length > 0 ? certain : instances.filter((i) => !i.isWriter.known);
  if (candidates.length === 0) {
    return { known: false, reason: "no instance is marked as the cluster writer" };
  }
  if (candidates.length > MAX_CLUSTER_INSTANCES) {
    // No real cluster has that many; judging each as the writer would also cost time quadratic in their number.
    return {
      known: false,
      reason: `any of ${candidates.length} instances could be the writer, more than an Aurora cluster holds (a writer and up to 15 replicas), so the data cannot describe one cluster`,
    };
  }
  // Another instance known to be a writer (a multi-writer cluster) is never a failover target.
  const isKnownWriter = (i: Instance) => i.isWriter.known && i.isWriter.value;
  return known(candidates.map((writer) => ({ writer, readers: instances.filter((i) => i !== writer && !isKnownWriter(i)) })));
}

/** Distinct known AZs, and whether any instance's AZ is unknown. */
export function azSpread(instances: readonly Instance[]): { azs: string[]; unknownReasons: string[] } {
  const azs = new Set<string>();
  const unknownReasons: string[] = [];
  for (const i of instances) {
    if (i.availabilityZone.known) azs.add(i.availabilityZone.value);
    else unknownReasons.push(`${i.id}: ${i.availabilityZone.reason}`);
  }
  return { azs: [...azs].sort(), unknownReasons };
}
