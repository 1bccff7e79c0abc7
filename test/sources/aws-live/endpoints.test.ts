// Where the scan's requests go: `--endpoint-url` for every service, else the SDK's own reading of AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL.
import { afterEach, describe, expect, it, vi } from "vitest";
import { scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { demoFleet, liveOptions, TEST_DEPS } from "./support.js";

let servers: FakeAws[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function twoServers(): Promise<[FakeAws, FakeAws]> {
  servers = [await startFakeAws(demoFleet()), await startFakeAws(demoFleet())];
  return servers as [FakeAws, FakeAws];
}

const services = (fake: FakeAws) => [...new Set(fake.log.map((r) => r.service))].sort();

describe("live scan endpoints", () => {
  it("sends RDS calls to AWS_ENDPOINT_URL_RDS and the other services to AWS_ENDPOINT_URL (read by the SDK)", async () => {
    const [rds, rest] = await twoServers();
    vi.stubEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", undefined);
    vi.stubEnv("AWS_ENDPOINT_URL", rest.url);
    vi.stubEnv("AWS_ENDPOINT_URL_RDS", rds.url);
    const bundle = await scanLiveAws(liveOptions(rds.url, { endpointUrl: undefined }), TEST_DEPS);
    expect(services(rds)).toEqual(["rds"]);
    // The application tier's services (Auto Scaling, CloudWatch, EC2, ELB Classic and v2) too.
    expect(services(rest)).toEqual(["autoscaling", "cloudwatch", "ec2", "elb", "elbv2", "route53", "sts"]);
    expect(bundle.accounts).toEqual(["123456789012"]);
    expect(Object.keys(bundle.data)).toEqual(["123456789012/eu-west-1", "123456789012/route53", "123456789012/us-east-1"]);
  });

  it("sends every call to --endpoint-url, whatever the AWS_ENDPOINT_URL* variables say", async () => {
    const [chosen, other] = await twoServers();
    vi.stubEnv("AWS_ENDPOINT_URL", other.url);
    vi.stubEnv("AWS_ENDPOINT_URL_RDS", other.url);
    vi.stubEnv("AWS_ENDPOINT_URL_ROUTE_53", other.url);
    vi.stubEnv("AWS_ENDPOINT_URL_STS", other.url);
    await scanLiveAws(liveOptions(chosen.url), TEST_DEPS);
    expect(services(chosen)).toEqual(["autoscaling", "cloudwatch", "ec2", "elb", "elbv2", "rds", "route53", "sts"]);
    expect(other.log).toEqual([]);
  });
});
