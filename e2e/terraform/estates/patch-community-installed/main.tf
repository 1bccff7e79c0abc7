# A root calling the community terraform-aws-modules/rds-aurora module (v9.16.1) by a non-local source, as teams do:
# `terraform init` installs it under .terraform/modules/aurora and records it in .terraform/modules/modules.json.
# Offline, the source is a git repository made by the test (harness/module-repo.ts puts its URL where
# __RDS_AURORA_GIT_URL__ stands); haspec reads the installed copy and its tf.patch only sets the module's inputs.
# Same estate as patch-community-vendored: Aurora PostgreSQL; deliberate failures: both instances in us-east-1a, the
# reader at tier 15 and smaller than the writer, retention 1 day, no deletion protection, no Performance Insights, no
# Enhanced Monitoring.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.89, < 7.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}

# The module is told to create no subnet group: the root brings its own.
resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "db" {
  for_each          = { a = "10.20.1.0/24", b = "10.20.2.0/24", c = "10.20.3.0/24" }
  vpc_id            = aws_vpc.main.id
  cidr_block        = each.value
  availability_zone = "us-east-1${each.key}"
}

resource "aws_db_subnet_group" "ledger" {
  name       = "ledger-prod"
  subnet_ids = [for s in aws_subnet.db : s.id]
}

module "aurora" {
  source = "git::__RDS_AURORA_GIT_URL__?ref=v9.16.1"

  name                        = "ledger-prod"
  engine                      = "aurora-postgresql"
  engine_version              = "15.4"
  master_username             = "root"
  manage_master_user_password = false
  master_password             = "not-a-real-secret-1"
  create_db_subnet_group      = false
  db_subnet_group_name        = aws_db_subnet_group.ledger.name
  create_security_group       = false
  availability_zones          = ["us-east-1a", "us-east-1b", "us-east-1c"]
  instance_class              = "db.r6g.large"
  backup_retention_period     = 1
  skip_final_snapshot         = true
  apply_immediately           = true

  instances = {
    one = {
      instance_class    = "db.r6g.xlarge"
      availability_zone = "us-east-1a"
      promotion_tier    = 0
    }
    two = {
      availability_zone = "us-east-1a"
      promotion_tier    = 15
    }
  }

  tags = {
    env = "prod"
  }
}
