# Inputs of a module written the way terraform-aws-modules/rds-aurora is (names and shapes follow it).
variable "create" {
  type    = bool
  default = true
}
variable "name" { type = string }
variable "engine" {
  type    = string
  default = "aurora-mysql"
}
variable "engine_version" {
  type    = string
  default = null
}
variable "master_username" {
  type    = string
  default = "admin"
}
variable "master_password" {
  type      = string
  default   = "change-me-please-1"
  sensitive = true
}
variable "availability_zones" {
  type    = list(string)
  default = null
}
variable "backup_retention_period" {
  type    = number
  default = null
}
variable "preferred_backup_window" {
  type    = string
  default = "02:00-03:00"
}
variable "preferred_maintenance_window" {
  type    = string
  default = "sun:05:00-sun:06:00"
}
variable "deletion_protection" {
  type    = bool
  default = null
}
variable "copy_tags_to_snapshot" {
  type    = bool
  default = null
}
variable "cluster_instance_class" {
  type    = string
  default = null
}
variable "cluster_monitoring_interval" {
  type    = number
  default = 0
}
variable "cluster_performance_insights_enabled" {
  type    = bool
  default = null
}
variable "create_monitoring_role" {
  type    = bool
  default = true
}
variable "monitoring_role_arn" {
  type    = string
  default = null
}
variable "instances" {
  description = "Map of cluster instances and any specific/overriding attributes to be created"
  type        = any
  default     = {}
}
variable "create_cluster_parameter_group" {
  type    = bool
  default = false
}
variable "cluster_parameter_group_family" {
  type    = string
  default = "aurora-mysql8.0"
}
variable "cluster_parameter_group_parameters" {
  type    = list(map(string))
  default = []
}
variable "cluster_parameter_group_name" {
  type    = string
  default = null
}
variable "tags" {
  type    = map(string)
  default = {}
}
