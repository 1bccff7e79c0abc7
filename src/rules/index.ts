// The explicit list of every rule; the policy schema, docs and `haspec explain` are generated from it.
import { minAzs } from "./multi_az/min_azs.js";
import { minReaders } from "./multi_az/min_readers.js";
import { readersOutsideWriterAz } from "./multi_az/readers_outside_writer_az.js";
import { maxTier } from "./failover/max_tier.js";
import { targetClass } from "./failover/target_class.js";
import { targetOtherAz } from "./failover/target_other_az.js";
import { minRetentionDays } from "./backup/min_retention_days.js";
import { deletionProtection } from "./backup/deletion_protection.js";
import { copyTagsToSnapshot } from "./backup/copy_tags_to_snapshot.js";
import { minBacktrackHours } from "./backup/min_backtrack_hours.js";
import { maxPitrLagMinutes } from "./backup/max_pitr_lag_minutes.js";
import { windowClearOfMaintenance } from "./backup/window_clear_of_maintenance.js";
import { formats } from "./binlog/formats.js";
import { minRetentionHours } from "./binlog/min_retention_hours.js";
import { maxTtl } from "./dns/max_ttl.js";
import { noInstanceEndpointRecords } from "./dns/no_instance_endpoint_records.js";
import { subscribed } from "./events/subscribed.js";
import { required } from "./proxy/required.js";
import { performanceInsights } from "./monitoring/performance_insights.js";
import { maxMonitoringInterval } from "./monitoring/max_monitoring_interval.js";
import { autoMinorVersionUpgrade } from "./maintenance/auto_minor_version_upgrade.js";
import { minEngineVersion } from "./maintenance/min_engine_version.js";
import { noWriterResizeInPlace } from "./changes/no_writer_resize_in_place.js";
import { noCapacityReduction } from "./changes/no_capacity_reduction.js";
import { noReplacement } from "./changes/no_replacement.js";
import { noProtectionDowngrade } from "./changes/no_protection_downgrade.js";
import { rto } from "./objectives/rto.js";
import { rpo } from "./objectives/rpo.js";
import { drilledWithin } from "./objectives/drilled_within.js";
import { maxDnsCache } from "./clients/max_dns_cache.js";
import { maxPoolLifetime } from "./clients/max_pool_lifetime.js";
import { noInstanceEndpoints } from "./clients/no_instance_endpoints.js";
import { failoverAware } from "./clients/failover_aware.js";
import { proxiesReResolve } from "./clients/proxies_re_resolve.js";
import { minAzs as computeMinAzs } from "./compute/min_azs.js";
import { minInstances } from "./compute/min_instances.js";
import { elbHealthCheck } from "./compute/elb_health_check.js";
import { autoRecovery } from "./compute/auto_recovery.js";
import { minAzs as loadBalancerMinAzs } from "./load_balancer/min_azs.js";
import { crossZone } from "./load_balancer/cross_zone.js";
import type { Rule } from "./types.js";

/** Every rule, in the order the report and the docs list them. */
export const RULES: readonly Rule<any>[] = [
  minAzs,
  minReaders,
  readersOutsideWriterAz,
  maxTier,
  targetClass,
  targetOtherAz,
  minRetentionDays,
  deletionProtection,
  copyTagsToSnapshot,
  minBacktrackHours,
  maxPitrLagMinutes,
  windowClearOfMaintenance,
  formats,
  minRetentionHours,
  maxTtl,
  noInstanceEndpointRecords,
  subscribed,
  required,
  performanceInsights,
  maxMonitoringInterval,
  autoMinorVersionUpgrade,
  minEngineVersion,
  noWriterResizeInPlace,
  noCapacityReduction,
  noReplacement,
  noProtectionDowngrade,
  rto,
  rpo,
  drilledWithin,
  maxDnsCache,
  maxPoolLifetime,
  noInstanceEndpoints,
  failoverAware,
  proxiesReResolve,
  computeMinAzs,
  minInstances,
  elbHealthCheck,
  autoRecovery,
  loadBalancerMinAzs,
  crossZone,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id, or undefined. */
export function findRule(id: string): Rule<any> | undefined {
  return BY_ID.get(id);
}
