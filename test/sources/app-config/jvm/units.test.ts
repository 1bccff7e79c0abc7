// Unit tests of the JVM reader's parts: JDBC URLs, images, durations, shell words, JVM options, Java liveness.
import { describe, expect, it } from "vitest";
import { springMillis, readJvm } from "../../../../src/sources/app-config/jvm/index.js";
import { parseJdbcUrl, stripCredentials } from "../../../../src/sources/app-config/jvm/jdbc-url.js";
import { javaOptions, readJvmOptions } from "../../../../src/sources/app-config/jvm/jvm-options.js";
import { runtimeOfImage } from "../../../../src/sources/app-config/jvm/launch.js";
import { shellWords } from "../../../../src/sources/app-config/jvm/text.js";

describe("parseJdbcUrl", () => {
  it("splits multi-host MySQL URLs and reads PostgreSQL, Oracle, SQL Server and MySQL address forms", () => {
    expect(parseJdbcUrl("jdbc:mysql://h1:3306,h2/db?x=y")?.hosts).toEqual(["h1", "h2"]);
    expect(parseJdbcUrl("jdbc:postgresql://host/db")?.hosts).toEqual(["host"]);
    expect(parseJdbcUrl("jdbc:oracle:thin:@//ora.example.com:1521/svc")?.hosts).toEqual(["ora.example.com"]);
    expect(parseJdbcUrl("jdbc:oracle:thin:@ora2:1521:SID")?.hosts).toEqual(["ora2"]);
    expect(parseJdbcUrl("jdbc:sqlserver://mssql.example.com:1433;databaseName=x;password=p")).toMatchObject({ hosts: ["mssql.example.com"], url: "jdbc:sqlserver://mssql.example.com:1433;databaseName=x" });
    expect(parseJdbcUrl("jdbc:mysql://address=(host=a.example.com)(port=3306),address=(host=b.example.com)/db")?.hosts).toEqual(["a.example.com", "b.example.com"]);
    expect(parseJdbcUrl("jdbc:postgresql://${DB_HOST:localhost}:5432/app")?.hosts).toEqual(["${DB_HOST:localhost}"]);
    expect(parseJdbcUrl("jdbc:h2:mem:test")?.embedded).toBe(true);
    expect(parseJdbcUrl("postgres://x")).toBeUndefined();
  });

  it("removes user, password and password parameters", () => {
    expect(stripCredentials("jdbc:mysql://root:pw@h/db?user=a&password=b&ssl=true")).toBe("jdbc:mysql://h/db?ssl=true");
    expect(stripCredentials("jdbc:oracle:thin:scott/tiger@//h:1521/s")).toBe("jdbc:oracle:thin:@//h:1521/s");
    expect(stripCredentials("jdbc:postgresql://h/db?password=only")).toBe("jdbc:postgresql://h/db");
  });

  it("reads the AWS wrapper's plugins (URL, data-source property, default, profile) and the legacy AWS and MariaDB Aurora drivers", () => {
    expect(parseJdbcUrl("jdbc:aws-wrapper:postgresql://c/db")).toMatchObject({ driver: "aws-jdbc-wrapper", failoverAware: true });
    expect(parseJdbcUrl("jdbc:aws-wrapper:postgresql://c/db?wrapperPlugins=failover2,efm2")).toMatchObject({ failoverAware: true });
    expect(parseJdbcUrl("jdbc:aws-wrapper:mysql://c/db?wrapperPlugins=iam")).toMatchObject({ failoverAware: false });
    expect(parseJdbcUrl("jdbc:aws-wrapper:mysql://c/db", { wrapperPlugins: "failover" })).toMatchObject({ failoverAware: true });
    expect(parseJdbcUrl("jdbc:aws-wrapper:mysql://c/db?wrapperProfileName=F0")).toMatchObject({ failoverAware: false, why: expect.stringContaining("wrapperProfileName F0") });
    expect(parseJdbcUrl("jdbc:mysql:aws://c:3306/db")).toMatchObject({ driver: "jdbc", failoverAware: true, hosts: ["c"] });
    expect(parseJdbcUrl("jdbc:mysql:aurora://c/db")).toMatchObject({ driver: "mariadb-aurora", failoverAware: true, why: expect.stringContaining("3.0.3") });
    expect(parseJdbcUrl("jdbc:mariadb:aurora://c/db", { mariadbClientVersion: "2.7.9" })).toMatchObject({ failoverAware: true });
    expect(parseJdbcUrl("jdbc:mariadb:aurora://c/db", { mariadbClientVersion: "3.0.3" })).toMatchObject({ failoverAware: false });
  });
});

