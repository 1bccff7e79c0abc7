// The JVM reader over fixture applications (real configurations from public repositories and written ones), through readApplication.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readApplication } from "../../../../src/sources/app-config/index.js";

const cwd = fileURLToPath(new URL("../../../fixtures/apps/jvm/", import.meta.url));
const read = (name: string) => readApplication(name, { cwd });

describe("spring-wrapper (real: aws-advanced-jdbc-wrapper example, pg-service Dockerfile, RIPE whois JvmSecurityManager)", () => {
  it("reads the wrapper URL with its failover plugin, the Hikari lifetime and the -D TTL of the exec-form CMD", async () => {
    const app = await read("spring-wrapper");
    expect(app.databases).toContainEqual(
      expect.objectContaining({
        host: "db-identifier.cluster-XYZ.us-east-2.rds.amazonaws.com",
        driver: "aws-jdbc-wrapper",
        failoverAware: true,
        at: { file: "spring-wrapper/src/main/resources/application.yml", line: 3 },
        live: true,
      }),
    );
    expect(app.pools).toEqual([
      { library: "hikari", maxLifetimeSeconds: 840, at: { file: "spring-wrapper/src/main/resources/application.yml", line: 11 }, live: true },
    ]);
    expect(app.jvmDns).toContainEqual({ kind: "system-property", seconds: 30, at: { file: "spring-wrapper/Dockerfile", line: 4 }, live: true });
    expect(app.runtimes).toEqual([{ kind: "jvm", at: { file: "spring-wrapper/Dockerfile", line: 4 } }]);
  });

  it("counts Security.setProperty in a @Configuration constructor as live and the one in a class nobody uses as dead", async () => {
    const app = await read("spring-wrapper");
    const programmatic = app.jvmDns.filter((s) => s.kind === "programmatic");
    expect(programmatic).toContainEqual({
      kind: "programmatic",
      seconds: 30,
      at: { file: "spring-wrapper/src/main/java/net/ripe/db/whois/common/JvmSecurityManager.java", line: 16 },
      live: true,
    });
    const decoy = programmatic.find((s) => s.at.file.endsWith("DnsTuning.java"));
    expect(decoy).toMatchObject({ seconds: -1, live: false, at: { line: 8 } });
    expect(decoy?.why).toContain("com.example.legacy.DnsTuning is never used");
    // The decoy's JDBC literal is dead too.
    expect(app.databases.find((d) => d.at.file.endsWith("DnsTuning.java"))).toMatchObject({ live: false, host: "old-db.abcdefghijkl.us-east-1.rds.amazonaws.com" });
    expect(app.notes).toEqual([]);
  });
});

