# The application tier for haspec's tf.patch (issue 23): a group launching in one AZ while its VPC has subnets in two
# more, behind a target group (the NLB's) with EC2 health checks; a Network Load Balancer in one subnet with cross-zone off
# (Terraform's default); a Classic load balancer with cross-zone turned off; a lone m5d.large (instance store: no
# simplified automatic recovery) without a recover alarm; and a group in a VPC with no other subnet (its AZs stay a
# manual step: nothing in the inputs says which subnet to add), and a CPU alarm on the instance that recovers nothing.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1b"
}

resource "aws_subnet" "c" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.3.0/24"
  availability_zone = "us-east-1c"
}

resource "aws_vpc" "lonely" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "lonely" {
  vpc_id            = aws_vpc.lonely.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 80
  protocol = "TCP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_autoscaling_group" "web" {
  name                = "web"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.a.id]
  target_group_arns   = [aws_lb_target_group.web.arn]
  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }
  tag {
    key                 = "tier"
    value               = "web"
    propagate_at_launch = true
  }
}

resource "aws_autoscaling_group" "batch" {
  name                = "batch"
  min_size            = 2
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.lonely.id]
  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }
}

resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "network"
  internal           = true
  subnets            = [aws_subnet.a.id]
}

# The NLB forwards to web's target group: the group is behind a load balancer in every reading (live, a target group
# attached to none sends no traffic and runs no health checks, so ELB health checks would not apply).
resource "aws_lb_listener" "api" {
  load_balancer_arn = aws_lb.api.arn
  port              = 80
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_elb" "legacy" {
  name                      = "legacy"
  subnets                   = [aws_subnet.a.id, aws_subnet.b.id]
  cross_zone_load_balancing = false
  listener {
    instance_port     = 80
    instance_protocol = "tcp"
    lb_port           = 80
    lb_protocol       = "tcp"
  }
  health_check {
    target              = "TCP:80"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }
}

resource "aws_instance" "lone" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "m5d.large"
  subnet_id     = aws_subnet.b.id
  tags = {
    Name = "lone"
  }
}

# An alarm that watches the lone instance but recovers nothing (CPU, no action).
resource "aws_cloudwatch_metric_alarm" "lone_cpu" {
  alarm_name          = "lone-cpu"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = 90
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    InstanceId = aws_instance.lone.id
  }
}
