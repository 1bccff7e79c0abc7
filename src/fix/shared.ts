// Blocks several fixes share, per account: the Enhanced Monitoring role, and one SNS topic per region for RDS events.
import { ref, noteBlock, type Block, type Draft } from "./blocks.js";
import { EVENT_TOPIC_NAME_PREFIX, MONITORING_ROLE_NAME_PREFIX } from "./names.js";

const MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";
const ASSUME_BY_RDS_MONITORING = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export class SharedBlocks {
  private readonly roles = new Map<string, Block>();
  private readonly topics = new Map<string, Block>();

  constructor(
    private readonly draft: Draft,
    /** Region for global resources (IAM) of an account: the first region the fix touches there. */
    private readonly homeRegion: (account: string | undefined) => string | undefined,
  ) {}

  /** The IAM role RDS assumes to publish Enhanced Monitoring metrics (one per account). */
  monitoringRole(account: string | undefined, rule: string): Block {
    const key = account ?? "";
    const existing = this.roles.get(key);
    if (existing) return existing;
    const region = this.homeRegion(account);
    const suffix = this.roles.size === 0 ? "" : `_${key}`;
    const role = this.draft.add({
      type: "aws_iam_role",
      name: `haspec_rds_monitoring${suffix}`,
      // A prefix, not a fixed name: AWS adds a unique suffix, so a second fix (or another estate's) never collides.
      values: { name_prefix: MONITORING_ROLE_NAME_PREFIX, assume_role_policy: ASSUME_BY_RDS_MONITORING },
      origin: { kind: "new" },
      region,
      account,
      owner: "(shared)",
    });
    noteBlock(role, { rule, text: "Enhanced Monitoring publishes OS metrics through this role" });
    this.draft.add({
      type: "aws_iam_role_policy_attachment",
      name: `haspec_rds_monitoring${suffix}`,
      values: { role: ref(role, "name"), policy_arn: MONITORING_POLICY_ARN },
      origin: { kind: "new" },
      region,
      account,
      owner: "(shared)",
    });
    this.roles.set(key, role);
    return role;
  }

  /** The SNS topic RDS event subscriptions of one account and region publish to. */
  eventTopic(region: string, account: string | undefined, rule: string): Block {
    const key = `${account ?? ""}/${region}`;
    const existing = this.topics.get(key);
    if (existing) return existing;
    const topic = this.draft.add({
      type: "aws_sns_topic",
      name: `haspec_rds_events_${region}`,
      values: { name_prefix: EVENT_TOPIC_NAME_PREFIX },
      origin: { kind: "new" },
      region,
      account,
      owner: "(shared)",
    });
    noteBlock(topic, { rule, text: `RDS events of ${region}${account ? ` in account ${account}` : ""} are published here: subscribe the on-call team to it` });
    this.topics.set(key, topic);
    return topic;
  }
}
