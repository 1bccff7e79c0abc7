"""Builds a random RDS/Aurora fleet in moto from a seed and saves it with the AWS CLI, as a user would.

usage: generate.py SEED ENDPOINT_URL OUTDIR
Writes OUTDIR/dump/*.json (the AWS CLI outputs), OUTDIR/truth.json (what was built) and
OUTDIR/policy.yaml (random objectives and assumptions). The dump is patched in one place where
moto differs from AWS: moto leaves SecondaryAvailabilityZone out for Multi-AZ DB instances, which
AWS always returns; it is added for most of them (the rest keep moto's output: unknown standby).
"""
import json
import os
import random
import subprocess
import sys
import urllib.request

import boto3

REGION = "us-east-1"
AZS = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"]
# Families an Aurora cluster can run, and their sizes (smallest first), as AWS lists them.
AURORA_CLASSES = {
    "r5": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "r6g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "r6i": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"],
    "x2g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "t3": ["medium", "large"],
    "t4g": ["medium", "large"],
}
RDS_CLASSES = ["db.t3.micro", "db.t3.small", "db.m5.large", "db.m6g.xlarge", "db.r6g.large"]
OBJECTIVES = [0, 30, 60, 90, 120, 150, 180, 240, 300, 600, 900, 1800, 3600]


