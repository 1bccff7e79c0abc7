# A local Aurora module: the cluster, one writer, and readers from a map (class, promotion tier, AZ) with for_each.
variable "name" { type = string }
variable "engine" { type = string }
variable "engine_version" { type = string }
variable "backup_retention_period" { type = number }
variable "deletion_protection" { type = bool }
variable "copy_tags_to_snapshot" { type = bool }
variable "monitoring_interval" { type = number }
variable "monitoring_role_arn" { type = string }
variable "tags" { type = map(string) }
variable "writer" {
  type = object({ instance_class = string, availability_zone = string, performance_insights_enabled = bool })
}
variable "readers" {
  type = map(object({ instance_class = string, promotion_tier = number, availability_zone = string, performance_insights_enabled = bool }))
}

resource "aws_rds_cluster" "this" {
  cluster_identifier           = var.name
  engine                       = var.engine
  engine_version               = var.engine_version
  master_username              = "dbadmin"
  master_password              = "not-a-real-secret-2"
  backup_retention_period      = var.backup_retention_period
  preferred_backup_window      = "03:00-04:00"
  preferred_maintenance_window = "sat:05:00-sat:06:00"
  deletion_protection          = var.deletion_protection
  copy_tags_to_snapshot        = var.copy_tags_to_snapshot
  skip_final_snapshot          = true
  tags                         = var.tags
}

# The writer is created first (moto, like RDS, makes the first instance of a cluster its writer).
resource "aws_rds_cluster_instance" "writer" {
  identifier                   = "${var.name}-1"
  cluster_identifier           = aws_rds_cluster.this.id
  engine                       = aws_rds_cluster.this.engine
  instance_class               = var.writer.instance_class
  availability_zone            = var.writer.availability_zone
  promotion_tier               = 0
  performance_insights_enabled = var.writer.performance_insights_enabled
  monitoring_interval          = var.monitoring_interval
  monitoring_role_arn          = var.monitoring_role_arn
  tags                         = var.tags
}

resource "aws_rds_cluster_instance" "reader" {
  for_each                     = var.readers
  identifier                   = "${var.name}-${each.key}"
  cluster_identifier           = aws_rds_cluster.this.id
  engine                       = aws_rds_cluster.this.engine
  instance_class               = each.value.instance_class
  availability_zone            = each.value.availability_zone
  promotion_tier               = each.value.promotion_tier
  performance_insights_enabled = each.value.performance_insights_enabled
  monitoring_interval          = var.monitoring_interval
  monitoring_role_arn          = var.monitoring_role_arn
  tags                         = var.tags
  depends_on                   = [aws_rds_cluster_instance.writer]
}

output "cluster_id" {
  value = aws_rds_cluster.this.id
}
