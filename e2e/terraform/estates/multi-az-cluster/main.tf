# A Multi-AZ DB cluster (RDS for PostgreSQL: a writer and two readable standbys, one per AZ, which RDS creates and
# Terraform does not declare). Deliberate failures: 3-day retention, enhanced monitoring off.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }
  }
}

resource "aws_rds_cluster" "billing" {
  cluster_identifier           = "billing-maz"
  engine                       = "postgres"
  engine_version               = "16.4"
  db_cluster_instance_class    = "db.m6gd.large"
  storage_type                 = "io1"
  allocated_storage            = 100
  iops                         = 1000
  master_username              = "dbadmin"
  master_password              = "not-a-real-secret-7"
  backup_retention_period      = 3
  preferred_backup_window      = "03:00-04:00"
  preferred_maintenance_window = "sat:05:00-sat:06:00"
  deletion_protection          = true
  copy_tags_to_snapshot        = true
  performance_insights_enabled = true
  monitoring_interval          = 0
  skip_final_snapshot          = true
  tags                         = { env = "prod" }
}
