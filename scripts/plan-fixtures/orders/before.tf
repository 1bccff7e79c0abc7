# The orders cluster as it runs: writer orders-prod-a (db.r6g.xlarge, tier 0) created first, readers b and c.
resource "aws_iam_role" "monitoring" {
  name = "rds-monitoring"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "monitoring.rds.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier           = "orders-prod"
  engine                       = "aurora-mysql"
  engine_version               = "8.0.mysql_aurora.3.05.2"
  database_name                = "app"
  master_username              = var.master_username
  master_password              = "not-a-real-secret-4"
  backup_retention_period      = var.retention
  deletion_protection          = var.deletion_protection
  copy_tags_to_snapshot        = true
  preferred_backup_window      = "03:00-03:30"
  preferred_maintenance_window = "sun:05:00-sun:05:30"
  storage_encrypted            = true
  skip_final_snapshot          = true
  tags                         = { env = "prod" }
}

resource "aws_rds_cluster_instance" "orders_a" {
  identifier                   = "orders-prod-a"
  cluster_identifier           = aws_rds_cluster.orders.id
  engine                       = "aurora-mysql"
  instance_class               = var.writer_class
  availability_zone            = "us-east-1a"
  promotion_tier               = 0
  performance_insights_enabled = true
  monitoring_interval          = 60
  monitoring_role_arn          = aws_iam_role.monitoring.arn
  apply_immediately            = var.apply_immediately
}

resource "aws_rds_cluster_instance" "orders_b" {
  identifier                   = "orders-prod-b"
  cluster_identifier           = aws_rds_cluster.orders.id
  engine                       = "aurora-mysql"
  instance_class               = "db.r6g.xlarge"
  availability_zone            = "us-east-1b"
  promotion_tier               = 1
  performance_insights_enabled = true
  monitoring_interval          = 60
  monitoring_role_arn          = aws_iam_role.monitoring.arn
  depends_on                   = [aws_rds_cluster_instance.orders_a]
}