def main():
    seed, url, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(seed)
    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST")).read()
    rds = boto3.client("rds", region_name=REGION, endpoint_url=url, aws_access_key_id="testing", aws_secret_access_key="testing")
    r53 = boto3.client("route53", region_name=REGION, endpoint_url=url, aws_access_key_id="testing", aws_secret_access_key="testing")
    prefix = f"s{seed}"
    azs = rng.sample(AZS, rng.randint(1, 3))
    truth = {"seed": seed, "region": REGION, "azs": sorted(azs), "resources": [], "records": []}

    # Aurora clusters: 0-4 instances over the fleet's AZs; the first created is the writer (as in moto and AWS).
    for c in range(rng.randint(3, 6)):
        engine = rng.choice(["aurora-mysql", "aurora-postgresql"])
        cid = f"{prefix}-aurora-{c}"
        rds.create_db_cluster(DBClusterIdentifier=cid, Engine=engine, MasterUsername="admin", MasterUserPassword="not-a-secret-1")
        # Ties are the point: draw tiers and classes from small pools.
        tiers = rng.sample(range(16), 2) + [rng.choice([0, 1, 15])]
        families = rng.sample(list(AURORA_CLASSES), 2)
        narrow = rng.random() < 0.3  # one family, two sizes: ties on tier and size
        members = []
        for i in range(rng.choice([0, 1, 2, 3, 3, 4, 4])):
            family = families[0] if narrow else rng.choice(families)
            sizes = AURORA_CLASSES[family]
            size = rng.choice(sizes[:2] if narrow else sizes[:3] if rng.random() < 0.7 else sizes)
            member = {"id": f"{cid}-{i}", "az": rng.choice(azs), "tier": rng.choice(tiers), "class": f"db.{family}.{size}", "writer": i == 0}
            kwargs = dict(DBInstanceIdentifier=member["id"], DBClusterIdentifier=cid, Engine=engine, DBInstanceClass=member["class"])
            if rng.random() < 0.15:
                member["tier"] = 1  # left out: AWS's default PromotionTier is 1
            else:
                kwargs["PromotionTier"] = member["tier"]
            if rng.random() < 0.1:
                member["az"] = None  # left out: where moto (AWS) puts it is read back from the output
            else:
                kwargs["AvailabilityZone"] = member["az"]
            rds.create_db_instance(**kwargs)
            members.append(member)
        truth["resources"].append({"id": cid, "kind": "aurora-cluster", "engine": engine, "members": members})

    # DB instances outside clusters: Multi-AZ, and single-AZ with and without backups.
    for d in range(rng.randint(1, 4)):
        did = f"{prefix}-db-{d}"
        multi_az = rng.random() < 0.5
        backups = 0 if rng.random() < 0.4 else rng.choice([1, 7])
        az = rng.choice(azs)
        kwargs = dict(DBInstanceIdentifier=did, Engine=rng.choice(["mysql", "postgres"]), DBInstanceClass=rng.choice(RDS_CLASSES),
                      AllocatedStorage=20, MasterUsername="admin", MasterUserPassword="not-a-secret-1", BackupRetentionPeriod=backups)
        if multi_az:
            kwargs["MultiAZ"] = True
        else:
            kwargs["AvailabilityZone"] = az
        rds.create_db_instance(**kwargs)
        truth["resources"].append({"id": did, "kind": "instance", "multiAz": multi_az, "backups": backups, "az": None if multi_az else az})

    dump = os.path.join(out, "dump")
    os.makedirs(dump, exist_ok=True)
    clusters = aws(url, dump, "describe-db-clusters.json", "rds", "describe-db-clusters")
    instances = aws(url, dump, "describe-db-instances.json", "rds", "describe-db-instances")

    # Where moto put what it was not told (the Multi-AZ primary's AZ), and the endpoints for DNS records.
    by_id = {i["DBInstanceIdentifier"]: i for i in instances["DBInstances"]}
    for r in truth["resources"]:
        for m in r.get("members", []):
            if m["az"] is None:
                m["az"] = by_id[m["id"]]["AvailabilityZone"]
                azs.append(m["az"])
    for r in truth["resources"]:
        if r["kind"] == "instance" and r["multiAz"]:
            raw = by_id[r["id"]]
            r["az"] = raw["AvailabilityZone"]
            if rng.random() < 0.8:
                # moto gap: AWS returns SecondaryAvailabilityZone for every Multi-AZ DB instance.
                r["standbyAz"] = rng.choice([z for z in AZS if z != r["az"]])
                raw["SecondaryAvailabilityZone"] = r["standbyAz"]
            else:
                r["standbyAz"] = None
    save(dump, "describe-db-instances.json", instances)
    check_moto(truth, clusters, by_id)

    # Route 53: one zone; CNAMEs with random TTLs to some writer endpoints, a few pinned to an instance endpoint.
    zone = r53.create_hosted_zone(Name="example.internal.", CallerReference=f"{prefix}-zone")["HostedZone"]["Id"].split("/")[-1]
    endpoints = {c["DBClusterIdentifier"]: c["Endpoint"] for c in clusters["DBClusters"]}
    endpoints.update({i["DBInstanceIdentifier"]: i["Endpoint"]["Address"] for i in instances["DBInstances"] if "DBClusterIdentifier" not in i and "Endpoint" in i})
    changes = []
    for r in truth["resources"]:
        roll = rng.random()
        if roll < 0.35:
            record = {"name": f"{r['id']}.example.internal.", "ttl": rng.choice([5, 30, 60, 300]), "resource": r["id"], "pinnedTo": None, "target": endpoints[r["id"]]}
        elif roll < 0.45 and r["kind"] == "aurora-cluster" and r["members"]:
            pinned = rng.choice(r["members"])
            record = {"name": f"{r['id']}-pin.example.internal.", "ttl": 60, "resource": r["id"], "pinnedTo": pinned["id"], "target": by_id[pinned["id"]]["Endpoint"]["Address"]}
        else:
            continue
        truth["records"].append(record)
        changes.append({"Action": "CREATE", "ResourceRecordSet": {"Name": record["name"], "Type": "CNAME", "TTL": record["ttl"], "ResourceRecords": [{"Value": record["target"]}]}})
    if changes:
        r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": changes})
    aws(url, dump, "list-hosted-zones.json", "route53", "list-hosted-zones")
    aws(url, dump, f"list-resource-record-sets.{zone}.json", "route53", "list-resource-record-sets", "--hosted-zone-id", zone)

    policy = {
        "client_dns_cache": rng.choice([0, 5, 30]), "dns_update": rng.choice([15, 20, 30]), "pool_max_lifetime": rng.choice([0, 30, 120]),
        "rto": {"writer": rng.choice(OBJECTIVES), "az": rng.choice(OBJECTIVES)},
        "rpo": {"writer": rng.choice([0, 60, 300]), "az": rng.choice([0, 60, 300, 600])},
    }
    truth["policy"] = policy
    # Every AZ the fleet uses, the Multi-AZ primaries' and standbys', and one nothing runs in.
    used = set(azs) | {r[k] for r in truth["resources"] for k in ("az", "standbyAz") if r.get(k)}
    truth["all_azs"] = sorted(used | {"us-east-1e"})
    with open(os.path.join(out, "policy.yaml"), "w") as f:
        f.write(
            "version: 1\nname: unseen-fleet\nassumptions:\n"
            f"  client_dns_cache: {policy['client_dns_cache']}s\n  dns_update: {policy['dns_update']}s\n  pool_max_lifetime: {policy['pool_max_lifetime']}s\n"
            "targets:\n  - name: all\n    match: {}\n    require:\n      objectives:\n"
            f"        rto: {{ writer: {policy['rto']['writer']}s, az: {policy['rto']['az']}s }}\n"
            f"        rpo: {{ writer: {policy['rpo']['writer']}s, az: {policy['rpo']['az']}s }}\n"
        )
    save(out, "truth.json", truth)


def check_moto(truth, clusters, instances):
    """What moto returns must be what was built; otherwise the oracle's truth is not the dump's."""
    members = {m["DBInstanceIdentifier"]: m for c in clusters["DBClusters"] for m in c.get("DBClusterMembers", [])}
    for r in truth["resources"]:
        for m in r.get("members", []):
            got = members[m["id"]]
            raw = instances[m["id"]]
            assert got["IsClusterWriter"] == m["writer"], f"moto: IsClusterWriter of {m['id']}"
            assert got["PromotionTier"] == m["tier"], f"moto: PromotionTier of {m['id']}"
            assert raw["AvailabilityZone"] == m["az"] and raw["DBInstanceClass"] == m["class"], f"moto: AZ/class of {m['id']}"
        if r["kind"] == "instance":
            raw = instances[r["id"]]
            assert raw["MultiAZ"] == r["multiAz"] and raw["BackupRetentionPeriod"] == r["backups"], f"moto: {r['id']}"


def aws(url, dump, name, *args):
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION}
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
