// Whether an Availability Zone is in a resource's region, from the zone's name (`us-east-1a`, `us-west-2-lax-1a` are in us-east-1, us-west-2).
import type { Match } from "../facts/place.js";
import type { Resource } from "../model/resource.js";

/** The region an AZ name belongs to: a region name followed by a letter, or by a Local Zone suffix and a letter. */
export function regionOfAz(az: string): string | null {
  const m = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)(?:-[a-z]+-\d+)?[a-z]$/.exec(az.toLowerCase());
  return m ? m[1]! : null;
}

/**
 * "yes"/"no" when the resource's region (or, without it, its instances' AZs) tells; "maybe" when nothing does.
 * An AZ the resource's own instances name (primary or standby) is in its region whatever it reads
 * like: Terraform names a Multi-AZ instance's AZs with placeholders ("the standby AZ (…)").
 */
export function azInRegion(az: string, resource: Resource): Match {
  if (namedByInstances(az, resource)) return "yes";
  const azRegion = regionOfAz(az);
  if (resource.region.known) {
    if (azRegion === null) return "maybe";
    return azRegion === resource.region.value.toLowerCase() ? "yes" : "no";
  }
  if (azRegion !== null && resource.instances.known) {
    for (const i of resource.instances.value) {
      if (i.availabilityZone.known && regionOfAz(i.availabilityZone.value) !== null) {
        return regionOfAz(i.availabilityZone.value) === azRegion ? "yes" : "no";
      }
    }
  }
  return "maybe";
}

function namedByInstances(az: string, resource: Resource): boolean {
  if (!resource.instances.known) return false;
  const wanted = az.toLowerCase();
  return resource.instances.value.some((i) =>
    [i.availabilityZone, i.secondaryAvailabilityZone].some((v) => v.known && v.value !== null && v.value.toLowerCase() === wanted),
  );
}
