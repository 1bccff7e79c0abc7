// The application tier: Auto Scaling groups, load balancers and lone EC2 instances (SPEC §9), and how each is judged as a Resource.
import { databaseFieldsUnknown, type Resource, type SourceLocation } from "./resource.js";
import { known, unknown, type Value } from "./value.js";

/** What every application-tier resource has: where it is and what it is called. */
export interface ComputeCommon {
  /** The group's or load balancer's name, the instance's id. */
  readonly id: string;
  /** ARN for AWS inputs (instance id when no ARN is given), Terraform address for IaC inputs. */
  readonly address: string;
  readonly location?: SourceLocation;
  readonly region: Value<string>;
  readonly account: Value<string>;
  readonly tags: Value<Readonly<Record<string, string>>>;
}

/** An instance as an Auto Scaling group lists it. */
export interface GroupMember {
  readonly id: string;
  readonly availabilityZone: Value<string>;
  /** `InService`, `Pending`, `Terminating`… */
  readonly lifecycleState: Value<string>;
}

/** A subnet as a configuration names it: by Terraform address (a reference) and/or by id, with its AZ when known. */
export interface SubnetRef {
  readonly address?: string;
  readonly id?: string;
  readonly availabilityZone?: string;
}

/**
 * The subnets a group or load balancer is placed in, as its Terraform configuration lists them, and the other subnets
 * the inputs declare in the same VPC (a fix adds those to spread it over more AZs). Only Terraform inputs carry it.
 */
export interface SubnetChoice {
  /** The attribute that lists them: `vpc_zone_identifier` or `subnets`. */
  readonly attribute: string;
  readonly current: readonly SubnetRef[];
  /** Whether the configuration gives literal ids (state, or ids written out) rather than references. */
  readonly literal: boolean;
  /** The VPC they share: its id, or the address of the aws_vpc they reference. */
  readonly vpc: string;
  /** The other subnets of that VPC among the inputs, AZ known, by AZ then address. */
  readonly sameVpc: readonly SubnetRef[];
}

/** An Auto Scaling group (DescribeAutoScalingGroups / aws_autoscaling_group). */
export interface AutoScalingGroup extends ComputeCommon {
  /** Where the group may launch: its AvailabilityZones (the AZs of its subnets). */
  readonly availabilityZones: Value<readonly string[]>;
  readonly minSize: Value<number>;
  readonly desiredCapacity: Value<number>;
  readonly maxSize: Value<number>;
  /** `EC2`, `ELB`, `VPC_LATTICE` (a group may list several in Terraform's comma form; kept as given). */
  readonly healthCheckType: Value<string>;
  /** Classic load balancer names and target group ARNs the group registers with; known([]) when none. */
  readonly loadBalancers: Value<readonly string[]>;
  readonly instances: Value<readonly GroupMember[]>;
  /** Suspended processes (`AZRebalance`, `Launch`…); known([]) when none. */
  readonly suspendedProcesses: Value<readonly string[]>;
  /** Seconds a new instance is spared health checks (HealthCheckGracePeriod); absent where the source does not read it. */
  readonly healthCheckGracePeriod?: Value<number>;
  /** Its subnets and the others of its VPC, from Terraform inputs. */
  readonly subnets?: SubnetChoice;
}

export type LoadBalancerType = "application" | "network" | "gateway" | "classic";

/** A load balancer: ALB, NLB, GWLB (elbv2) or Classic (elb). */
export interface LoadBalancer extends ComputeCommon {
  readonly type: Value<LoadBalancerType>;
  /** The AZs it is enabled in (elbv2 AvailabilityZones[].ZoneName, Classic AvailabilityZones). */
  readonly availabilityZones: Value<readonly string[]>;
  /** Whether cross-zone load balancing is on at the load balancer level. */
  readonly crossZone: Value<boolean>;
  /** Where `crossZone` comes from: an attribute read, or the documented default that applies. */
  readonly crossZoneFrom?: string;
  /** The name clients resolve (DNSName); absent when the source does not read it. */
  readonly dnsName?: Value<string>;
  /** Its subnets and the others of its VPC, from Terraform inputs. */
  readonly subnets?: SubnetChoice;
}

/** A CloudWatch alarm on one instance's metric, as far as recovery cares. */
export interface InstanceAlarm {
  readonly name: string;
  readonly metricName: string;
  /** Alarm actions (ARNs), e.g. `arn:aws:automate:us-east-1:ec2:recover`. */
  readonly actions: readonly string[];
  readonly actionsEnabled: boolean;
}

