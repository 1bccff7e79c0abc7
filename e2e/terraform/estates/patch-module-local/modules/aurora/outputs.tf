output "cluster_id" {
  value = try(aws_rds_cluster.this[0].id, null)
}
output "cluster_endpoint" {
  value = try(aws_rds_cluster.this[0].endpoint, null)
}
