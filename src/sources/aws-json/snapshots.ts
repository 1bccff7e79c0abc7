// Reads EBS snapshots from `aws ec2 describe-snapshots --owner-ids self` output (top-level key `Snapshots`): what simulate needs for a lone instance's recovery point.
import type { EbsSnapshot } from "../../model/compute.js";
import type { SourceLocation } from "../../model/resource.js";
import { plainString, type Raw } from "./fields.js";

/** One snapshot; a text saying what is missing when the entry cannot be used. */
export function readSnapshot(raw: Raw, location: SourceLocation): EbsSnapshot | string {
  const id = plainString(raw, "SnapshotId");
  const volumeId = plainString(raw, "VolumeId");
  const startTime = plainString(raw, "StartTime");
  const state = plainString(raw, "State");
  if (id === undefined) return "it has no SnapshotId";
  if (volumeId === undefined || startTime === undefined || Number.isNaN(Date.parse(startTime))) return `${id} has no VolumeId or no StartTime with a date`;
  return { id, volumeId, startTime: new Date(Date.parse(startTime)).toISOString(), state: state ?? "unknown", location };
}
