# What each change pattern varies (scripts/plan-fixtures.ts passes -var for each plan).
variable "master_username" {
  type    = string
  default = "admin"
}
variable "retention" {
  type    = number
  default = 7
}
variable "deletion_protection" {
  type    = bool
  default = true
}
variable "writer_class" {
  type    = string
  default = "db.r6g.xlarge"
}
variable "apply_immediately" {
  type    = bool
  default = null
}
