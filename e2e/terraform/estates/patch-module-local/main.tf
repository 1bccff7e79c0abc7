# A root calling its own Aurora module (a local path inside the root): haspec's patch may set its inputs.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "aurora" {
  source = "./modules/aurora"

  name                    = "orders-prod"
  engine                  = "aurora-mysql"
  engine_version          = "8.0.mysql_aurora.3.05.2"
  availability_zones      = ["us-east-1a", "us-east-1b", "us-east-1c"]
  backup_retention_period = 1
  cluster_instance_class  = "db.r6g.large"

  instances = {
    one = {
      instance_class    = "db.r6g.xlarge"
      availability_zone = "us-east-1a"
      promotion_tier    = 0
    }
    two = {
      instance_class    = "db.r6g.large"
      availability_zone = "us-east-1a"
      promotion_tier    = 15
    }
  }

  tags = {
    env = "prod"
  }
}
