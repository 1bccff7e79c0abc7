"""The expected outcome of every scenario of a generated fleet, from AWS's published behaviour alone.

usage: oracle.py OUTDIR  (reads OUTDIR/truth.json, prints the expectations as JSON)
Written from the AWS documentation (FACTS-RESILIENCE §1.1, §1.3, §1.6), not from haspec's code:
- Aurora promotes a reader: the lowest promotion tier, then the largest class; same tier and size:
  any of them (all listed). With no reader, the writer is recreated in its AZ (< 10 min). An AZ loss
  that leaves no instance in another AZ needs a person. The cluster volume keeps committed data.
- A Multi-AZ DB instance fails over to its standby (60-120 s), synchronously replicated.
- A Single-AZ DB instance: a host failure restarts it in place (no published time); an AZ loss
  needs a restore (a person; up to 5 min of data with backups, all of it without).
RTO: the least worst case AWS's figures allow (promotion < 60 s, recreate < 10 min, Multi-AZ
instance 120 s, plus the policy's dns_update and client_dns_cache, the endpoint's 5 s TTL and the
largest TTL of a CNAME to the endpoint); a record pinned to an instance endpoint that stops naming
the writer after a failover leaves its clients stuck (unbounded). A pass above these is a false pass.
Class size: the size names nano < micro < small < medium < large < xlarge < 2xlarge < 4xlarge …,
compared by size alone across families (the rule haspec documents; AWS only says "largest in size").
"""
import json
import os
import sys

SIZES = ["nano", "micro", "small", "medium", "large", "xlarge"]


def size(cls):
    s = cls.split(".")[-1]
    if s in SIZES:
        return SIZES.index(s)
    return len(SIZES) - 1 + int(s[: -len("xlarge")]) / 100  # 2xlarge < 4xlarge < … all above xlarge


def promoted(candidates):
    """Ids Aurora may promote among the candidates (all listed when they tie)."""
    if not candidates:
        return []
    tier = min(m["tier"] for m in candidates)
    best = [m for m in candidates if m["tier"] == tier]
    top = max(size(m["class"]) for m in best)
    return sorted(m["id"] for m in best if size(m["class"]) == top)


def families(candidates):
    """The families among the lowest-tier candidates: more than one means the answer rests on comparing sizes across families."""
    if not candidates:
        return 0
    tier = min(m["tier"] for m in candidates)
    return len({m["class"].split(".")[1] for m in candidates if m["tier"] == tier})


def expect(truth):
    p = truth["policy"]
    client = p["client_dns_cache"] + p["dns_update"] + 5  # the endpoint's 5 s TTL
    records = truth["records"]
    out = []
    for r in truth["resources"]:
        cname = max([x["ttl"] for x in records if x["resource"] == r["id"] and x["pinnedTo"] is None], default=0)
        pins = {x["pinnedTo"] for x in records if x["resource"] == r["id"] and x["pinnedTo"] is not None}
        disruptions = ["writer"] + [f"az:{z}" for z in truth["all_azs"]]
        for d in disruptions:
            e = {"resource": r["id"], "disruption": d}
            lost_az = d[3:] if d.startswith("az:") else None
            if r["kind"] == "aurora-cluster":
                members = r["members"]
                writer = next((m for m in members if m["writer"]), None)
                e["runsIn"] = sorted({m["az"] for m in members})
                if writer is None:
                    # No instance: nothing to fail over; an objective cannot pass on a cluster that serves nobody.
                    e.update(outcome=None, after=[], affected=None, rto_min=None, rpo_min=None, unbounded=None)
                    out.append(e)
                    continue
                lost = [writer] if d == "writer" else [m for m in members if m["az"] == lost_az]
                e["affected"] = bool(lost)
                if writer not in lost:
                    e.update(outcome="none", after=[], rto_min=0, rpo_min=0, unbounded=False)
                else:
                    survivors = [m for m in members if m not in lost]
                    pinned = writer["id"] in pins or any(m["id"] in pins for m in lost)
                    if survivors:
                        e.update(outcome="failover", after=promoted(survivors), rto_min=60 + client + cname, rpo_min=0, unbounded=pinned,
                                 families=families(survivors))
                    elif d == "writer":
                        # AWS recreates "the primary instance": the same instance (identifier) writes again.
                        # A record pinned to its instance endpoint still names the writer then: not stuck.
                        e.update(outcome="recreate", after=[writer["id"]], rto_min=600 + client + cname, rpo_min=0, unbounded=False)
                    else:
                        e.update(outcome="manual", after=[], rto_min=None, rpo_min=0, unbounded=True)
            elif r["multiAz"]:
                e["runsIn"] = sorted({r["az"]} | ({r["standbyAz"]} if r["standbyAz"] else set()))
                if r["standbyAz"] is None and (d == "writer" or lost_az is not None):
                    # The standby's AZ is not in the data: haspec cannot say; anything but a pass is honest.
                    e.update(outcome="unknown", after=None, affected=None, rto_min=None, rpo_min=None, unbounded=None)
                elif d == "writer" or lost_az == r["az"]:
                    # The standby has no identifier of its own: the same DB instance writes again.
                    e.update(outcome="failover", after=[r["id"]], affected=True, rto_min=120 + client + cname, rpo_min=0, unbounded=False)
                else:
                    e.update(outcome="none", after=[], affected=lost_az == r["standbyAz"], rto_min=0, rpo_min=0, unbounded=False)
            else:
                e["runsIn"] = [r["az"]]
                if d == "writer":
                    # Restarted in place; AWS publishes no time for it: the RTO cannot pass.
                    e.update(outcome="restart", after=[r["id"]], affected=True, rto_min=None, rpo_min=0, unbounded=False, rto_unknown=True)
                elif lost_az == r["az"]:
                    e.update(outcome="lost" if r["backups"] == 0 else "manual", after=[], affected=True, rto_min=None,
                             rpo_min=None if r["backups"] == 0 else 300, unbounded=True, rpo_unbounded=r["backups"] == 0)
                else:
                    e.update(outcome="none", after=[], affected=False, rto_min=0, rpo_min=0, unbounded=False)
            out.append(e)
    return out


if __name__ == "__main__":
    with open(os.path.join(sys.argv[1], "truth.json")) as f:
        truth = json.load(f)
    print(json.dumps(expect(truth), indent=1))
