// The Python reader: Django DATABASES and CONN_MAX_AGE, dj-database-url, SQLAlchemy pool_recycle, the AWS Python wrapper, dead code.
import { describe, expect, it } from "vitest";
import { readPythonSources } from "../../../src/sources/app-config/python/index.js";
import { fixtureApp } from "./support.js";

describe("Django settings", () => {
  it("reads HOST from os.environ, resolved from the app's .env, and CONN_MAX_AGE at its line (real task-queue settings)", async () => {
    const app = await fixtureApp("django-env");
    const django = app.databases.filter((d) => d.driver === "django" && d.live);
    expect(django).toEqual([
      { url: "$POSTGRES_HOST", host: "orders.cluster-abc123xyz.eu-west-1.rds.amazonaws.com", driver: "django", failoverAware: false, at: { file: "django-env/src/settings/components/database.py", line: 11 }, live: true },
    ]);
    expect(app.pools.filter((p) => p.live)).toEqual([{ library: "django", maxLifetimeSeconds: 100, at: { file: "django-env/src/settings/components/database.py", line: 12 }, live: true }]);
    expect(app.runtimes).toEqual([{ kind: "python", at: { file: "django-env/manage.py", line: 1 } }]);
  });

  it("a settings module nothing imports or names is dead code: listed, live false, with why", async () => {
    const app = await fixtureApp("django-env");
    const legacy = app.databases.find((d) => d.at.file.endsWith("legacy_settings.py"));
    expect(legacy).toMatchObject({ host: "old-orders.abc123xyz.eu-west-1.rds.amazonaws.com", live: false, why: expect.stringContaining("never imported") });
    const pool = app.pools.find((p) => p.at.file.endsWith("legacy_settings.py"));
    expect(pool).toMatchObject({ maxLifetimeSeconds: 0, live: false, defaultFrom: expect.stringContaining("default value is 0") });
  });

  it("dj_database_url.config(conn_max_age=600) with DATABASE_URL given nowhere: host null, set at deploy time (real task-productivity settings)", async () => {
    const app = await fixtureApp("django-dburl");
    expect(app.databases).toEqual([
      { url: "$DATABASE_URL", host: null, driver: "django", failoverAware: false, at: { file: "django-dburl/local_settings.py", line: 4 }, live: true, why: expect.stringContaining("DATABASE_URL is set at deploy time") },
    ]);
    expect(app.pools).toEqual([{ library: "django", maxLifetimeSeconds: 600, at: { file: "django-dburl/local_settings.py", line: 4 }, live: true }]);
    expect(app.runtimes).toEqual([{ kind: "python", version: "3.11", at: { file: "django-dburl/Pipfile", line: 6 } }]);
  });

  it("CONN_MAX_AGE None is unlimited; a host given two values by the compose file is only known at deploy time", async () => {
    const app = await fixtureApp("django-unlimited");
    expect(app.pools).toEqual([{ library: "django", maxLifetimeSeconds: Infinity, at: { file: "django-unlimited/local.py", line: 11 }, live: true }]);
    expect(app.databases).toEqual([
      {
        url: "$DB_HOST",
        host: null,
        driver: "django",
        failoverAware: false,
        at: { file: "django-unlimited/local.py", line: 9 },
        live: true,
        why: "DB_HOST is set at deploy time (the application's files give it 2 different values: django-unlimited/docker-compose.yml:5, django-unlimited/docker-compose.yml:9)",
      },
    ]);
  });

  it("without CONN_MAX_AGE the documented default 0 applies, cited; later DATABASES[...][...] assignments override; sqlite is not a database to judge", () => {
    const found = readPythonSources([
      {
        path: "settings.py",
        text: [
          "DATABASES = {",
          '    "default": {"ENGINE": "django.db.backends.mysql", "HOST": "db.example.com"},',
          '    "replica": {"ENGINE": "django.db.backends.mysql", "HOST": "replica.example.com"},',
          '    "local": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"},',
          "}",
          'DATABASES["replica"]["CONN_MAX_AGE"] = 60 * 5',
        ].join("\n"),
      },
    ]);
    expect(found.databases.map((d) => d.host)).toEqual(["db.example.com", "replica.example.com"]);
    expect(found.pools).toEqual([
      { library: "django", maxLifetimeSeconds: 0, at: { file: "settings.py", line: 2 }, defaultFrom: expect.stringContaining("docs.djangoproject.com"), live: true },
      { library: "django", maxLifetimeSeconds: 300, at: { file: "settings.py", line: 6 }, live: true },
    ]);
  });

  it("the AWS wrapper's Django backend is failover-aware unless its OPTIONS plugins leave failover out", () => {
    const found = readPythonSources([
      {
        path: "settings.py",
        text: [
          "DATABASES = {",
          '  "default": {"ENGINE": "aws_advanced_python_wrapper.django.backends.mysql_connector", "HOST": "a.cluster-x.us-east-1.rds.amazonaws.com", "OPTIONS": {"plugins": "aurora_connection_tracker,failover_v2"}},',
          '  "other": {"ENGINE": "aws_advanced_python_wrapper.django.backends.mysql_connector", "HOST": "b.cluster-x.us-east-1.rds.amazonaws.com", "OPTIONS": {"plugins": "iam"}},',
          "}",
        ].join("\n"),
      },
    ]);
    expect(found.databases.map((d) => [d.driver, d.failoverAware])).toEqual([
      ["aws-python-wrapper", true],
      ["aws-python-wrapper", false],
    ]);
  });
});

