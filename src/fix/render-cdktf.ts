// Renders a fix's blocks as a CDKTF TypeScript stack with deep imports of @cdktf/provider-aws (one construct per block).
import { TfReference, TfUnknown, type TfValue } from "../model/terraform-value.js";
import type { Block, ChangeNote } from "./blocks.js";
import { commentText, tsString, tsTerraformString } from "./escape.js";
import { AWS_PROVIDER_CONSTRAINT, providerLayout, type ProviderLayout } from "./providers.js";

/** Terraform type → CDKTF class and module (deep imports keep tsc and start-up fast). */
const CLASSES: Record<string, { readonly name: string; readonly module: string }> = {
  aws_rds_cluster: { name: "RdsCluster", module: "rds-cluster" },
  aws_rds_cluster_instance: { name: "RdsClusterInstance", module: "rds-cluster-instance" },
  aws_db_instance: { name: "DbInstance", module: "db-instance" },
  aws_rds_cluster_parameter_group: { name: "RdsClusterParameterGroup", module: "rds-cluster-parameter-group" },
  aws_db_event_subscription: { name: "DbEventSubscription", module: "db-event-subscription" },
  aws_route53_record: { name: "Route53Record", module: "route53-record" },
  aws_sns_topic: { name: "SnsTopic", module: "sns-topic" },
  aws_iam_role: { name: "IamRole", module: "iam-role" },
  aws_iam_role_policy_attachment: { name: "IamRolePolicyAttachment", module: "iam-role-policy-attachment" },
  aws_autoscaling_group: { name: "AutoscalingGroup", module: "autoscaling-group" },
  aws_lb: { name: "Lb", module: "lb" },
  aws_elb: { name: "Elb", module: "elb" },
  aws_cloudwatch_metric_alarm: { name: "CloudwatchMetricAlarm", module: "cloudwatch-metric-alarm" },
};

/** Attributes whose object keys are data (tags), not CDKTF property names. */
const MAP_ATTRIBUTES = new Set(["tags", "tags_all", "dimensions"]);

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function variableOf(block: Block): string {
  return `${camel(block.type.replace(/^aws_/, ""))}_${block.name}`;
}

function providerVariable(alias: string | undefined): string {
  return alias === undefined ? "aws" : `aws_${alias}`;
}

/** `aws_subnet.a.id`: a reference CDKTF may write as a Terraform expression (nothing in it can break out of `${…}`). */
const ROOT_REFERENCE = /^aws_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*\.[a-z_]+$/;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function value(v: TfValue, depth: number, variables: ReadonlyMap<string, string>, keysAreData: boolean): string {
  if (v instanceof TfReference) {
    const variable = variables.get(v.address);
    // A root resource of the user's own configuration (a subnet, the instance an alarm watches): a Terraform reference.
    if (variable === undefined && ROOT_REFERENCE.test(`${v.address}.${v.attribute}`)) return tsString(`\${${v.address}.${v.attribute}}`);
    if (variable === undefined) throw new Error(`a fix refers to ${v.address}, which it does not declare`);
    return `${variable}.${camel(v.attribute)}`;
  }
  if (v instanceof TfUnknown) throw new Error(`a fix cannot render an unknown value (${v.reason})`);
  if (v === null) return "undefined";
  if (typeof v === "string") return tsTerraformString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => value(x, depth, variables, keysAreData)).join(", ")}]`;
  const pad = "  ".repeat(depth + 1);
  const entries = Object.entries(v as Record<string, TfValue>).map(([k, x]) => {
    const key = keysAreData ? tsTerraformString(k) : PLAIN_KEY.test(camel(k)) ? camel(k) : tsString(camel(k));
    return `${pad}${key}: ${value(x, depth + 1, variables, keysAreData)},`;
  });
  return entries.length === 0 ? "{}" : `{\n${entries.join("\n")}\n${"  ".repeat(depth)}}`;
}

function comments(notes: readonly ChangeNote[] | undefined, pad: string): string[] {
  const out: string[] = [];
  for (const n of notes ?? []) {
    out.push(`${pad}// ${commentText(`${n.rule}: ${n.text}`)}`);
    if (n.downtime) out.push(`${pad}// DOWNTIME: ${commentText(n.downtime)}`);
  }
  return out;
}

