# The third instance; the reader-removal plan runs without this file.
resource "aws_rds_cluster_instance" "orders_c" {
  identifier                   = "orders-prod-c"
  cluster_identifier           = aws_rds_cluster.orders.id
  engine                       = "aurora-mysql"
  instance_class               = "db.r6g.large"
  availability_zone            = "us-east-1c"
  promotion_tier               = 1
  performance_insights_enabled = true
  monitoring_interval          = 60
  monitoring_role_arn          = aws_iam_role.monitoring.arn
  depends_on                   = [aws_rds_cluster_instance.orders_a]
}
