# Two Aurora clusters from one module called with for_each; inside, the cluster has count and the instances for_each.
# search's instances sit in us-east-1a, and the third (added by the plan) leaves its AZ to AWS.
variable "search_instances" {
  type    = map(object({ az = optional(string) }))
  default = { a = { az = "us-east-1a" }, b = { az = "us-east-1a" } }
}

resource "aws_iam_role" "monitoring" {
  name = "rds-monitoring"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "monitoring.rds.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

module "aurora" {
  source   = "./aurora"
  for_each = {
    payments = { a = { az = "us-east-1a" }, b = { az = "us-east-1b" } }
    search   = var.search_instances
  }
  name                = "${each.key}-prod"
  instances           = each.value
  monitoring_role_arn = aws_iam_role.monitoring.arn
}