function construct(block: Block, providers: ProviderLayout, variables: ReadonlyMap<string, string>): string[] {
  const cls = CLASSES[block.type];
  if (cls === undefined) throw new Error(`no CDKTF class known for ${block.type}`);
  const pad = "    ";
  const variable = variables.get(`${block.type}.${block.name}`)!;
  const lines = comments(block.notes.get(""), pad);
  lines.push(`${pad}const ${variable} = new ${cls.name}(this, ${tsString(`${block.type}.${block.name}`)}, {`);
  const alias = providers.aliasOf(block);
  if (alias !== undefined) lines.push(`${pad}  provider: ${providerVariable(alias)},`);
  for (const [attribute, v] of Object.entries(block.values)) {
    if (block.recheckOnly?.has(attribute)) continue;
    lines.push(...comments(block.notes.get(attribute), `${pad}  `));
    lines.push(`${pad}  ${camel(attribute)}: ${value(v, 3, variables, MAP_ATTRIBUTES.has(attribute))},`);
  }
  lines.push(`${pad}});`);
  lines.push(`${pad}${variable}.overrideLogicalId(${tsString(block.name)});`);
  if (block.origin.kind === "import") {
    lines.push(`${pad}${variable}.importFrom(${tsTerraformString(block.origin.id)}${alias === undefined ? "" : `, ${providerVariable(alias)}`});`);
  }
  return lines;
}

/** The CDKTF program (`main.ts`): one stack holding every block, synthesized by `npx tsx main.ts`. */
export function renderCdktf(all: readonly Block[], header: readonly string[], stackName = "haspec-fix"): string {
  // Context blocks (a subnet, the instance an alarm watches) are the user's own resources: referred to, never declared.
  const blocks = all.filter((b) => !b.context);
  const providers = providerLayout(blocks);
  const variables = new Map(blocks.map((b) => [`${b.type}.${b.name}`, variableOf(b)]));
  const used = [...new Set(blocks.map((b) => b.type))].sort().map((t) => CLASSES[t]!);
  const lines: string[] = [
    ...header.map((h) => `// ${commentText(h)}`),
    'import { App, TerraformStack } from "cdktf";',
    'import type { Construct } from "constructs";',
    'import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";',
    ...used.map((c) => `import { ${c.name} } from "@cdktf/provider-aws/lib/${c.module}/index.js";`),
    "",
    "class HaspecFixStack extends TerraformStack {",
    "  constructor(scope: Construct, id: string) {",
    "    super(scope, id);",
  ];
  for (const p of providers.providers) {
    const options = [
      ...(p.alias === undefined ? [] : [`alias: ${tsString(p.alias)}`]),
      ...(p.region === undefined ? [] : [`region: ${tsString(p.region)}`]),
      ...(p.account === undefined ? [] : [`allowedAccountIds: [${tsString(p.account)}]`]),
    ];
    const create = `new AwsProvider(this, ${tsString(p.alias === undefined ? "aws" : `aws.${p.alias}`)}, { ${options.join(", ")} });`;
    lines.push(p.alias === undefined ? `    ${create}` : `    const ${providerVariable(p.alias)} = ${create}`);
  }
  // The prebuilt bindings pin the provider version they were generated from; the code accepts what teams run.
  lines.push(`    this.addOverride("terraform.required_providers.aws.version", ${tsString(AWS_PROVIDER_CONSTRAINT)});`);
  for (const b of blocks) lines.push("", ...construct(b, providers, variables));
  lines.push(
    "  }",
    "}",
    "",
    "// importFrom() adds a check that runs `terraform version` once per imported resource (import blocks need",
    "// Terraform >= 1.5); skipped so a fleet-sized stack synthesizes in seconds.",
    "const app = new App({ skipValidation: true });", `new HaspecFixStack(app, ${tsString(stackName)});`, "app.synth();", "");
  return lines.join("\n");
}
