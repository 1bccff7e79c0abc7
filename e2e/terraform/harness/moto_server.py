"""moto's server with the RDS gaps that stop Terraform and haspec reading an estate back patched in this process only.

Usage: python3 moto_server.py -H 127.0.0.1 -p PORT (the arguments of `python3 -m moto.server`).
Each patch below was checked against moto 5.2.1 by creating resources with the AWS CLI and describing them;
installed files are never edited.
"""
import random
import string
import sys

from moto.rds import models

# Gap 1: every DB instance gets the same DbiResourceId ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U", models.py DBInstance.__init__).
# The AWS provider 5.x reads aws_db_instance by that resource id (filter dbi-resource-id), so a second instance
# reads back as two and Terraform fails. Real RDS gives each instance its own "db-" + 26 characters.
# Gap 2: MonitoringInterval, MonitoringRoleArn and the Performance Insights settings given to CreateDBInstance and
# CreateDBCluster are dropped (the constructors keep no unknown keyword), and PerformanceInsightsEnabled is never
# returned, even after ModifyDB* stored `enable_performance_insights`. Real RDS returns what was set, and
# MonitoringInterval 0 / PerformanceInsightsEnabled false on an instance that has neither.
# Gap 3: a Multi-AZ DB instance has no SecondaryAvailabilityZone; real RDS names the standby's AZ.
_KEPT = ("monitoring_interval", "monitoring_role_arn", "enable_performance_insights",
         "performance_insights_retention_period", "performance_insights_kms_key_id")


def _resource_id() -> str:
    return "db-" + "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(26))


def _keep_settings(cls, instance_defaults: bool) -> None:
    original = cls.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        for key in _KEPT:
            if kwargs.get(key) is not None:
                setattr(self, key, kwargs[key])
        if instance_defaults:
            self.dbi_resource_id = _resource_id()
            if getattr(self, "monitoring_interval", None) is None:
                self.monitoring_interval = 0

    cls.__init__ = __init__
    # The serializer reads PerformanceInsightsEnabled as this attribute; the request's flag is stored under another name.
    cls.performance_insights_enabled = property(
        lambda self: bool(getattr(self, "enable_performance_insights", False)) if instance_defaults or
        getattr(self, "enable_performance_insights", None) is not None else None)


_keep_settings(models.DBInstance, instance_defaults=True)
_keep_settings(models.DBCluster, instance_defaults=False)


def _secondary_az(self):
    if not getattr(self, "multi_az", False) or getattr(self, "db_cluster_identifier", None):
        return None
    primary = self.availability_zone
    return primary[:-1] + ("b" if primary[-1] != "b" else "a")


models.DBInstance.secondary_availability_zone = property(_secondary_az)

# Gap 4: every cluster returns ScalingConfigurationInfo (all members null) although only Aurora Serverless v1
# (EngineMode serverless) has one; the provider reads it into scaling_configuration, so an imported provisioned
# cluster plans a change to a block real RDS never reports.
_scaling_info = models.DBCluster.scaling_configuration_info.fget
models.DBCluster.scaling_configuration_info = property(
    lambda self: _scaling_info(self) if getattr(self, "engine_mode", None) == "serverless" else None)

# Gap 5: a Multi-AZ DB cluster (CreateDBCluster with DBClusterInstanceClass, engine mysql or postgres) gets no member
# instances; real RDS creates a writer and two readable standbys, one per AZ, which DescribeDBInstances and
# DBClusterMembers list. Terraform does not manage them (aws_rds_cluster alone declares the cluster).
_create_cluster = models.RDSBackend.create_db_cluster


def _create_multi_az_cluster(self, kwargs):
    cluster = _create_cluster(self, kwargs)
    if kwargs.get("db_cluster_instance_class") and cluster.engine in ("mysql", "postgres"):
        for number, az in enumerate("abc", start=1):
            self.create_db_instance({
                "db_instance_identifier": f"{cluster.db_cluster_identifier}-instance-{number}",
                "db_cluster_identifier": cluster.db_cluster_identifier,
                "db_instance_class": kwargs["db_cluster_instance_class"],
                "engine": cluster.engine,
                "engine_version": cluster.engine_version,
                "availability_zone": f"{self.region_name}{az}",
                "monitoring_interval": kwargs.get("monitoring_interval"),
                "enable_performance_insights": kwargs.get("enable_performance_insights"),
                "tags": kwargs.get("tags"),
            })
    return cluster


models.RDSBackend.create_db_cluster = _create_multi_az_cluster

# Gap 6: ModifyDBCluster of a Multi-AZ DB cluster keeps MonitoringInterval and the Performance Insights settings on the
# cluster only; real RDS applies them to the cluster's three instances (the setting is the cluster's, for all of them),
# which DescribeDBInstances then shows. Without this, a fix that sets them on aws_rds_cluster looks unapplied.
_modify_cluster = models.RDSBackend.modify_db_cluster


def _modify_multi_az_cluster(self, kwargs):
    cluster_id = kwargs["db_cluster_identifier"]
    settings = {key: kwargs[key] for key in _KEPT if kwargs.get(key) is not None}
    cluster = _modify_cluster(self, kwargs)
    if getattr(cluster, "db_cluster_instance_class", None) and cluster.engine in ("mysql", "postgres"):
        for instance in self.databases.values():
            if getattr(instance, "db_cluster_identifier", None) in (cluster_id, cluster.db_cluster_identifier):
                for key, value in settings.items():
                    setattr(instance, key, value)
    return cluster


models.RDSBackend.modify_db_cluster = _modify_multi_az_cluster

# Gap 7 (EC2): instances have no MaintenanceOptions; real EC2 returns AutoRecovery "default" (simplified automatic
# recovery on where the type supports it) unless it was disabled. Without it haspec rightly judges recovery unknown.
from moto.ec2.models import instances as ec2_instances  # noqa: E402

ec2_instances.Instance.maintenance_options = property(lambda self: {"AutoRecovery": "default"})

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