describe("SQLAlchemy", () => {
  it("create_engine without pool_recycle never recycles (Infinity, cited); the URL from compose has its credentials removed (real semantic-data-catalog engine)", async () => {
    const app = await fixtureApp("sqlalchemy-app");
    const live = app.databases.filter((d) => d.live);
    expect(live).toEqual([
      {
        url: "postgresql://catalog.cluster-abc123xyz.us-east-1.rds.amazonaws.com:5432/catalog",
        host: "catalog.cluster-abc123xyz.us-east-1.rds.amazonaws.com",
        driver: "sqlalchemy",
        failoverAware: false,
        at: { file: "sqlalchemy-app/backend/database.py", line: 8 },
        live: true,
      },
    ]);
    expect(JSON.stringify(app)).not.toContain("s3cret");
    expect(JSON.stringify(app)).not.toContain("hunter2");
    expect(app.pools.filter((p) => p.live)).toEqual([
      { library: "sqlalchemy", maxLifetimeSeconds: Infinity, at: { file: "sqlalchemy-app/backend/database.py", line: 8 }, defaultFrom: expect.stringContaining("pool_recycle defaults to -1"), live: true },
    ]);
  });

  it("an engine built in a function nobody calls is dead code (the decoy), listed with live false", async () => {
    const app = await fixtureApp("sqlalchemy-app");
    expect(app.pools.find((p) => !p.live)).toEqual({ library: "sqlalchemy", maxLifetimeSeconds: 3600, at: { file: "sqlalchemy-app/backend/reports.py", line: 10 }, live: false, why: "function _legacy_engine is never called" });
  });

  it("pool_recycle from an environment variable no file gives is null with why; NullPool is 0; Flask SQLALCHEMY_ENGINE_OPTIONS pool_recycle is read", async () => {
    const app = await fixtureApp("sqlalchemy-recycle");
    expect(app.pools).toEqual([
      { library: "sqlalchemy", maxLifetimeSeconds: 0, at: { file: "sqlalchemy-recycle/backend/app.py", line: 12 }, live: true, why: expect.stringContaining("NullPool") },
      { library: "sqlalchemy", maxLifetimeSeconds: 280, at: { file: "sqlalchemy-recycle/backend/app.py", line: 9 }, live: true },
      { library: "sqlalchemy", maxLifetimeSeconds: null, at: { file: "sqlalchemy-recycle/backend/database.py", line: 13 }, live: true, why: expect.stringContaining("DATABASE_POOL_RECYCLE is set at deploy time") },
    ]);
    expect(app.databases.find((d) => d.at.line === 10)).toMatchObject({ host: null, why: expect.stringContaining("DATABASE_URL is set at deploy time") });
  });

  it("create_engine in a file that does not import sqlalchemy is not judged; a pool_recycle of -1 is never", () => {
    expect(readPythonSources([{ path: "x.py", text: 'engine = create_engine("postgresql://h.example.com/db")' }]).databases).toEqual([]);
    const found = readPythonSources([{ path: "x.py", text: 'import sqlalchemy as sa\nengine = sa.create_engine("postgresql://h.example.com/db", pool_recycle=-1)' }]);
    expect(found.pools).toEqual([{ library: "sqlalchemy", maxLifetimeSeconds: Infinity, at: { file: "x.py", line: 2 }, live: true }]);
  });
});