describe("compose-app (multi-stage Dockerfile, compose environment, profiles, credentials)", () => {
  it("takes the runtime from the last stage, with its ARG default", async () => {
    const app = await read("compose-app");
    expect(app.runtimes).toContainEqual({ kind: "jvm", version: "21", at: { file: "compose-app/Dockerfile", line: 7 } });
    expect(app.runtimes.filter((r) => r.at.file === "compose-app/Dockerfile")).toHaveLength(1); // the maven build stage does not run
    expect(app.runtimes).toContainEqual({ kind: "jvm", version: "17", at: { file: "compose-app/docker-compose.yml", line: 8 } }); // the worker's image
  });

  it("resolves ${DB_HOST} from the compose environment; keeps ${REPORT_DB_HOST:localhost} unknown", async () => {
    const app = await read("compose-app");
    const base = app.databases.find((d) => d.at.file.endsWith("application.properties"));
    expect(base).toMatchObject({ host: "orders.cluster-abc123xyz.eu-west-1.rds.amazonaws.com", url: "jdbc:postgresql://${DB_HOST}:5432/orders", at: { line: 2 } });
    const reporting = app.databases.find((d) => d.url.includes("reports"));
    expect(reporting).toMatchObject({ host: null, at: { file: "compose-app/src/main/resources/application-prod.yml", line: 14 } });
    expect(reporting?.why).toContain('${REPORT_DB_HOST} (default "localhost"), which these files do not set (it is set at deploy time)');
    expect(reporting?.why).toContain("Spring profile reporting");
  });

  it("keeps each profile's URL, one per host, with credentials removed", async () => {
    const app = await read("compose-app");
    const prod = app.databases.filter((d) => d.at.file.endsWith("application-prod.yml") && d.at.line === 3);
    expect(prod.map((d) => d.host)).toEqual(["orders-1.abc123xyz.eu-west-1.rds.amazonaws.com", "orders-2.abc123xyz.eu-west-1.rds.amazonaws.com"]);
    for (const d of prod) {
      expect(d.url).not.toMatch(/s3cret|admin/);
      expect(d.url).toContain("useSSL=true");
      expect(d.why).toBe("Spring profile prod");
    }
  });

  it("reads the Spring duration 30m, and gives profiles without a lifetime HikariCP's default", async () => {
    const app = await read("compose-app");
    expect(app.pools).toContainEqual({ library: "hikari", maxLifetimeSeconds: 1800, at: { file: "compose-app/src/main/resources/application-prod.yml", line: 6 }, live: true, why: "Spring profile prod" });
    const defaults = app.pools.filter((p) => p.defaultFrom);
    expect(defaults.map((p) => `${p.at.file}:${p.at.line}`)).toEqual(["compose-app/src/main/resources/application-prod.yml:14", "compose-app/src/main/resources/application.properties:2"]);
    expect(defaults[0]).toMatchObject({ maxLifetimeSeconds: 1800, defaultFrom: "HikariCP maxLifetime default 1800000 ms (HikariCP README)" });
  });

  it("reads the security manager from JAVA_TOOL_OPTIONS, a ${DNS_TTL} value as unknown, and JAVA_OPTS the exec-form ENTRYPOINT never passes as dead", async () => {
    const app = await read("compose-app");
    expect(app.jvmDns).toContainEqual(expect.objectContaining({ kind: "security-manager", seconds: null, live: true, at: { file: "compose-app/docker-compose.yml", line: 6 } }));
    const ttl = app.jvmDns.find((s) => s.at.file.endsWith("docker-compose.yml") && s.kind === "system-property");
    expect(ttl).toMatchObject({ seconds: null, live: true, at: { line: 11 } });
    expect(ttl?.why).toContain("${DNS_TTL}, which these files do not set");
    const javaOpts = app.jvmDns.find((s) => s.at.file === "compose-app/Dockerfile");
    expect(javaOpts).toMatchObject({ kind: "system-property", seconds: 10, live: false, at: { line: 8 } });
    expect(javaOpts?.why).toContain("does not pass it to java");
  });
});

describe("k8s-app (Kubernetes, systemd, start script, security-properties files)", () => {
  it("reads JVM options from a ConfigMap, a systemd unit and a start script, and what each java command passes", async () => {
    const app = await read("k8s-app");
    const byPlace = Object.fromEntries(app.jvmDns.map((s) => [`${s.at.file}:${s.at.line}`, s]));
    expect(byPlace["k8s-app/k8s/deployment.yaml:6"]).toMatchObject({ kind: "system-property", seconds: 45, live: true });
    expect(byPlace["k8s-app/k8s/deployment.yaml:21"]).toMatchObject({ kind: "system-property", seconds: 0, live: false }); // JAVA_OPTS, exec-form command
    expect(byPlace["k8s-app/deploy/app.service:5"]).toMatchObject({ kind: "system-property", seconds: 15, live: true });
    expect(byPlace["k8s-app/deploy/start.sh:3"]).toMatchObject({ kind: "system-property", seconds: 20, live: true });
    // `-Dsun.net.inetaddr.ttl=999` after the main class is a program argument; `-Djava.security.manager=allow` installs nothing.
    expect(app.jvmDns.some((s) => s.seconds === 999 || s.kind === "security-manager")).toBe(false);
  });

  it("reads networkaddress.cache.ttl from the file -Djava.security.properties== names, and flags a java.security nothing installs", async () => {
    const app = await read("k8s-app");
    const named = app.jvmDns.find((s) => s.at.file === "k8s-app/conf/dns.security");
    expect(named).toMatchObject({ kind: "security-property", seconds: 5, live: true, at: { line: 2 } });
    expect(named?.why).toContain("replaces the JDK's java.security");
    const loose = app.jvmDns.find((s) => s.at.file === "k8s-app/conf/java.security");
    expect(loose).toMatchObject({ kind: "security-property", seconds: 60, live: true });
    expect(loose?.why).toContain("no start command names and no Dockerfile copies");
  });

  it("strips credentials from a JDBC URL in an env value; notes the unparsable Helm template and the ineffective property", async () => {
    const app = await read("k8s-app");
    expect(app.databases).toEqual([
      expect.objectContaining({ url: "jdbc:postgresql://app-db.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com:5432/app", host: "app-db.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com", at: { file: "k8s-app/k8s/deployment.yaml", line: 23 } }),
    ]);
    expect(app.notes.some((n) => n.startsWith("k8s-app/k8s/helm-template.yaml:") && n.includes("not read as YAML"))).toBe(true);
    expect(app.notes.some((n) => n.startsWith("k8s-app/application.properties:1:") && n.includes("no effect"))).toBe(true);
  });
});

