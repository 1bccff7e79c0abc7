# Aurora MySQL with a writer (orders-prod-a, created first) and one reader (orders-prod-b) of one class: the estate the
# zero-downtime scale-up procedure runs on. resize.override is the change it replaces: the writer resized in place.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }
  }
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier           = "orders-prod"
  engine                       = "aurora-mysql"
  engine_version               = "8.0.mysql_aurora.3.05.2"
  master_username              = "admin"
  master_password              = "not-a-real-secret-1"
  backup_retention_period      = 7
  preferred_backup_window      = "02:00-03:00"
  preferred_maintenance_window = "sun:05:00-sun:06:00"
  deletion_protection          = false
  copy_tags_to_snapshot        = true
  skip_final_snapshot          = true
  tags                         = { env = "prod" }
}

resource "aws_rds_cluster_instance" "orders_a" {
  identifier         = "orders-prod-a"
  cluster_identifier = aws_rds_cluster.orders.id
  engine             = aws_rds_cluster.orders.engine
  instance_class     = "db.r6g.large"
  availability_zone  = "us-east-1a"
  promotion_tier     = 0
}

resource "aws_rds_cluster_instance" "orders_b" {
  identifier         = "orders-prod-b"
  cluster_identifier = aws_rds_cluster.orders.id
  engine             = aws_rds_cluster.orders.engine
  instance_class     = "db.r6g.large"
  availability_zone  = "us-east-1b"
  promotion_tier     = 1
  # Created after the writer: moto (like a new cluster on AWS) makes the first instance the writer.
  depends_on = [aws_rds_cluster_instance.orders_a]
}
