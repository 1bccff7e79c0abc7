# An Aurora cluster module modelled on terraform-aws-modules/rds-aurora: count on the cluster, for_each over var.instances.
locals {
  create                           = var.create
  instances_has_monitoring_enabled = anytrue([for k, v in var.instances : try(coalesce(v.monitoring_interval, 0), 0) > 0])
  create_monitoring_role           = local.create && var.create_monitoring_role && (local.instances_has_monitoring_enabled || var.cluster_monitoring_interval > 0)
}

resource "aws_rds_cluster_parameter_group" "this" {
  count = local.create && var.create_cluster_parameter_group ? 1 : 0

  name   = var.name
  family = var.cluster_parameter_group_family

  dynamic "parameter" {
    for_each = var.cluster_parameter_group_parameters
    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = try(parameter.value.apply_method, "immediate")
    }
  }
}

resource "aws_rds_cluster" "this" {
  count = local.create ? 1 : 0

  cluster_identifier              = var.name
  engine                          = var.engine
  engine_version                  = var.engine_version
  master_username                 = var.master_username
  master_password                 = var.master_password
  availability_zones              = var.availability_zones
  backup_retention_period         = var.backup_retention_period
  preferred_backup_window         = var.preferred_backup_window
  preferred_maintenance_window    = var.preferred_maintenance_window
  copy_tags_to_snapshot           = var.copy_tags_to_snapshot
  deletion_protection             = var.deletion_protection
  db_cluster_parameter_group_name = var.create_cluster_parameter_group ? aws_rds_cluster_parameter_group.this[0].id : var.cluster_parameter_group_name
  skip_final_snapshot             = true
  tags                            = var.tags
}

resource "aws_rds_cluster_instance" "this" {
  for_each = { for k, v in var.instances : k => v if local.create }

  identifier                   = try(each.value.identifier, "${var.name}-${each.key}")
  cluster_identifier           = aws_rds_cluster.this[0].id
  engine                       = aws_rds_cluster.this[0].engine
  engine_version               = aws_rds_cluster.this[0].engine_version
  instance_class               = try(coalesce(each.value.instance_class, var.cluster_instance_class), null)
  availability_zone            = try(each.value.availability_zone, null)
  promotion_tier               = try(each.value.promotion_tier, null)
  monitoring_interval          = try(coalesce(each.value.monitoring_interval, var.cluster_monitoring_interval), null)
  monitoring_role_arn          = try(aws_iam_role.rds_enhanced_monitoring[0].arn, var.monitoring_role_arn)
  performance_insights_enabled = try(coalesce(each.value.performance_insights_enabled, var.cluster_performance_insights_enabled), null)
  auto_minor_version_upgrade   = try(each.value.auto_minor_version_upgrade, true)
  tags                         = var.tags
}

data "aws_iam_policy_document" "monitoring_rds_assume_role" {
  count = local.create_monitoring_role ? 1 : 0
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "rds_enhanced_monitoring" {
  count = local.create_monitoring_role ? 1 : 0

  name               = "${var.name}-monitoring"
  assume_role_policy = data.aws_iam_policy_document.monitoring_rds_assume_role[0].json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "rds_enhanced_monitoring" {
  count = local.create_monitoring_role ? 1 : 0

  role       = aws_iam_role.rds_enhanced_monitoring[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}
