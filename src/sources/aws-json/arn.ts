// Region and account from an ARN, and a region from an Availability Zone name.

/** The parts of `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` this tool uses. */
export interface ArnParts {
  readonly service: string;
  readonly region: string;
  readonly account: string;
}

/** Splits an ARN; undefined when `arn` is not one (e.g. the placeholder `"string"`). */
export function parseArn(arn: string): ArnParts | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  // arn : partition : service : region : account : resource
  const p1 = arn.indexOf(":", 4);
  const p2 = p1 < 0 ? -1 : arn.indexOf(":", p1 + 1);
  const p3 = p2 < 0 ? -1 : arn.indexOf(":", p2 + 1);
  const p4 = p3 < 0 ? -1 : arn.indexOf(":", p3 + 1);
  if (p4 < 0) return undefined;
  return { service: arn.slice(p1 + 1, p2), region: arn.slice(p2 + 1, p3), account: arn.slice(p3 + 1, p4) };
}

// us-east-1a, us-gov-west-1b, and Local Zones such as us-west-2-lax-1a.
const AZ_NAME = /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:[a-z]+|-[a-z]+-\d+[a-z]+)$/;

/** `us-east-1a` → `us-east-1`; undefined for anything that does not look like an AZ name. */
export function regionFromAz(az: string): string | undefined {
  const m = AZ_NAME.exec(az);
  return m ? m[1] : undefined;
}

// `orders.cluster-abc.us-east-1.rds.amazonaws.com` (or `.com.cn`, with or without the final dot).
const RDS_HOST = /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.rds\.amazonaws\.com(?:\.cn)?\.?$/;

/** The region an RDS endpoint host name names; undefined for other hosts. */
export function regionFromRdsHost(host: string): string | undefined {
  const m = RDS_HOST.exec(host.trim().toLowerCase());
  return m ? m[1] : undefined;
}
