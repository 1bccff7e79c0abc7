"""Builds an application-tier fleet in moto and saves it with the AWS CLI, as a user would (SPEC §9 inputs).

usage: app_tier_fleet.py ENDPOINT_URL OUTDIR
Writes OUTDIR/dump/REGION/*.json (the AWS CLI outputs, file names as the SPEC §9 table gives them) and
OUTDIR/fleet.json (what was built: names → ids, and where moto put each group's instances).
The expected verdicts are not computed here: app-tier.test.ts holds them, written from this fleet's
definition and the SPEC/FACTS.

Where moto differs from AWS, the dump is patched only where marked `moto gap` below, and the patch
is what AWS itself prints (MaintenanceOptions for five instances); every other file is the CLI's output.
"""
import json
import os
import subprocess
import sys
import urllib.request

import boto3

REGION = "us-east-1"
WEST = "us-west-2"
RECOVER = f"arn:aws:automate:{REGION}:ec2:recover"
REBOOT = f"arn:aws:automate:{REGION}:ec2:reboot"


def main():
    url, out = sys.argv[1], sys.argv[2]
    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST")).read()
    kw = dict(region_name=REGION, endpoint_url=url, aws_access_key_id="testing", aws_secret_access_key="testing")
    ec2, asg, elbv2, elb, cw = (boto3.client(s, **kw) for s in ("ec2", "autoscaling", "elbv2", "elb", "cloudwatch"))
    fleet = {"instances": {}, "groups": {}}

    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnet = {}
    for i, az in enumerate(["us-east-1a", "us-east-1b", "us-east-1c"]):
        subnet[az[-1]] = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{i + 1}.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]
    ami = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    template = ec2.create_launch_template(LaunchTemplateName="web", LaunchTemplateData={"ImageId": ami, "InstanceType": "t3.small"})
    lt = {"LaunchTemplateId": template["LaunchTemplate"]["LaunchTemplateId"], "Version": "$Latest"}

    def lone(name, az, instance_type, state=None):
        """An instance run by hand, in no group."""
        iid = ec2.run_instances(ImageId=ami, InstanceType=instance_type, MinCount=1, MaxCount=1, SubnetId=subnet[az],
                                TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}])["Instances"][0]["InstanceId"]
        if state == "stopped":
            ec2.stop_instances(InstanceIds=[iid])
        if state == "terminated":
            ec2.terminate_instances(InstanceIds=[iid])
        fleet["instances"][name] = iid
        return iid

    # Load balancers: elbv2 (ALB, NLB, GWLB) and Classic.
    lbs = {}

    def v2(name, kind, azs, cross_zone=None):
        args = dict(Name=name, Subnets=[subnet[a] for a in azs], Type=kind)
        if kind == "application":
            args["SecurityGroups"] = [sg]
        arn = elbv2.create_load_balancer(**args)["LoadBalancers"][0]["LoadBalancerArn"]
        if cross_zone is not None:
            elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[{"Key": "load_balancing.cross_zone.enabled", "Value": "true" if cross_zone else "false"}])
        lbs[name] = arn
        return arn

    v2("checkout-alb", "application", "ab")
    v2("checkout-alb-wide", "application", "abc", cross_zone=False)  # moto accepts it; AWS ignores it for an ALB (always on)
    v2("ledger-nlb-spread", "network", "abc", cross_zone=True)
    v2("ledger-nlb-solo", "network", "a")
    v2("ledger-nlb-pinned", "network", "bc", cross_zone=False)
    v2("ledger-nlb-unsaved", "network", "ab", cross_zone=True)  # its attributes are not saved below
    v2("inspect-gwlb", "gateway", "ab")

    def classic(name, azs, cross_zone=None):
        elb.create_load_balancer(LoadBalancerName=name, Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}],
                                 AvailabilityZones=[f"us-east-1{a}" for a in azs])
        if cross_zone is not None:
            elb.modify_load_balancer_attributes(LoadBalancerName=name, LoadBalancerAttributes={"CrossZoneLoadBalancing": {"Enabled": cross_zone}})

    classic("legacy-clb-pair", "ab", cross_zone=True)
    classic("legacy-clb-solo", "c")
    classic("legacy-clb-off", "bc", cross_zone=False)
    classic("legacy-clb-unsaved", "ab", cross_zone=True)  # its attributes are not saved below
    # A Classic load balancer in a VPC, given subnets (moto gap: it prints AvailabilityZones [], AWS the subnets' AZs).
    elb.create_load_balancer(LoadBalancerName="legacy-clb-vpc", Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}],
                             Subnets=[subnet["a"], subnet["b"]], SecurityGroups=[sg])
    elb.modify_load_balancer_attributes(LoadBalancerName="legacy-clb-vpc", LoadBalancerAttributes={"CrossZoneLoadBalancing": {"Enabled": True}})

    def target_group(name, protocol, port):
        return elbv2.create_target_group(Name=name, Protocol=protocol, Port=port, VpcId=vpc, TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]

    tg_web = target_group("checkout-web", "HTTP", 80)
    tg_tcp = target_group("ledger-tcp", "TCP", 5432)
    elbv2.create_listener(LoadBalancerArn=lbs["checkout-alb"], Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg_web}])
    elbv2.create_listener(LoadBalancerArn=lbs["ledger-nlb-spread"], Protocol="TCP", Port=5432, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg_tcp}])

    # Auto Scaling groups. moto launches a group's instances all in its first subnet; a group whose running
    # instances span AZs is built as AWS allows too: empty, then instances attached from its subnets' AZs.
    def group(name, azs, min_size, desired, health="EC2", tgs=(), clbs=(), attach=(), suspend=(), by_zone_names=False):
        args = dict(AutoScalingGroupName=name, LaunchTemplate=lt, MinSize=0 if attach else min_size, MaxSize=6,
                    DesiredCapacity=0 if attach else desired, HealthCheckType=health, HealthCheckGracePeriod=120)
        if by_zone_names:
            args["AvailabilityZones"] = [f"us-east-1{a}" for a in azs]
        else:
            args["VPCZoneIdentifier"] = ",".join(subnet[a] for a in azs)
        if tgs:
            args["TargetGroupARNs"] = list(tgs)
        if clbs:
            args["LoadBalancerNames"] = list(clbs)
        asg.create_auto_scaling_group(**args)
        if attach:
            ids = [lone(f"{name}-{i}", a, "t3.small") for i, a in enumerate(attach)]
            for i in range(len(ids)):
                del fleet["instances"][f"{name}-{i}"]  # attached: the group's now, not lone
            asg.attach_instances(AutoScalingGroupName=name, InstanceIds=ids)
            asg.update_auto_scaling_group(AutoScalingGroupName=name, MinSize=min_size)
        if suspend:
            asg.suspend_processes(AutoScalingGroupName=name, ScalingProcesses=list(suspend))
        members = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"][0]["Instances"]
        fleet["groups"][name] = {"instances": {m["InstanceId"]: m["AvailabilityZone"] for m in members}}

    group("orders-solo", "a", 1, 1)
    group("orders-pair-tg", "ab", 2, 2, health="ELB", tgs=[tg_web])
    group("orders-spread-tg-ec2", "abc", 2, 2, tgs=[tg_tcp], attach="bc")
    group("orders-clb-ec2", "ab", 2, 2, clbs=["legacy-clb-pair"], attach="ab")
    group("orders-clb-stuck", "bc", 2, 3, health="ELB", clbs=["legacy-clb-off"], suspend=["AZRebalance"])
    group("orders-elb-nolb", "ca", 1, 1, health="ELB")
    group("orders-zones", "abc", 3, 3, health="ELB", tgs=[tg_web], by_zone_names=True)
    group("orders-both", "abc", 3, 3, health="ELB", tgs=[tg_web], clbs=["legacy-clb-pair"], attach="abc", suspend=["AZRebalance"])
    group("orders-empty", "ab", 0, 0)
    group("orders-ebs-elb", "ab", 2, 2, health="EBS,ELB", tgs=[tg_web], attach="ab")  # AWS takes a comma-separated list
    group("orders-ebs-only", "bc", 2, 2, health="EBS", clbs=["legacy-clb-off"], attach="bc")
    group("orders-lattice", "ac", 2, 2, health="VPC_LATTICE", tgs=[tg_tcp], attach="ac")
    # One of two instances in Standby: in the group, but not in service.
    group("orders-standby", "ab", 1, 2, tgs=[tg_web], health="ELB", attach="ab")
    standby = [i for i, az in fleet["groups"]["orders-standby"]["instances"].items() if az == "us-east-1b"]
    asg.enter_standby(AutoScalingGroupName="orders-standby", InstanceIds=standby, ShouldDecrementDesiredCapacity=True)
    fleet["groups"]["orders-standby"]["standby"] = standby
    # One of two instances detached: AWS (and moto) remove its aws:autoscaling:groupName tag; it is a lone instance now.
    group("orders-shrunk", "ab", 1, 2, attach="ab")
    detached = [i for i, az in fleet["groups"]["orders-shrunk"]["instances"].items() if az == "us-east-1b"]
    asg.detach_instances(AutoScalingGroupName="orders-shrunk", InstanceIds=detached, ShouldDecrementDesiredCapacity=True)
    fleet["instances"]["orders-shrunk-detached"] = detached[0]

    # Lone instances and their alarms.
    def alarm(name, instance, metric="StatusCheckFailed_System", actions=(RECOVER,), enabled=True, ok_actions=()):
        cw.put_metric_alarm(AlarmName=name, Namespace="AWS/EC2", MetricName=metric, Dimensions=[{"Name": "InstanceId", "Value": instance}],
                            Statistic="Maximum", Period=60, EvaluationPeriods=2, Threshold=0.99, ComparisonOperator="GreaterThanThreshold",
                            ActionsEnabled=enabled, AlarmActions=list(actions), OKActions=list(ok_actions))

    alarm("recover-api-1", lone("api-recover", "a", "t3.micro"))
    alarm("cpu-api-2", lone("api-cpu-alarm", "b", "t3.micro"), metric="CPUUtilization", actions=["arn:aws:sns:us-east-1:123456789012:pager"])
    alarm("recover-api-3-muted", lone("api-recover-disabled", "c", "m5.large"), enabled=False)
    lone("api-no-alarm", "a", "t2.micro")
    alarm("recover-api-4-instance-check", lone("api-instance-check", "b", "t3.small"), metric="StatusCheckFailed_Instance")
    alarm("reboot-api-5", lone("api-reboot", "c", "t3.small"), actions=[REBOOT])
    alarm("ok-recover-api-6", lone("api-ok-action", "a", "t3.small"), actions=[], ok_actions=[RECOVER])
    lone("cache-instance-store", "b", "m5d.large")
    lone("batch-metal", "c", "c5.metal")
    alarm("recover-worker-7", lone("worker-stopped", "a", "m5.large", state="stopped"))
    alarm("recover-gone-8", lone("api-terminated", "b", "t3.micro", state="terminated"))
    del fleet["instances"]["api-terminated"]
    fleet["terminated"] = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["api-terminated"]}])["Reservations"][0]["Instances"][0]["InstanceId"]
    lone("api-auto-disabled", "a", "t3.micro")  # moto gap: MaintenanceOptions patched below (disabled)
    lone("api-auto-default", "b", "t3.micro")  # moto gap: MaintenanceOptions patched below (default)
    lone("cache-auto-default", "c", "r5d.large")  # moto gap: patched (default), but r5d has an instance store
    # The recover action's other documented form (PutMetricAlarm AlarmActions, for use with IAM roles).
    alarm("recover-api-9-swf", lone("api-swf-recover", "a", "t3.micro"),
          actions=[f"arn:aws:swf:{REGION}:123456789012:action/actions/AWS_EC2.InstanceId.Recover/1.0"])

    # A second region whose load balancers share names with the first's, set the other way (names are per region).
    west = dict(kw, region_name=WEST)
    ec2w, elbv2w, elbw = (boto3.client(s, **west) for s in ("ec2", "elbv2", "elb"))
    vpc_w = ec2w.create_vpc(CidrBlock="10.41.0.0/16")["Vpc"]["VpcId"]
    subnets_w = [ec2w.create_subnet(VpcId=vpc_w, CidrBlock=f"10.41.{i + 1}.0/24", AvailabilityZone=f"{WEST}{z}")["Subnet"]["SubnetId"] for i, z in enumerate("ab")]
    for name in ("ledger-nlb-solo", "ledger-nlb-unsaved"):
        arn = elbv2w.create_load_balancer(Name=name, Subnets=subnets_w, Type="network")["LoadBalancers"][0]["LoadBalancerArn"]
        elbv2w.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[{"Key": "load_balancing.cross_zone.enabled", "Value": "true"}])
    elbw.create_load_balancer(LoadBalancerName="legacy-clb-solo", Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}],
                              AvailabilityZones=[f"{WEST}a", f"{WEST}b"])
    elbw.modify_load_balancer_attributes(LoadBalancerName="legacy-clb-solo", LoadBalancerAttributes={"CrossZoneLoadBalancing": {"Enabled": True}})
    # A lone instance with a recover alarm whose region's describe-alarms is not saved (only us-east-1's is).
    ami_w = ec2w.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    west_api = ec2w.run_instances(ImageId=ami_w, InstanceType="t3.micro", MinCount=1, MaxCount=1, SubnetId=subnets_w[0])["Instances"][0]["InstanceId"]
    boto3.client("cloudwatch", **west).put_metric_alarm(
        AlarmName="recover-west-api", Namespace="AWS/EC2", MetricName="StatusCheckFailed_System", Dimensions=[{"Name": "InstanceId", "Value": west_api}],
        Statistic="Maximum", Period=60, EvaluationPeriods=2, Threshold=0.99, ComparisonOperator="GreaterThanThreshold", AlarmActions=[f"arn:aws:automate:{WEST}:ec2:recover"])
    fleet["instances"]["west-api"] = west_api

    # Save as a user would (SPEC §9 table), a directory per region.
    for region in (REGION, WEST):
        dump = os.path.join(out, "dump", region)
        os.makedirs(dump, exist_ok=True)
        run = lambda name, *args: aws(url, region, dump, name, *args)  # noqa: E731
        if region == REGION:
            run("describe-auto-scaling-groups.json", "autoscaling", "describe-auto-scaling-groups")
            run("describe-target-groups.json", "elbv2", "describe-target-groups")
            run("describe-alarms.json", "cloudwatch", "describe-alarms")
        run("describe-instances.json", "ec2", "describe-instances")
        v2_out = run("describe-load-balancers.json", "elbv2", "describe-load-balancers")
        for lb in v2_out["LoadBalancers"]:
            if (region, lb["LoadBalancerName"]) != (REGION, "ledger-nlb-unsaved"):
                run(f"describe-load-balancer-attributes.{lb['LoadBalancerName']}.json", "elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", lb["LoadBalancerArn"])
        classic_out = run("elb-describe-load-balancers.json", "elb", "describe-load-balancers")
        for lb in classic_out["LoadBalancerDescriptions"]:
            if lb["LoadBalancerName"] != "legacy-clb-unsaved":
                run(f"describe-load-balancer-attributes.{lb['LoadBalancerName']}.json", "elb", "describe-load-balancer-attributes", "--load-balancer-name", lb["LoadBalancerName"])

    # moto gap: describe-instances has no MaintenanceOptions (AWS prints {"AutoRecovery": "default"|"disabled"} for
    # every instance, and moto has no ModifyInstanceMaintenanceOptions). Five instances get what AWS would print.
    patched = {fleet["instances"]["api-auto-disabled"]: "disabled", fleet["instances"]["api-auto-default"]: "default",
               fleet["instances"]["cache-auto-default"]: "default", fleet["instances"]["api-swf-recover"]: "disabled",
               fleet["instances"]["west-api"]: "disabled"}
    for region in (REGION, WEST):
        path = os.path.join(out, "dump", region, "describe-instances.json")
        with open(path) as f:
            instances = json.load(f)
        for reservation in instances["Reservations"]:
            for i in reservation["Instances"]:
                assert "MaintenanceOptions" not in i, "moto now prints MaintenanceOptions: drop the patch and revisit the expected verdicts"
                if i["InstanceId"] in patched:
                    i["MaintenanceOptions"] = {"AutoRecovery": patched[i["InstanceId"]]}
        save(os.path.dirname(path), "describe-instances.json", instances)
    save(out, "fleet.json", fleet)


def aws(url, region, dump, name, *args):
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": region}
    out = subprocess.run(["aws", *args, "--endpoint-url", url, "--output", "json"], env=env, check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    save(dump, name, data)
    return data


def save(folder, name, data):
    with open(os.path.join(folder, name), "w") as f:
        json.dump(data, f, indent=2, default=str)
        f.write("\n")


if __name__ == "__main__":
    main()
