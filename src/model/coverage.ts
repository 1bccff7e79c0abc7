// Which source fills each model field, and why the others cannot: a new field is a compile error here until every source is answered for.
import type { SourceKind } from "../sources/index.js";
import type { AutoScalingGroup, Ec2Instance, LoadBalancer } from "./compute.js";
import type { Inventory } from "./inventory.js";
import type { Endpoints, Instance, ParameterGroupRef, Resource } from "./resource.js";

/** A source fills the field from its input, or cannot, and says why in words a user can act on. */
export type Fill = "reads" | { readonly cannot: string };

/** One answer per source for each field of T (optional fields included). test/model/coverage.test.ts checks them against what each source reads. */
export type Coverage<T> = { readonly [F in keyof T]-?: Readonly<Record<SourceKind, Fill>> };

const AWS = ["aws-json", "aws", "snapshot"] as const;
const TERRAFORM = ["plan", "state", "hcl", "cdktf"] as const;
const CONFIGURATION = ["hcl", "cdktf"] as const;

/** Read by every source. */
const ALL: Record<SourceKind, Fill> = { "aws-json": "reads", aws: "reads", plan: "reads", state: "reads", hcl: "reads", cdktf: "reads", snapshot: "reads" };

/** Read by every source except those named, which cannot for the reason given. */
function except(sources: readonly SourceKind[], cannot: string): Record<SourceKind, Fill> {
  return { ...ALL, ...Object.fromEntries(sources.map((s) => [s, { cannot }])) };
}

/** Read only by the sources named; the others cannot for the reason given. */
function only(sources: readonly SourceKind[], cannot: string): Record<SourceKind, Fill> {
  return except((Object.keys(ALL) as SourceKind[]).filter((s) => !sources.includes(s)), cannot);
}

/** What no database source reads: it comes from `--app-config`, not from the database inputs. */
const FROM_APP_CONFIG: Record<SourceKind, Fill> = only([], "applications are read from --app-config PATH, not from database inputs");

/** The application tier (SPEC §9) is read from AWS CLI JSON, the live scan, snapshots and .tf so far; plans, state and CDKTF follow (issue 23). */
const NOT_YET = "haspec does not read the application tier from this source yet (issue 23)";
const APP_TIER: Record<SourceKind, Fill> = only(["aws-json", "aws", "snapshot", "hcl"], NOT_YET);
/** Read from AWS data only: configuration cannot know it, and the other sources do not read the tier yet. */
const APP_TIER_LIVE = (why: string): Record<SourceKind, Fill> => only(["aws-json", "aws", "snapshot"], `${why}; the other sources do not read the application tier yet (issue 23)`);

const NO_ARN = "the account is read from the resource's ARN, which configuration does not have before apply";

export const RESOURCE_COVERAGE: Coverage<Resource> = {
  id: ALL,
  kind: ALL,
  engine: ALL,
  engineVersion: ALL,
  region: ALL,
  account: except(CONFIGURATION, NO_ARN),
  address: ALL,
  location: ALL,
  tags: ALL,
  instances: ALL,
  endpoints: ALL,
  backupRetentionDays: ALL,
  deletionProtection: ALL,
  copyTagsToSnapshot: ALL,
  backtrackWindowSeconds: ALL,
  latestRestorableTime: only(AWS, "only the RDS API reports it: Terraform has no such attribute"),
  preferredBackupWindow: ALL,
  preferredMaintenanceWindow: ALL,
  autoMinorVersionUpgrade: ALL,
  clusterParameterGroup: ALL,
  binlogRetentionHours: only(["aws", "snapshot"], "only a SQL connection to the database can read it (mysql.rds_show_configuration)"),
  clusterInstanceClass: only(TERRAFORM, "AWS sources read each member instance's class (Instance.instanceClass) instead"),
  clusterPerformanceInsights: only(TERRAFORM, "AWS sources read each member instance's PerformanceInsightsEnabled instead"),
  clusterMonitoringInterval: only(TERRAFORM, "AWS sources read each member instance's MonitoringInterval instead"),
  importAttributes: only(AWS, "only a live resource has attributes a `terraform import` must repeat"),
  change: only(["plan"], "only a Terraform plan describes a change"),
  application: FROM_APP_CONFIG,
  compute: only([], "the application tier is read into Inventory.compute; the engine sets Resource.compute when it judges it (computeResource)"),
};

