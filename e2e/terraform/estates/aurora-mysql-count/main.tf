# Aurora MySQL written with count and for_each: two readers-or-writer of one class in two AZs, binlog on, a failover
# subscription, one short and one long CNAME. Deliberate failures: retention 1 day, no deletion protection, no
# enhanced monitoring, the reader CNAME's TTL of 60 s.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }
  }
}

locals {
  azs = ["us-east-1a", "us-east-1b"]
}

resource "aws_rds_cluster_parameter_group" "orders" {
  name   = "orders-aurora-mysql80"
  family = "aurora-mysql8.0"
  parameter {
    name         = "binlog_format"
    value        = "ROW"
    apply_method = "pending-reboot"
  }
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier              = "orders-prod"
  engine                          = "aurora-mysql"
  engine_version                  = "8.0.mysql_aurora.3.05.2"
  master_username                 = "admin"
  master_password                 = "not-a-real-secret-1"
  backup_retention_period         = 1
  preferred_backup_window         = "02:00-03:00"
  preferred_maintenance_window    = "sun:05:00-sun:06:00"
  deletion_protection             = false
  copy_tags_to_snapshot           = true
  skip_final_snapshot             = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.orders.name
  tags                            = { env = "prod" }
}

resource "aws_rds_cluster_instance" "orders" {
  count                        = 2
  identifier                   = "orders-prod-${count.index}"
  cluster_identifier           = aws_rds_cluster.orders.id
  engine                       = aws_rds_cluster.orders.engine
  engine_version               = aws_rds_cluster.orders.engine_version
  instance_class               = "db.r6g.large"
  availability_zone            = local.azs[count.index]
  promotion_tier               = 1
  performance_insights_enabled = true
  monitoring_interval          = 0
  auto_minor_version_upgrade   = true
  tags                         = { env = "prod" }
}

resource "aws_sns_topic" "db_events" {
  name = "orders-db-events"
}

resource "aws_db_event_subscription" "failover" {
  name             = "orders-failover"
  sns_topic        = aws_sns_topic.db_events.arn
  source_type      = "db-cluster"
  source_ids       = [aws_rds_cluster.orders.id]
  event_categories = ["failover"]
}

resource "aws_route53_zone" "internal" {
  name = "example.internal"
}

resource "aws_route53_record" "db" {
  for_each = { "orders" = 5, "orders-ro" = 60 }
  zone_id  = aws_route53_zone.internal.zone_id
  name     = "${each.key}.example.internal"
  type     = "CNAME"
  ttl      = each.value
  records  = [each.key == "orders" ? aws_rds_cluster.orders.endpoint : aws_rds_cluster.orders.reader_endpoint]
}