describe("runtimeOfImage", () => {
  it.each([
    ["eclipse-temurin:17-jre", "jvm", "17"],
    ["openjdk:8u342-jre", "jvm", "8"],
    ["amazoncorretto:21-al2023", "jvm", "21"],
    ["ibm-semeru-runtimes:open-11-jre", "jvm", "11"],
    ["azul/zulu-openjdk-alpine:17", "jvm", "17"],
    ["bellsoft/liberica-openjdk-alpine:21", "jvm", "21"],
    ["gcr.io/distroless/java17-debian12", "jvm", "17"],
    ["gcr.io/distroless/java:11", "jvm", "11"],
    ["registry.access.redhat.com/ubi8/openjdk-17:1.18", "jvm", "17"],
    ["tomcat:9.0-jdk11-temurin", "jvm", "11"],
    ["maven:3.9-eclipse-temurin-21", "jvm", "21"],
    ["node:20-alpine", "node", "20"],
    ["python:3.12-slim", "python", "3.12"],
    ["golang:1.22", "go", "1.22"],
  ])("%s → %s %s", (image, kind, version) => {
    expect(runtimeOfImage(image)).toEqual({ kind, version });
  });
  it("gives no version when the tag does not say it, and nothing for other images", () => {
    expect(runtimeOfImage("eclipse-temurin")).toEqual({ kind: "jvm" });
    expect(runtimeOfImage("alpine:3.19")).toBeUndefined();
  });
});

describe("JVM options", () => {
  it("stops at -jar or the main class; reads `==` security properties; skips allow/disallow", () => {
    const words = shellWords(`java -Xmx1g -cp "a b.jar" -Dsun.net.inetaddr.ttl=7 com.x.Main -Dsun.net.inetaddr.ttl=9`);
    expect(javaOptions(words, 0)).toEqual(["-Xmx1g", "-Dsun.net.inetaddr.ttl=7"]);
    const at = { file: "f", line: 1 };
    const found = readJvmOptions(["-Djava.security.properties==/x/y.security", "-Djava.security.manager=disallow", "-Djava.security.manager=default", "-Dsun.net.inetaddr.ttl=-5"], at, new Map());
    expect(found.securityFiles).toEqual([{ file: "/x/y.security", replaces: true, at, live: true }]);
    expect(found.settings.map((s) => [s.kind, s.seconds])).toEqual([["security-manager", null], ["system-property", -1]]);
  });
  it("resolves a placeholder the files give exactly one value", () => {
    const found = readJvmOptions(["-Dsun.net.inetaddr.ttl=${TTL}"], { file: "f", line: 1 }, new Map([["TTL", ["12"]]]));
    expect(found.settings[0]).toMatchObject({ seconds: 12 });
  });
});

describe("springMillis", () => {
  it.each([["1800000", 1_800_000], ["30m", 1_800_000], ["1800s", 1_800_000], ["PT30M", 1_800_000], ["2h", 7_200_000], ["500ms", 500]])("%s", (v, ms) => {
    expect(springMillis(v)).toBe(ms);
  });
  it("rejects the rest", () => expect(springMillis("soon")).toBeUndefined());
});

describe("Java liveness", () => {
  const file = (path: string, text: string) => ({ path, text });
  const setter = (ttl: string) => `java.security.Security.setProperty("networkaddress.cache.ttl", "${ttl}");`;

  it("follows references from live classes to a fixed point and honours META-INF/spring.factories", () => {
    const found = readJvm([
      file("src/main/java/a/Main.java", `package a; public class Main { public static void main(String[] a) { new Helper().go(); } }`),
      file("src/main/java/a/Helper.java", `package a; class Helper { void go() { Deep.init(); } }`),
      file("src/main/java/a/Deep.java", `package a; class Deep { static void init() { ${setter("5")} } }`),
      file("src/main/java/a/Auto.java", `package a; public class Auto { static { ${setter("6")} } }`),
      file("src/main/resources/META-INF/spring.factories", `org.springframework.boot.autoconfigure.EnableAutoConfiguration=a.Auto`),
      file("src/main/java/a/Orphan.java", `package a; class Orphan { static { ${setter("7")} } }`),
      file("src/test/java/a/MainTest.java", `package a; class MainTest { public static void main(String[] a) { ${setter("8")} } }`),
    ]);
    expect(found.jvmDns?.map((s) => [s.seconds, s.live])).toEqual([[5, true], [6, true], [7, false], [8, false]]);
  });

  it("counts everything live when the files show no entry point (a library)", () => {
    const found = readJvm([file("src/main/java/lib/Dns.java", `package lib; public class Dns { public static void setUp() { ${setter("3")} } }`)]);
    expect(found.jvmDns).toEqual([expect.objectContaining({ seconds: 3, live: true, why: expect.stringContaining("no entry point") })]);
  });

  it("reads HikariCP lifetimes under 30 s as its default, and Duration/arithmetics as constants", () => {
    const found = readJvm([
      file("src/main/java/a/Db.java", `package a; import com.zaxxer.hikari.HikariConfig; @Configuration class Db {
  @Bean HikariConfig one() { HikariConfig c = new HikariConfig(); c.setMaxLifetime(10_000); return c; }
  @Bean HikariConfig two() { HikariConfig c = new HikariConfig(); c.setMaxLifetime(java.time.Duration.ofMinutes(5).toMillis()); return c; }
  @Bean HikariConfig three() { HikariConfig c = new HikariConfig(); c.setMaxLifetime(2 * 60 * 1000L); return c; }
  @Bean HikariConfig four() { HikariConfig c = new HikariConfig(); c.setMaxLifetime(lifetime); return c; } }`),
    ]);
    expect(found.pools?.map((p) => p.maxLifetimeSeconds)).toEqual([1800, 300, 120, null]);
    expect(found.pools?.[0]?.why).toContain("30000");
  });
});

