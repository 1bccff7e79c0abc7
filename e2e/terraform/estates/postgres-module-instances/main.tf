# Aurora PostgreSQL through a local module (writer plus a for_each map of readers), a Multi-AZ PostgreSQL instance
# and a single-AZ MySQL instance, with one db-instance failover subscription that covers only the Multi-AZ one.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }
  }
}

resource "aws_iam_role" "monitoring" {
  name = "estate-rds-monitoring"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "monitoring.rds.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

module "ledger" {
  source                  = "./modules/aurora"
  name                    = "ledger-prod"
  engine                  = "aurora-postgresql"
  engine_version          = "15.4"
  backup_retention_period = 7
  deletion_protection     = true
  copy_tags_to_snapshot   = false
  monitoring_interval     = 30
  monitoring_role_arn     = aws_iam_role.monitoring.arn
  tags                    = { env = "prod" }
  writer                  = { instance_class = "db.r6g.xlarge", availability_zone = "us-east-1a", performance_insights_enabled = true }
  readers = {
    "2" = { instance_class = "db.r6g.large", promotion_tier = 1, availability_zone = "us-east-1b", performance_insights_enabled = false }
  }
}

resource "aws_db_instance" "standalone" {
  for_each = {
    "reports-pg" = { engine = "postgres", version = "16.4", multi_az = true, retention = 7, protect = true, copy = true, pi = true, monitoring = 60 }
    "wiki-mysql" = { engine = "mysql", version = "8.0.40", multi_az = false, retention = 1, protect = false, copy = false, pi = false, monitoring = 0 }
  }
  identifier                   = each.key
  engine                       = each.value.engine
  engine_version               = each.value.version
  instance_class               = "db.m6g.large"
  allocated_storage            = 50
  username                     = "dbadmin"
  password                     = "not-a-real-secret-3"
  multi_az                     = each.value.multi_az
  availability_zone            = each.value.multi_az ? null : "us-east-1a"
  backup_retention_period      = each.value.retention
  backup_window                = "03:00-04:00"
  maintenance_window           = "sat:05:00-sat:06:00"
  deletion_protection          = each.value.protect
  copy_tags_to_snapshot        = each.value.copy
  performance_insights_enabled = each.value.pi
  monitoring_interval          = each.value.monitoring
  monitoring_role_arn          = each.value.monitoring > 0 ? aws_iam_role.monitoring.arn : null
  auto_minor_version_upgrade   = true
  skip_final_snapshot          = true
  tags                         = { env = "prod" }
}

resource "aws_sns_topic" "db_events" {
  name = "instances-db-events"
}

resource "aws_db_event_subscription" "instances" {
  name             = "instances-failover"
  sns_topic        = aws_sns_topic.db_events.arn
  source_type      = "db-instance"
  source_ids       = [aws_db_instance.standalone["reports-pg"].identifier]
  event_categories = ["failover"]
}