/** An EC2 instance in no Auto Scaling group (DescribeInstances / aws_instance). */
export interface Ec2Instance extends ComputeCommon {
  readonly instanceType: Value<string>;
  readonly availabilityZone: Value<string>;
  /** `running`, `stopped`… */
  readonly state: Value<string>;
  /** `default`, `dedicated`, `host`. */
  readonly tenancy: Value<string>;
  /** MaintenanceOptions.AutoRecovery: `default` (on where the type supports it) or `disabled`. */
  readonly autoRecovery: Value<"default" | "disabled">;
  /** Whether an Elastic Fabric Adapter is attached (InterfaceType efa or efa-only): simplified automatic recovery then does not apply. */
  readonly efa: Value<boolean>;
  /** The alarms on this instance's metrics (InstanceId dimension); known([]) when the alarms were read and none is. */
  readonly alarms: Value<readonly InstanceAlarm[]>;
  /** The EBS volumes attached (BlockDeviceMappings[].Ebs.VolumeId); absent when the source does not read them. */
  readonly volumes?: Value<readonly string[]>;
}

/** A target group's health check (DescribeTargetGroups), as far as how soon it stops sending to a lost target. */
export interface TargetGroup {
  readonly arn: string;
  readonly name: string;
  /** The load balancers it is attached to (none: it sends no traffic and runs no health checks). */
  readonly loadBalancerArns: readonly string[];
  readonly healthCheckIntervalSeconds: Value<number>;
  readonly unhealthyThresholdCount: Value<number>;
  readonly location?: SourceLocation;
}

/** An EBS snapshot (DescribeSnapshots), as far as an instance's recovery point cares. */
export interface EbsSnapshot {
  readonly id: string;
  readonly volumeId: string;
  /** ISO time the snapshot was taken (its point in time). */
  readonly startTime: string;
  /** `completed`, `pending`, `error`… */
  readonly state: string;
  readonly location?: SourceLocation;
}

/** The application tier read from the inputs. */
export interface ComputeTier {
  readonly groups: readonly AutoScalingGroup[];
  readonly loadBalancers: readonly LoadBalancer[];
  readonly instances: readonly Ec2Instance[];
  /** Target groups (DescribeTargetGroups), present only when such an output was read. */
  readonly targetGroups?: readonly TargetGroup[];
  /** EBS snapshots, present only when a describe-snapshots output was read (then a volume without one has none). */
  readonly snapshots?: readonly EbsSnapshot[];
}

/** One application-tier resource and its kind, as `Resource.compute` carries it. */
export type ComputeItem =
  | { readonly kind: "autoscaling-group"; readonly group: AutoScalingGroup }
  | { readonly kind: "load-balancer"; readonly loadBalancer: LoadBalancer }
  | { readonly kind: "ec2-instance"; readonly instance: Ec2Instance };

const NOT_A_DATABASE = "an application-tier resource is not a database";

function common(item: ComputeItem): ComputeCommon {
  return item.kind === "autoscaling-group" ? item.group : item.kind === "load-balancer" ? item.loadBalancer : item.instance;
}

/**
 * The application-tier resource as a resource the policy's targets can select and the compute.* and load_balancer.*
 * rules judge. Its database fields are unknown: no database rule applies to these kinds, so none is judged on them.
 */
export function computeResource(item: ComputeItem): Resource {
  const c = common(item);
  return {
    ...databaseFieldsUnknown(NOT_A_DATABASE),
    id: c.id,
    kind: item.kind,
    region: c.region,
    account: c.account,
    address: c.address,
    ...(c.location ? { location: c.location } : {}),
    tags: c.tags,
    compute: item,
  };
}

/** Every application-tier resource of a tier, groups first, as resources. */
export function computeResources(tier: ComputeTier | undefined): Resource[] {
  if (tier === undefined) return [];
  return [
    ...tier.groups.map((group) => computeResource({ kind: "autoscaling-group", group })),
    ...tier.loadBalancers.map((loadBalancer) => computeResource({ kind: "load-balancer", loadBalancer })),
    ...tier.instances.map((instance) => computeResource({ kind: "ec2-instance", instance })),
  ];
}

/** The recover action in both forms PutMetricAlarm documents: `arn:aws:automate:<region>:ec2:recover`, and for IAM roles `arn:aws:swf:<region>:<account>:action/actions/AWS_EC2.InstanceId.Recover/1.0`. */
const RECOVER_ACTION = /^arn:aws[a-z-]*:(automate:[a-z0-9-]+:ec2:recover|swf:[a-z0-9-]+:\d{12}:action\/actions\/AWS_EC2\.InstanceId\.Recover\/1\.0)$/;

/**
 * Whether an alarm recovers its instance: on StatusCheckFailed_System (the recover action works with no other metric,
 * EC2 User Guide UsingAlarmActions) with the recover action (RECOVER_ACTION), its actions enabled.
 */
export function isRecoverAlarm(alarm: InstanceAlarm): boolean {
  return alarm.actionsEnabled && alarm.metricName === "StatusCheckFailed_System" && alarm.actions.some((a) => RECOVER_ACTION.test(a));
}
