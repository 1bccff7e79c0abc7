// Blocks several fixes share: the Enhanced Monitoring role and one SNS topic per region for RDS events.
import { ref, noteBlock, type Block, type Draft } from "./blocks.js";

const MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";
const ASSUME_BY_RDS_MONITORING = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export class SharedBlocks {
  private role: Block | undefined;
  private readonly topics = new Map<string, Block>();

  constructor(
    private readonly draft: Draft,
    /** Region for global resources (IAM): the first region the fix touches. */
    private readonly homeRegion: () => string | undefined,
  ) {}

  /** The IAM role RDS assumes to publish Enhanced Monitoring metrics (created once). */
  monitoringRole(): Block {
    if (this.role) return this.role;
    const region = this.homeRegion();
    this.role = this.draft.add({
      type: "aws_iam_role",
      name: "rds_enhanced_monitoring",
      values: { name: "haspec-rds-enhanced-monitoring", assume_role_policy: ASSUME_BY_RDS_MONITORING },
      origin: { kind: "new" },
      region,
      owner: "(shared)",
    });
    noteBlock(this.role, { rule: "monitoring.max_monitoring_interval", text: "Enhanced Monitoring publishes OS metrics through this role" });
    this.draft.add({
      type: "aws_iam_role_policy_attachment",
      name: "rds_enhanced_monitoring",
      values: { role: ref(this.role, "name"), policy_arn: MONITORING_POLICY_ARN },
      origin: { kind: "new" },
      region,
      owner: "(shared)",
    });
    return this.role;
  }

  /** The SNS topic RDS event subscriptions of one region publish to. */
  eventTopic(region: string): Block {
    const existing = this.topics.get(region);
    if (existing) return existing;
    const topic = this.draft.add({
      type: "aws_sns_topic",
      name: `rds_events_${region}`,
      values: { name: "haspec-rds-events" },
      origin: { kind: "new" },
      region,
      owner: "(shared)",
    });
    noteBlock(topic, { rule: "events.subscribed", text: `RDS events of ${region} are published here: subscribe the on-call team to it` });
    this.topics.set(region, topic);
    return topic;
  }
}