export const INSTANCE_COVERAGE: Coverage<Instance> = {
  id: ALL,
  isWriter: ALL,
  availabilityZone: ALL,
  secondaryAvailabilityZone: ALL,
  promotionTier: ALL,
  instanceClass: ALL,
  endpoint: ALL,
  performanceInsightsEnabled: ALL,
  monitoringInterval: ALL,
  autoMinorVersionUpgrade: ALL,
  preferredMaintenanceWindow: ALL,
  clusterParameterGroupStatus: only(AWS, "Terraform data does not say whether an instance runs its cluster parameter group's current values"),
  address: ALL,
  location: ALL,
  importAttributes: only(AWS, "only a live instance has attributes a `terraform import` must repeat"),
};

/**
 * Configuration (hcl, cdktf) cannot know a host name before apply; an endpoint a DNS record names is
 * filled with the stand-in `(known after apply: <address>.<attribute>)` so the record can be matched to it.
 */
export const ENDPOINTS_COVERAGE: Coverage<Endpoints> = {
  cluster: ALL,
  reader: ALL,
  custom: ALL,
};

export const PARAMETER_GROUP_COVERAGE: Coverage<ParameterGroupRef> = {
  name: ALL,
  isDefault: ALL,
  parameters: ALL,
  declaredAt: only(TERRAFORM, "only Terraform data declares a group at an address"),
};

/** What every application-tier resource has (src/model/compute.ts ComputeCommon). */
const COMPUTE_COMMON = {
  id: APP_TIER,
  address: APP_TIER,
  location: APP_TIER,
  region: APP_TIER,
  account: APP_TIER_LIVE("configuration has no ARN before apply"),
  tags: APP_TIER,
} as const;

export const GROUP_COVERAGE: Coverage<AutoScalingGroup> = {
  ...COMPUTE_COMMON,
  availabilityZones: APP_TIER,
  minSize: APP_TIER,
  desiredCapacity: APP_TIER,
  maxSize: APP_TIER,
  healthCheckType: APP_TIER,
  loadBalancers: APP_TIER,
  instances: APP_TIER_LIVE("Terraform data does not list the instances a group runs"),
  suspendedProcesses: APP_TIER,
  healthCheckGracePeriod: only(["aws-json", "aws", "snapshot", "hcl"], "not read from Terraform plans, state or CDKTF yet (simulate's replacement time then has no grace period term and is unknown)"),
  subnets: only(["hcl"], "only Terraform inputs name subnets by address and declare the other subnets of their VPC"),
};

export const LOAD_BALANCER_COVERAGE: Coverage<LoadBalancer> = {
  ...COMPUTE_COMMON,
  tags: APP_TIER,
  type: APP_TIER,
  availabilityZones: APP_TIER,
  crossZone: APP_TIER,
  crossZoneFrom: APP_TIER,
  dnsName: only(["aws-json", "aws", "snapshot"], "a configuration has no load balancer name before apply, and state is not read for it yet (simulate links reverse proxies to it)"),
  subnets: only(["hcl"], "only Terraform inputs name subnets by address and declare the other subnets of their VPC"),
};

export const EC2_INSTANCE_COVERAGE: Coverage<Ec2Instance> = {
  ...COMPUTE_COMMON,
  instanceType: APP_TIER,
  availabilityZone: APP_TIER,
  state: APP_TIER,
  tenancy: APP_TIER,
  autoRecovery: APP_TIER,
  efa: APP_TIER,
  alarms: APP_TIER,
  volumes: only(["aws-json"], "only the AWS CLI JSON reader reads them so far (simulate's recovery point from EBS snapshots)"),
};

/** Inventory-level datasets; `resources`, `notes`, `gaps` and `sources` record the run itself and are in RUN_RECORD. */
export const INVENTORY_COVERAGE: Coverage<Omit<Inventory, RunRecord>> = {
  eventSubscriptions: ALL,
  proxies: ALL,
  proxyTargets: ALL,
  dnsRecords: ALL,
  globalClusters: ALL,
  applications: FROM_APP_CONFIG,
  compute: APP_TIER,
  liveDns: only([], "filled by --resolve from the DNS's answers (src/sources/live-dns), not by an input"),
  drills: only([], "drill records are inputs of their own (haspec drill --output), given beside any source"),
  capturedAt: {
    "aws-json": { cannot: "AWS CLI output records no capture time" },
    aws: "reads",
    plan: { cannot: "a plan's values describe the state after apply, not a moment the databases were seen" },
    state: { cannot: "a Terraform state records no time its values were read" },
    hcl: { cannot: "configuration describes no moment in time" },
    cdktf: { cannot: "configuration describes no moment in time" },
    snapshot: "reads",
  },
};

/** Inventory fields that say what a run read (and could not), not what the databases are: every source writes them. */
export const RUN_RECORD = ["resources", "notes", "gaps", "sources"] as const;
export type RunRecord = (typeof RUN_RECORD)[number];
