// Saves an estate as an operator would with the AWS CLI (describe-*/list-* outputs in the layout haspec's AWS-JSON reader takes).
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

async function aws(env: Record<string, string>, args: readonly string[]): Promise<any> {
  const { stdout } = await run("aws", [...args, "--output", "json", "--endpoint-url", env["AWS_ENDPOINT_URL"]!], {
    env: { PATH: process.env["PATH"]!, HOME: process.env["HOME"]!, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

/** Writes `<dir>/<region>/describe-*.json` and `<dir>/route53/list-*.json`; returns `dir`. */
export async function dumpWithAwsCli(env: Record<string, string>, dir: string, region = "us-east-1"): Promise<string> {
  const regional = join(dir, region);
  mkdirSync(regional, { recursive: true });
  mkdirSync(join(dir, "route53"), { recursive: true });
  const r = ["--region", region];
  const save = (path: string, data: unknown) => writeFileSync(path, JSON.stringify(data, null, 2));
  const clusters = await aws(env, ["rds", "describe-db-clusters", ...r]);
  save(join(regional, "describe-db-clusters.json"), clusters);
  save(join(regional, "describe-db-instances.json"), await aws(env, ["rds", "describe-db-instances", ...r]));
  save(join(regional, "describe-event-subscriptions.json"), await aws(env, ["rds", "describe-event-subscriptions", ...r]));
  const proxies = await aws(env, ["rds", "describe-db-proxies", ...r]);
  save(join(regional, "describe-db-proxies.json"), proxies);
  for (const p of proxies.DBProxies ?? []) {
    save(join(regional, `describe-db-proxy-targets.${p.DBProxyName}.json`), await aws(env, ["rds", "describe-db-proxy-targets", "--db-proxy-name", p.DBProxyName, ...r]));
  }
  const groups = new Set<string>((clusters.DBClusters ?? []).map((c: any) => c.DBClusterParameterGroup).filter((g: unknown) => typeof g === "string"));
  for (const g of groups) {
    if (g.startsWith("default.")) continue;
    save(join(regional, `describe-db-cluster-parameters.${g}.json`), await aws(env, ["rds", "describe-db-cluster-parameters", "--db-cluster-parameter-group-name", g, ...r]));
  }
  const zones = await aws(env, ["route53", "list-hosted-zones"]);
  save(join(dir, "route53", "list-hosted-zones.json"), zones);
  for (const z of zones.HostedZones ?? []) {
    const id = String(z.Id).replace("/hostedzone/", "");
    save(join(dir, "route53", `list-resource-record-sets.${id}.json`), await aws(env, ["route53", "list-resource-record-sets", "--hosted-zone-id", id]));
  }
  return dir;
}

/**
 * Writes the application tier as an operator would save it (SPEC §9 inputs) to `<dir>/<region>/`: Auto Scaling groups,
 * instances, load balancers of both APIs with their attributes and tags, target groups and CloudWatch alarms (what the
 * live scan reads, so the two readings of one moto can be compared); returns `dir`.
 */
export async function dumpAppTierWithAwsCli(env: Record<string, string>, dir: string, region = "us-east-1"): Promise<string> {
  const regional = join(dir, region);
  mkdirSync(regional, { recursive: true });
  const r = ["--region", region];
  const save = (name: string, data: unknown) => writeFileSync(join(regional, name), JSON.stringify(data, null, 2));
  save("describe-auto-scaling-groups.json", await aws(env, ["autoscaling", "describe-auto-scaling-groups", ...r]));
  save("describe-instances.json", await aws(env, ["ec2", "describe-instances", ...r]));
  const v2 = await aws(env, ["elbv2", "describe-load-balancers", ...r]);
  save("describe-load-balancers.json", v2);
  for (const lb of v2.LoadBalancers ?? []) {
    save(`describe-load-balancer-attributes.${lb.LoadBalancerName}.json`, await aws(env, ["elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", lb.LoadBalancerArn, ...r]));
    save(`describe-tags.${lb.LoadBalancerName}.json`, await aws(env, ["elbv2", "describe-tags", "--resource-arns", lb.LoadBalancerArn, ...r]));
  }
  save("describe-target-groups.json", await aws(env, ["elbv2", "describe-target-groups", ...r]));
  const classic = await aws(env, ["elb", "describe-load-balancers", ...r]);
  save("elb-describe-load-balancers.json", classic);
  for (const lb of classic.LoadBalancerDescriptions ?? []) {
    save(`describe-load-balancer-attributes.${lb.LoadBalancerName}.json`, await aws(env, ["elb", "describe-load-balancer-attributes", "--load-balancer-name", lb.LoadBalancerName, ...r]));
    save(`describe-tags.${lb.LoadBalancerName}.json`, await aws(env, ["elb", "describe-tags", "--load-balancer-names", lb.LoadBalancerName, ...r]));
  }
  save("describe-alarms.json", await aws(env, ["cloudwatch", "describe-alarms", ...r]));
  return dir;
}
