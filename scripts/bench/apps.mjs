// Bench for `--app-config`: a generated monorepo of 250 services and 5,000 configuration and source files, read beside the demo fleet, against the same check without them.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fmtMs, measureInterleaved, table, verdict } from "./measure.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const GENERATOR = "apps-1";
const SERVICES = 250;
const FILES_PER_SERVICE = 20;

/** The added time of reading the monorepo must stay within 1 s (issue 21). */
export const APPS_ADDED_SECONDS = 1;

const CLUSTER = "orders-prod.cluster-c7x2kq4mpl9e.us-east-1.rds.amazonaws.com";

/** One service's 20 files, four stacks in turn: Spring, Django, Node, and an nginx front. */
function serviceFiles(i) {
  const name = `svc-${String(i).padStart(3, "0")}`;
  const files = {};
  const kind = i % 4;
  if (kind === 0) {
    files["Dockerfile"] = `FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Dsun.net.inetaddr.ttl=${i % 60}"\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n`;
    files["pom.xml"] = `<project><modelVersion>4.0.0</modelVersion><artifactId>${name}</artifactId><properties><java.version>21</java.version></properties></project>\n`;
    files["src/main/resources/application.yml"] = `spring:\n  datasource:\n    url: jdbc:mysql://${CLUSTER}:3306/${name.replace(/-/g, "_")}\n    hikari:\n      max-lifetime: ${(i % 30 + 1) * 60000}\n`;
    files["src/main/resources/application-prod.properties"] = `spring.datasource.hikari.maximum-pool-size=20\nlogging.level.root=INFO\n`;
    for (let k = 0; k < 16; k++) {
      files[`src/main/java/com/example/${name.replace(/-/g, "")}/Part${k}.java`] =
        `package com.example.${name.replace(/-/g, "")};\n\npublic class Part${k} {\n  private final int value = ${k};\n  public int value() { return value + Part${(k + 1) % 16}.class.getSimpleName().length(); }\n}\n`;
    }
  } else if (kind === 1) {
    files["requirements.txt"] = "Django==5.1.4\nmysqlclient==2.2.6\n";
    files["manage.py"] = `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")\n`;
    files["app/settings.py"] = `DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "${CLUSTER}", "CONN_MAX_AGE": ${i % 600}}}\n`;
    for (let k = 0; k < 17; k++) files[`app/views_${k}.py`] = `def view_${k}(request):\n    return {"n": ${k}}\n`;
  } else if (kind === 2) {
    files["package.json"] = `{"name": "${name}", "dependencies": {"pg": "^8.13.1"}}\n`;
    files[".env"] = `DATABASE_URL=postgres://app@${CLUSTER}:5432/app\n`;
    files["src/db.js"] = `import pg from "pg";\nexport const pool = new pg.Pool({ host: "${CLUSTER}", maxLifetimeSeconds: ${i % 900} });\n`;
    for (let k = 0; k < 17; k++) files[`src/routes/r${k}.js`] = `export function r${k}(req, res) { res.json({ n: ${k} }); }\n`;
  } else {
    files["nginx.conf"] = `events {}\nhttp {\n  server {\n    location / { proxy_pass http://internal-${name}.us-east-1.elb.amazonaws.com; }\n  }\n}\n`;
    for (let k = 0; k < 19; k++) files[`conf.d/site-${k}.conf`] = `server {\n  listen ${8000 + k};\n  location /s${k} { return 200 "ok"; }\n}\n`;
  }
  return { name, files };
}

/** Writes (or reuses) the monorepo; returns its service directories. */
function ensureMonorepo(dir) {
  const stamp = join(dir, ".stamp");
  const services = Array.from({ length: SERVICES }, (_, i) => serviceFiles(i));
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== GENERATOR) {
    rmSync(dir, { recursive: true, force: true });
    let count = 0;
    for (const s of services) {
      for (const [file, text] of Object.entries(s.files)) {
        const path = join(dir, s.name, file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        count++;
      }
    }
    if (count !== SERVICES * FILES_PER_SERVICE) throw new Error(`the generator wrote ${count} files, not ${SERVICES * FILES_PER_SERVICE}`);
    writeFileSync(stamp, GENERATOR);
  }
  return services.map((s) => join(dir, s.name));
}

/** `benchDir` is where the monorepo goes (.bench/monorepo); `policy` a policy with clients.* rules. */
export async function benchApps({ benchDir, fleetDir, policy, runs = 3, bin = join(ROOT, "bin/haspec.js") }) {
  const services = ensureMonorepo(join(benchDir, "monorepo"));
  const apps = services.flatMap((s) => ["--app-config", s]);
  const base = [bin, "check", fleetDir, "-p", policy, "--format", "json", "--output", "/dev/null"];
  const [without, withApps] = measureInterleaved(
    [
      { label: "check", args: base, okCodes: [0, 1] },
      { label: "check + apps", args: [...base, ...apps], okCodes: [0, 1] },
    ],
    runs,
  );
  const added = !without.failed && !withApps.failed ? (withApps.ms - without.ms) / 1000 : null;
  const rows = [
    ["check of the demo fleet", without.failed ?? fmtMs(without.ms), ""],
    [
      `+ ${SERVICES} --app-config (${SERVICES * FILES_PER_SERVICE} files)`,
      withApps.failed ?? `${fmtMs(withApps.ms)}: ${added === null ? "?" : `${added.toFixed(2)} s`} added (target ≤ ${APPS_ADDED_SECONDS} s)`,
      verdict(added == null ? null : added <= APPS_ADDED_SECONDS),
    ],
  ];
  process.stdout.write(table([`apps: ${relative(ROOT, join(benchDir, "monorepo"))}`, "measured", ""], rows) + "\n");
}
