# A minimal Aurora MySQL module: one cluster (count) and its instances (for_each over a map of AZs).
variable "name" { type = string }
variable "instances" { type = map(object({ az = optional(string) })) }
variable "monitoring_role_arn" { type = string }

resource "aws_rds_cluster" "this" {
  count                   = 1
  cluster_identifier      = var.name
  engine                  = "aurora-mysql"
  engine_version          = "8.0.mysql_aurora.3.05.2"
  master_username         = "admin"
  master_password         = "not-a-real-secret-5"
  backup_retention_period = 7
  deletion_protection     = true
  skip_final_snapshot     = true
  tags                    = { env = "prod" }
}

resource "aws_rds_cluster_instance" "this" {
  for_each             = var.instances
  identifier           = "${var.name}-${each.key}"
  cluster_identifier   = aws_rds_cluster.this[0].id
  engine               = "aurora-mysql"
  engine_version       = "8.0.mysql_aurora.3.05.2"
  instance_class       = "db.r6g.large"
  availability_zone    = each.value.az
  monitoring_interval  = 60
  monitoring_role_arn  = var.monitoring_role_arn
}