describe("Spring .properties documents and ineffective options", () => {
  it("gives each #--- document its on-profile, and notes -Dnetworkaddress.cache.ttl (a system property the JVM ignores)", () => {
    const found = readJvm([
      {
        path: "application.properties",
        text: "spring.datasource.url=jdbc:postgresql://a.example.com/db\n#---\nspring.config.activate.on-profile=prod\nspring.datasource.url=jdbc:postgresql://b.example.com/db\nspring.datasource.hikari.max_lifetime=600000\n",
      },
      { path: "Dockerfile", text: 'FROM amazoncorretto:17\nENV JAVA_TOOL_OPTIONS="-Dnetworkaddress.cache.ttl=5"\n' },
    ]);
    expect(found.databases?.map((d) => [d.host, d.why])).toEqual([["a.example.com", undefined], ["b.example.com", "Spring profile prod"]]);
    expect(found.pools?.map((p) => [p.maxLifetimeSeconds, p.at.line, p.defaultFrom !== undefined])).toEqual([[600, 5, false], [1800, 1, true]]);
    expect(found.jvmDns).toEqual([]);
    expect(found.notes).toEqual([expect.stringContaining("Dockerfile:2: -Dnetworkaddress.cache.ttl=5 sets a system property the JVM ignores")]);
    expect(found.runtimes).toEqual([{ kind: "jvm", version: "17", at: { file: "Dockerfile", line: 1 } }]);
  });
});

describe("Dockerfile start command", () => {
  it("runs the last exec-form ENTRYPOINT with the last CMD as its arguments", () => {
    const found = readJvm([
      {
        path: "Dockerfile",
        text: 'FROM eclipse-temurin:17\nCMD ["-Dsun.net.inetaddr.ttl=99"]\nENTRYPOINT ["java"]\nCMD ["-Dsun.net.inetaddr.ttl=4", "-jar", "/app.jar"]\n',
      },
    ]);
    expect(found.jvmDns).toEqual([{ kind: "system-property", seconds: 4, at: { file: "Dockerfile", line: 3 }, live: true }]);
    expect(found.runtimes).toEqual([{ kind: "jvm", version: "17", at: { file: "Dockerfile", line: 1 } }]);
  });
});

describe("test resources", () => {
  it("reads src/test configuration as not live, and never lets it set or hide the application's pool lifetime", () => {
    const found = readJvm([
      { path: "src/main/resources/application.yml", text: "spring:\n  datasource:\n    url: jdbc:postgresql://app.cluster-x.eu-west-1.rds.amazonaws.com/app\n" },
      { path: "src/test/resources/application.yml", text: "spring:\n  datasource:\n    url: jdbc:postgresql://localhost/test\n    hikari:\n      max-lifetime: 60000\n" },
    ]);
    expect(found.databases?.map((d) => [d.host, d.live])).toEqual([["app.cluster-x.eu-west-1.rds.amazonaws.com", true], ["localhost", false]]);
    expect(found.pools?.map((p) => [p.at.file, p.maxLifetimeSeconds, p.live])).toEqual([
      ["src/test/resources/application.yml", 60, false],
      ["src/main/resources/application.yml", 1800, true],
    ]);
  });
});

describe("Helm values", () => {
  it("reads env lists as the chart renders them, for JVM options and for placeholders", () => {
    const found = readJvm([
      {
        path: "chart/values.yaml",
        text: 'image: registry/app:1\nenv:\n  - name: JAVA_TOOL_OPTIONS\n    value: "-Dsun.net.inetaddr.ttl=7"\n  - name: DB_HOST\n    value: app.cluster-x.eu-west-1.rds.amazonaws.com\n',
      },
      { path: "src/main/resources/application.properties", text: "spring.datasource.url=jdbc:mysql://${DB_HOST}/app\n" },
    ]);
    expect(found.jvmDns).toEqual([{ kind: "system-property", seconds: 7, at: { file: "chart/values.yaml", line: 4 }, live: true }]);
    expect(found.databases?.[0]?.host).toBe("app.cluster-x.eu-west-1.rds.amazonaws.com");
  });
});

