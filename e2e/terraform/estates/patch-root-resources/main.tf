# Plain root resources for haspec's tf.patch: a custom parameter group without binlog_format (edited where it is
# declared, never created twice), a writer db.r6g.2xlarge with a db.r6g.large reader in its own AZ at tier 15 (the
# failover target is too small and in the writer's AZ: a new tier-0 reader of the writer's class elsewhere, never a
# smaller writer), retention 1, no deletion protection, monitoring off, no failover subscription, a CNAME at TTL 60
# judged under two limits (30 and 5).
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_rds_cluster_parameter_group" "billing" {
  name   = "billing-aurora-mysql80"
  family = "aurora-mysql8.0"
  parameter {
    name         = "time_zone"
    value        = "UTC"
    apply_method = "immediate"
  }
}

resource "aws_rds_cluster" "billing" {
  cluster_identifier              = "billing-prod"
  engine                          = "aurora-mysql"
  engine_version                  = "8.0.mysql_aurora.3.05.2"
  master_username                 = "admin"
  master_password                 = "not-a-real-secret-1"
  availability_zones              = ["us-east-1a", "us-east-1b", "us-east-1c"]
  backup_retention_period         = 1
  preferred_backup_window         = "02:00-03:00"
  preferred_maintenance_window    = "sun:05:00-sun:06:00"
  deletion_protection             = false
  copy_tags_to_snapshot           = true
  skip_final_snapshot             = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.billing.name
  tags                            = { env = "prod" }
}

resource "aws_rds_cluster_instance" "writer" {
  identifier                   = "billing-prod-1"
  cluster_identifier           = aws_rds_cluster.billing.id
  engine                       = aws_rds_cluster.billing.engine
  engine_version               = aws_rds_cluster.billing.engine_version
  instance_class               = "db.r6g.2xlarge"
  availability_zone            = "us-east-1a"
  promotion_tier               = 1
  performance_insights_enabled = true
  monitoring_interval          = 0
  tags                         = { env = "prod" }
}

resource "aws_rds_cluster_instance" "reader" {
  identifier                   = "billing-prod-2"
  cluster_identifier           = aws_rds_cluster.billing.id
  engine                       = aws_rds_cluster.billing.engine
  engine_version               = aws_rds_cluster.billing.engine_version
  instance_class               = "db.r6g.large"
  availability_zone            = "us-east-1a"
  promotion_tier               = 15
  performance_insights_enabled = true
  monitoring_interval          = 0
  tags                         = { env = "prod" }
  depends_on                   = [aws_rds_cluster_instance.writer]
}

resource "aws_route53_zone" "internal" {
  name = "example.internal"
}

resource "aws_route53_record" "billing" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "billing.example.internal"
  type    = "CNAME"
  ttl     = 60
  records = [aws_rds_cluster.billing.endpoint]
}