describe("AWS Advanced Python Wrapper", () => {
  it("failover-aware with failover in plugins or no plugins at all (the documented default chain has it), not with plugins='iam'", async () => {
    const app = await fixtureApp("python-wrapper");
    expect(app.databases.map((d) => [d.host, d.driver, d.failoverAware, d.at.line])).toEqual([
      ["orders.cluster-abc123xyz.us-east-1.rds.amazonaws.com", "aws-python-wrapper", true, 8],
      ["audit.cluster-abc123xyz.us-east-1.rds.amazonaws.com", "aws-python-wrapper", false, 12],
      ["billing.cluster-abc123xyz.us-east-1.rds.amazonaws.com", "aws-python-wrapper", true, 17],
    ]);
    expect(app.databases[2]!.why).toContain("DEFAULT_PLUGINS");
  });

  it("plugins computed in code cannot be told: not failover-aware, with why", () => {
    const found = readPythonSources([
      { path: "app.py", text: "import os\nfrom aws_advanced_python_wrapper import AwsWrapperConnection\nconn = AwsWrapperConnection.connect(f, host='h.example.com', plugins=os.environ['PLUGINS'] + ',iam')" },
    ]);
    expect(found.databases).toMatchObject([{ failoverAware: false, why: expect.stringContaining("computed in code") }]);
  });
});

describe("engine options the reader cannot see", () => {
  it("create_engine(url, **options) with options computed in code leaves pool_recycle unknown; a literal dict spread is read", () => {
    const unknown = readPythonSources([{ path: "db.py", text: 'from sqlalchemy import create_engine\nengine = create_engine("postgresql://h.example.com/db", **load_options())' }]);
    expect(unknown.pools).toMatchObject([{ maxLifetimeSeconds: null, why: expect.stringContaining("**options") }]);
    const literal = readPythonSources([{ path: "db.py", text: 'from sqlalchemy import create_engine\nOPTS = {"pool_recycle": 900}\nengine = create_engine("postgresql://h.example.com/db", **OPTS)' }]);
    expect(literal.pools).toMatchObject([{ maxLifetimeSeconds: 900 }]);
  });
});

describe("Django entries built from other dicts", () => {
  it("{**BASE, ...} takes BASE's keys when BASE is literal; an unreadable spread leaves CONN_MAX_AGE unknown", () => {
    const known = readPythonSources([{ path: "settings.py", text: 'BASE = {"ENGINE": "django.db.backends.postgresql", "CONN_MAX_AGE": 30}\nDATABASES = {"default": {**BASE, "HOST": "db.example.com"}}' }]);
    expect(known.pools).toMatchObject([{ maxLifetimeSeconds: 30, at: { line: 1 } }]);
    const unknown = readPythonSources([{ path: "settings.py", text: 'DATABASES = {"default": {**load_base(), "HOST": "db.example.com"}}' }]);
    expect(unknown.pools).toMatchObject([{ maxLifetimeSeconds: null, why: expect.stringContaining("**dict") }]);
  });
});

describe("Django settings split across modules", () => {
  it("an override in a module that imports DATABASES from another still counts (prod.py sets CONN_MAX_AGE None over base.py's default)", () => {
    const found = readPythonSources([
      { path: "proj/settings/base.py", text: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com"}}' },
      { path: "proj/settings/prod.py", text: 'from .base import *\nDATABASES["default"]["CONN_MAX_AGE"] = None\nDATABASES["default"]["HOST"] = "prod-db.example.com"' },
      { path: "manage.py", text: 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings.prod")' },
    ]);
    expect(found.pools.map((p) => [p.maxLifetimeSeconds, p.at.file, p.at.line])).toEqual([
      [0, "proj/settings/base.py", 1],
      [Infinity, "proj/settings/prod.py", 2],
    ]);
    expect(found.databases.map((d) => d.host)).toEqual(["db.example.com", "prod-db.example.com"]);
  });
});

describe("large files", () => {
  it("a file with thousands of engines is read in seconds, not quadratically", () => {
    const lines = ["from sqlalchemy import create_engine", "RECYCLE = 60"];
    for (let i = 0; i < 5000; i++) lines.push(`engine_${i} = create_engine(URL_${i % 10}, pool_recycle=RECYCLE)`);
    const started = Date.now();
    const found = readPythonSources([{ path: "big.py", text: lines.join("\n") }]);
    expect(found.pools).toHaveLength(5000);
    expect(found.pools[4999]).toMatchObject({ maxLifetimeSeconds: 60, at: { line: 5002 } });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