describe("edge cases", () => {
  it("skips an empty URL, strips credentials from a URL built in code, and survives names like constructor/toString", () => {
    const found = readJvm([
      { path: "application.yml", text: "spring:\n  datasource:\n    url:\n" },
      { path: "Dockerfile", text: "FROM eclipse-temurin:17\nENV constructor=1 toString=2\n" },
      {
        path: "src/main/java/a/Main.java",
        text: 'package a; public class Main { public static void main(String[] a) { String u = "jdbc:mysql://root:pw@" + host + "/db"; a.toString(); Object o = new Object().constructor(); } }',
      },
    ]);
    expect(found.databases).toEqual([expect.objectContaining({ url: '"jdbc:mysql://" + host + "/db"', host: null, why: expect.stringContaining("concatenation") })]);
    expect(found.notes).toEqual([]);
  });
});

describe("Java liveness at scale", () => {
  it("reads a nested class named Outer$Inner in META-INF/services, and 1,500 classes quickly", () => {
    const classes = Array.from({ length: 1500 }, (_, i) => ({
      path: `src/main/java/big/C${i}.java`,
      text: `package big; public class C${i} { C${i + 1} next; static { java.security.Security.setProperty("networkaddress.cache.ttl", "${i}"); } }`,
    }));
    const started = performance.now();
    const found = readJvm([
      ...classes,
      { path: "src/main/java/big/Main.java", text: "package big; public class Main { public static void main(String[] a) { new C0(); } }" },
      { path: "src/main/java/big/Outer.java", text: 'package big; public class Outer { public static class Inner { static { java.security.Security.setProperty("networkaddress.cache.ttl", "-1"); } } }' },
      { path: "src/main/resources/META-INF/services/java.net.spi.InetAddressResolverProvider", text: "big.Outer$Inner\n" },
      ...Array.from({ length: 200 }, (_, i) => ({ path: `conf/f${i}.properties`, text: `k${i}=${"x".repeat(5000)}\n` })),
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(found.jvmDns?.filter((s) => s.live)).toHaveLength(1501); // the chain C0 → C1 → … from main, and Outer$Inner
  });
});

describe("build files", () => {
  it("reads the Java version from maven.compiler.release, Groovy sourceCompatibility and JavaVersion constants", async () => {
    const { readBuildFiles } = await import("../../../../src/sources/app-config/jvm/build-files.js");
    const pom = "<project>\n  <properties>\n    <maven.compiler.release>11</maven.compiler.release>\n  </properties>\n</project>\n";
    expect(readBuildFiles([{ path: "pom.xml", text: pom }]).runtimes).toEqual([{ kind: "jvm", version: "11", at: { file: "pom.xml", line: 3 } }]);
    expect(readBuildFiles([{ path: "a/build.gradle", text: "apply plugin: 'java'\nsourceCompatibility = JavaVersion.VERSION_1_8\n" }]).runtimes).toEqual([
      { kind: "jvm", version: "8", at: { file: "a/build.gradle", line: 2 } },
    ]);
    expect(readBuildFiles([{ path: "build.gradle", text: "sourceCompatibility = '17'\n" }]).runtimes[0]?.version).toBe("17");
    expect(readBuildFiles([{ path: "build.gradle.kts", text: 'dependencies { implementation("org.mariadb.jdbc:mariadb-java-client:2.7.12") }\n' }]).mariadbClientVersion).toBe("2.7.12");
  });
});

describe("Spring pool keys of another pool", () => {
  it("reads spring.datasource.hikari.* as unused when spring.datasource.type chooses Tomcat's pool", () => {
    const found = readJvm([
      {
        path: "application.properties",
        text: "spring.datasource.url=jdbc:mysql://db.example.com/app\nspring.datasource.type=org.apache.tomcat.jdbc.pool.DataSource\nspring.datasource.hikari.max-lifetime=600000\nspring.datasource.tomcat.max-age=300000\n",
      },
    ]);
    expect(found.pools?.map((p) => [p.library, p.maxLifetimeSeconds, p.live])).toEqual([["hikari", null, false], ["tomcat-jdbc", 300, true]]);
  });
});

describe("conditional classes", () => {
  it("says when a live class loads only under a Spring profile or condition", () => {
    const found = readJvm([
      {
        path: "src/main/java/a/Dns.java",
        text: 'package a;\n@Configuration\n@Profile("prod")\nclass Dns { Dns() { java.security.Security.setProperty("networkaddress.cache.ttl", "10"); } }',
      },
    ]);
    expect(found.jvmDns).toEqual([expect.objectContaining({ seconds: 10, live: true, why: 'class a.Dns loads only under @Profile("prod")' })]);
  });
});
