// The application tier's Terraform types: what the .tf evaluator, the plan/state reader and the compute builder read.

/** The application tier's Terraform types (src/sources/terraform/compute.ts builds the model from them). */
export const COMPUTE_TYPES: readonly string[] = [
  "aws_autoscaling_group",
  "aws_autoscaling_attachment",
  "aws_launch_template",
  "aws_lb",
  "aws_lb_target_group",
  "aws_elb",
  "aws_instance",
  "aws_cloudwatch_metric_alarm",
  "aws_subnet",
];