describe("pools-app (Tomcat JDBC, c3p0, hikari.properties, pools built in code, MariaDB Aurora mode)", () => {
  it("gives every pool its lifetime or its documented default", async () => {
    const app = await read("pools-app");
    const pools = Object.fromEntries(app.pools.map((p) => [`${p.library}@${p.at.file.split("/").pop()}:${p.at.line}`, p]));
    expect(pools["tomcat-jdbc@application.properties:1"]).toMatchObject({ maxLifetimeSeconds: Infinity, defaultFrom: expect.stringContaining("Tomcat") });
    expect(pools["hikari@hikari.properties:2"]).toMatchObject({ maxLifetimeSeconds: Infinity }); // maxLifetime=0: no limit
    expect(pools["c3p0@c3p0.properties:1"]).toMatchObject({ maxLifetimeSeconds: 600 });
    expect(pools["hikari@PoolConfig.java:22"]).toMatchObject({ maxLifetimeSeconds: 600, live: true }); // TimeUnit.MINUTES.toMillis(10)
    expect(pools["dbcp2@PoolConfig.java:28"]).toMatchObject({ maxLifetimeSeconds: Infinity, defaultFrom: expect.stringContaining("DBCP2") });
    expect(Object.keys(pools)).toHaveLength(5);
  });

  it("reads MariaDB Aurora mode as not failover-aware when the build pins Connector/J 3, and the wrapper by its plugins", async () => {
    const app = await read("pools-app");
    expect(app.databases.find((d) => d.driver === "mariadb-aurora")).toMatchObject({ failoverAware: false, why: expect.stringContaining("mariadb-java-client 3.1.2") });
    const wrappers = app.databases.filter((d) => d.driver === "aws-jdbc-wrapper");
    expect(wrappers.map((d) => [d.host, d.failoverAware])).toEqual([
      ["audit.cluster-c9akciq32.us-east-1.rds.amazonaws.com", false], // wrapperPlugins=efm2
      ["legacy.cluster-c9akciq32.us-east-1.rds.amazonaws.com", true], // default plugins include failover2
    ]);
    expect(app.runtimes).toEqual([{ kind: "jvm", version: "17", at: { file: "pools-app/pom.xml", line: 10 } }]);
  });

  it("reads a non-literal TTL as unknown and a call in a private method nobody calls as dead", async () => {
    const app = await read("pools-app");
    expect(app.jvmDns).toEqual([
      expect.objectContaining({ kind: "programmatic", seconds: null, live: true, at: { file: "pools-app/src/main/java/com/example/PoolConfig.java", line: 19 }, why: expect.stringContaining("`ttl`") }),
      expect.objectContaining({ kind: "programmatic", seconds: -1, live: false, at: { file: "pools-app/src/main/java/com/example/PoolConfig.java", line: 34 } }),
    ]);
  });
});

describe("placeholders (real: readyset application.properties, elector Dockerfile)", () => {
  it("keeps a host the files do not set as unknown, and JAVA_OPTS passed by a shell-form ENTRYPOINT as live", async () => {
    const app = await read("placeholders");
    expect(app.databases).toHaveLength(1);
    expect(app.databases[0]).toMatchObject({ host: null, why: "the host comes from ${RS_HOST}, which these files do not set (it is set at deploy time)" });
    expect(app.runtimes).toContainEqual({ kind: "jvm", version: "11", at: { file: "placeholders/Dockerfile", line: 1 } });
    expect(app.jvmDns).toEqual([]); // its JAVA_OPTS has no DNS setting
  });
});

