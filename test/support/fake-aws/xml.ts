// AWS XML wire shapes for the fake server: RDS/STS Query results, EC2 results, Route 53 REST bodies and each protocol's errors.

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/**
 * Element names of list items, by list member name, as the SDK's RDS schemas declare them (xmlName
 * traits); lists without one use `<member>`. Two names depend on the parent structure.
 */
const RDS_LIST_ITEM: Readonly<Record<string, string>> = {
  DBClusters: "DBCluster",
  DBInstances: "DBInstance",
  AvailabilityZones: "AvailabilityZone",
  DBClusterOptionGroupMemberships: "DBClusterOptionGroup",
  ReadReplicaIdentifiers: "ReadReplicaIdentifier",
  DBClusterMembers: "DBClusterMember",
  VpcSecurityGroups: "VpcSecurityGroupMembership",
  DomainMemberships: "DomainMembership",
  TagList: "Tag",
  DBSecurityGroups: "DBSecurityGroup",
  DBParameterGroups: "DBParameterGroup",
  Subnets: "Subnet",
  ProcessorFeatures: "ProcessorFeature",
  ReadReplicaDBInstanceIdentifiers: "ReadReplicaDBInstanceIdentifier",
  ReadReplicaDBClusterIdentifiers: "ReadReplicaDBClusterIdentifier",
  OptionGroupMemberships: "OptionGroupMembership",
  DBInstanceAutomatedBackupsReplications: "DBInstanceAutomatedBackupsReplication",
  Parameters: "Parameter",
  EventSubscriptionsList: "EventSubscription",
  SourceIdsList: "SourceId",
  EventCategoriesList: "EventCategory",
  // DescribeEvents: <Events><Event>…<EventCategories><EventCategory>.
  Events: "Event",
  EventCategories: "EventCategory",
  // Both lists name their items GlobalClusterMember (the RDS API's own quirk).
  GlobalClusters: "GlobalClusterMember",
  GlobalClusterMembers: "GlobalClusterMember",
};

const BY_PARENT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DBCluster: { StatusInfos: "DBClusterStatusInfo", AssociatedRoles: "DBClusterRole" },
  DBInstance: { StatusInfos: "DBInstanceStatusInfo", AssociatedRoles: "DBInstanceRole" },
};

function rdsItemName(list: string, parent: string): string {
  return BY_PARENT[parent]?.[list] ?? RDS_LIST_ITEM[list] ?? "member";
}

/** One member as Query-protocol XML: lists wrap items in their item element, structures nest, scalars print. */
export function rdsXml(name: string, value: unknown, parent = ""): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    const item = rdsItemName(name, parent);
    return `<${name}>${value.map((v) => rdsXml(item, v, name)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => rdsXml(k, v, name))
      .join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";
const EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` (RDS and STS). */
export function queryResult(service: "rds" | "sts", action: string, members: Record<string, unknown>, requestId: string): string {
  return queryEnvelope(service, action, queryMembers(members), requestId);
}

/** The members of a Query result as XML (what `queryEnvelope` wraps). */
export function queryMembers(members: Record<string, unknown>): string {
  return Object.entries(members)
    .map(([k, v]) => rdsXml(k, v))
    .join("");
}

/** Wraps rendered members in the `<ActionResponse>` envelope with a request id. */
export function queryEnvelope(service: "rds" | "sts", action: string, body: string, requestId: string): string {
  const ns = service === "rds" ? RDS_NS : STS_NS;
  return `<?xml version="1.0"?>\n<${action}Response xmlns="${ns}"><${action}Result>${body}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function queryError(service: "rds" | "sts", code: string, message: string, requestId: string): string {
  const ns = service === "rds" ? RDS_NS : STS_NS;
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

export function ec2DescribeRegions(regions: readonly { readonly name: string; readonly optInStatus: string }[], requestId: string): string {
  const items = regions
    .map(
      (r) =>
        `<item><regionName>${escapeXml(r.name)}</regionName><regionEndpoint>ec2.${escapeXml(r.name)}.amazonaws.com</regionEndpoint>` +
        `<optInStatus>${escapeXml(r.optInStatus)}</optInStatus></item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="${EC2_NS}"><requestId>${requestId}</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`;
}

export function ec2Error(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
}

function r53Record(r: Record<string, unknown>): string {
  const parts: string[] = [];
  const scalar = (k: string) => (r[k] === undefined || r[k] === null ? "" : `<${k}>${escapeXml(String(r[k]))}</${k}>`);
  parts.push(scalar("Name"), scalar("Type"), scalar("SetIdentifier"), scalar("Weight"), scalar("Region"), scalar("Failover"), scalar("TTL"));
  const values = r["ResourceRecords"];
  if (Array.isArray(values)) {
    parts.push(
      `<ResourceRecords>${values.map((v) => `<ResourceRecord><Value>${escapeXml(String((v as { Value?: unknown }).Value ?? ""))}</Value></ResourceRecord>`).join("")}</ResourceRecords>`,
    );
  }
  const alias = r["AliasTarget"] as Record<string, unknown> | undefined;
  if (alias !== undefined) {
    parts.push(
      `<AliasTarget><HostedZoneId>${escapeXml(String(alias["HostedZoneId"] ?? ""))}</HostedZoneId><DNSName>${escapeXml(String(alias["DNSName"] ?? ""))}</DNSName>` +
        `<EvaluateTargetHealth>${alias["EvaluateTargetHealth"] === true}</EvaluateTargetHealth></AliasTarget>`,
    );
  }
  parts.push(scalar("HealthCheckId"));
  return `<ResourceRecordSet>${parts.join("")}</ResourceRecordSet>`;
}

export function r53ListHostedZones(
  zones: readonly { id: string; name: string; count: number }[],
  page: { marker?: string; nextMarker?: string; maxItems: number },
): string {
  const items = zones
    .map(
      (z) =>
        `<HostedZone><Id>/hostedzone/${z.id}</Id><Name>${escapeXml(z.name)}</Name><CallerReference>fake-${z.id}</CallerReference>` +
        `<Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>${z.count}</ResourceRecordSetCount></HostedZone>`,
    )
    .join("");
  const truncated = page.nextMarker !== undefined;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListHostedZonesResponse xmlns="${R53_NS}"><HostedZones>${items}</HostedZones>` +
    `${page.marker === undefined ? "" : `<Marker>${page.marker}</Marker>`}<IsTruncated>${truncated}</IsTruncated>` +
    `${truncated ? `<NextMarker>${page.nextMarker}</NextMarker>` : ""}<MaxItems>${page.maxItems}</MaxItems></ListHostedZonesResponse>`
  );
}

export function r53ListRecordSets(records: readonly Record<string, unknown>[], next: Record<string, unknown> | undefined, maxItems: number): string {
  const nextXml =
    next === undefined
      ? ""
      : `<NextRecordName>${escapeXml(String(next["Name"]))}</NextRecordName><NextRecordType>${escapeXml(String(next["Type"]))}</NextRecordType>` +
        (next["SetIdentifier"] === undefined ? "" : `<NextRecordIdentifier>${escapeXml(String(next["SetIdentifier"]))}</NextRecordIdentifier>`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListResourceRecordSetsResponse xmlns="${R53_NS}"><ResourceRecordSets>${records.map(r53Record).join("")}</ResourceRecordSets>` +
    `<IsTruncated>${next !== undefined}</IsTruncated>${nextXml}<MaxItems>${maxItems}</MaxItems></ListResourceRecordSetsResponse>`
  );
}

export function r53Error(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${R53_NS}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
