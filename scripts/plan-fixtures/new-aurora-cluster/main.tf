# A cluster that does not exist yet: planned only. Three instances across AZs with tiers 0-2, a binlog parameter
# group, a 5 s CNAME to the endpoint, and a failover subscription to an existing SNS topic.
resource "aws_rds_cluster_parameter_group" "ledger" {
  name        = "ledger-binlog"
  family      = "aurora-mysql8.0"
  description = "binlog"
  parameter {
    name         = "binlog_format"
    value        = "ROW"
    apply_method = "pending-reboot"
  }
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier              = "ledger-prod"
  engine                          = "aurora-mysql"
  engine_version                  = "8.0.mysql_aurora.3.05.2"
  database_name                   = "app"
  master_username                 = "admin"
  master_password                 = "not-a-real-secret-6"
  backup_retention_period         = 14
  preferred_backup_window         = "03:00-03:30"
  storage_encrypted               = true
  deletion_protection             = true
  copy_tags_to_snapshot           = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.ledger.name
  skip_final_snapshot             = true
  tags                            = { env = "prod" }
}

resource "aws_rds_cluster_instance" "ledger" {
  count                        = 3
  identifier                   = "ledger-prod-${count.index}"
  cluster_identifier           = aws_rds_cluster.ledger.id
  engine                       = "aurora-mysql"
  instance_class               = "db.r6g.large"
  availability_zone            = ["us-east-1a", "us-east-1b", "us-east-1c"][count.index]
  promotion_tier               = count.index
  performance_insights_enabled = true
  monitoring_interval          = 60
  monitoring_role_arn          = "arn:aws:iam::123456789012:role/rds-monitoring"
}

resource "aws_route53_record" "ledger" {
  zone_id = "Z0123456789ABC"
  name    = "ledger.db.example.com"
  type    = "CNAME"
  ttl     = 5
  records = [aws_rds_cluster.ledger.endpoint]
}

resource "aws_db_event_subscription" "ledger" {
  name             = "ledger-failover"
  sns_topic        = "arn:aws:sns:us-east-1:123456789012:dba"
  source_type      = "db-cluster"
  source_ids       = [aws_rds_cluster.ledger.id]
  event_categories = ["failover", "failure"]
}