describe("gradle-app (Gradle toolchain, Tomcat image, DBCP2 in YAML, wrapper plugins as a data-source property)", () => {
  it("reads them all", async () => {
    const app = await read("gradle-app");
    expect(app.runtimes).toContainEqual({ kind: "jvm", version: "21", at: { file: "gradle-app/build.gradle.kts", line: 8 } });
    expect(app.runtimes).toContainEqual({ kind: "jvm", version: "17", at: { file: "gradle-app/Dockerfile", line: 1 } });
    expect(app.jvmDns).toEqual([expect.objectContaining({ kind: "system-property", seconds: 3, live: true, why: "CATALINA_OPTS is read by Tomcat's catalina.sh" })]);
    expect(app.databases).toEqual([expect.objectContaining({ driver: "aws-jdbc-wrapper", failoverAware: false })]);
    expect(app.pools).toEqual([expect.objectContaining({ library: "dbcp2", maxLifetimeSeconds: null, why: expect.stringContaining("${POOL_LIFETIME}") })]);
    expect(app.notes).toEqual([expect.stringContaining("-Djava.security.properties=/etc/pay/net.security names a file these files do not include")]);
  });
});

describe("petclinic (real: spring-projects/spring-petclinic files)", () => {
  it("keeps URLs that come whole from ${MYSQL_URL:…} unknown, per profile, ignores the Gradle wrapper and reads the build's Java", async () => {
    const app = await read("petclinic");
    expect(app.databases.map((d) => [d.at.file, d.at.line, d.host, d.why])).toEqual([
      ["petclinic/src/main/resources/application-mysql.properties", 3, null, expect.stringContaining('${MYSQL_URL} (default "jdbc:mysql://localhost/petclinic"), which these files do not set')],
      ["petclinic/src/main/resources/application-postgres.properties", 3, null, expect.stringContaining("Spring profile postgres")],
    ]);
    expect(app.pools.map((p) => [p.library, p.maxLifetimeSeconds, p.defaultFrom !== undefined])).toEqual([["hikari", 1800, true], ["hikari", 1800, true]]);
    expect(app.runtimes).toEqual([{ kind: "jvm", version: "17", at: { file: "petclinic/pom.xml", line: 19 } }]); // gradlew is build tooling
    expect(app.jvmDns).toEqual([]);
    expect(app.notes).toEqual([]);
  });
});

describe("runtimes (real: GoogleCloudPlatform/microservices-demo Dockerfiles)", () => {
  it("tells each service's runtime from its last stage, a Go build stage under a static image, or the program it starts", async () => {
    const app = await read("runtimes");
    expect(app.runtimes.map((r) => [r.at.file.split("/")[1], r.kind, r.version])).toEqual([
      ["adservice", "jvm", "25"],
      ["checkoutservice", "go", "1.26"],
      ["currencyservice", "node", undefined],
      ["emailservice", "python", "3.14"],
    ]);
  });
});

describe("tomcat-app (real: Tomcat JNDI resources from jelena93/dms and fenago/apache-tomcat)", () => {
  it("reads each Resource's pool (Tomcat JDBC by its factory, else Tomcat's DBCP2) with its default lifetime, and its URL", async () => {
    const app = await read("tomcat-app");
    expect(app.pools.map((p) => [p.library, p.maxLifetimeSeconds, `${p.at.file}:${p.at.line}`, p.defaultFrom?.split(" ")[0]])).toEqual([
      ["tomcat-jdbc", Infinity, "tomcat-app/conf/server.xml:2", "Tomcat"],
      ["dbcp2", Infinity, "tomcat-app/src/main/webapp/META-INF/context.xml:2", "Commons"],
    ]);
    expect(app.databases.map((d) => [d.host, d.at.line])).toEqual([["localhost", 21], ["localhost", 5]]);
    expect(JSON.stringify(app)).not.toMatch(/admin|tomcatuser|password/); // the Resource's credentials are never kept
  });
});
