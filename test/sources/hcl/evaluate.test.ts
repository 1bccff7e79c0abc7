// The HCL expression evaluator: what it computes, and that whatever it cannot becomes unknown with the expression quoted.
import { describe, expect, it } from "vitest";
import { type Scope, evaluateJson, evaluateString } from "../../../src/sources/hcl/evaluate.js";
import { EvalFailure, LazyObject, ResourceInstanceRef, type V, objectOf, toTfValue } from "../../../src/sources/hcl/values.js";
import { TfReference, TfUnknown } from "../../../src/sources/terraform/types.js";
import { parseExpression } from "../../../src/sources/hcl/expression.js";
import { convertToType, parseTypeConstraint } from "../../../src/sources/hcl/type-constraint.js";

const vars: Record<string, V> = {
  env: "prod",
  n: 2,
  azs: ["us-east-1a", "us-east-1b", "us-east-1c"],
  instances: objectOf([
    ["one", objectOf([["instance_class", "db.r6g.large"]])],
    ["two", objectOf([["promotion_tier", 1]])],
  ]),
  missing: new TfUnknown("var.missing has no value"),
};

const scope: Scope = {
  root: (name) => {
    if (name === "var") return new LazyObject("var", () => Object.keys(vars), (k) => vars[k]);
    if (name === "aws_rds_cluster") return new LazyObject("aws_rds_cluster", () => ["main"], (k) => (k === "main" ? new ResourceInstanceRef("aws_rds_cluster.main") : undefined));
    return undefined;
  },
  deref: (ref) => (ref.attribute === "engine" ? "aurora-mysql" : new TfUnknown(`${ref.address}.${ref.attribute} is known only after apply`)),
};

const ev = (text: string) => toTfValue(evaluateString(text, scope));

describe("templates and literals", () => {
  it("interpolates and keeps escapes literal", () => {
    expect(ev("${var.env}-db")).toBe("prod-db");
    expect(ev("$${not} %%{this}")).toBe("${not} %{this}");
    expect(ev("plain")).toBe("plain");
  });
  it("reads object keys of the JSON form as templates too, `%%{` included", () => {
    expect(toTfValue(evaluateJson({ "%%{ if k }": "%%{ endif }", "$${k}": "v", "${var.env}": 1, plain: 2 }, scope))).toEqual({ "%{ if k }": "%{ endif }", "${k}": "v", prod: 1, plain: 2 });
  });
  it("a lone interpolation keeps its type", () => {
    expect(ev("${var.n}")).toBe(2);
    expect(ev("${var.azs}")).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
  });
  it("arithmetic, comparison, logic and conditionals", () => {
    expect(ev("${var.n * 3 + 1}")).toBe(7);
    expect(ev('${var.env == "prod" ? 7 : 1}')).toBe(7);
    expect(ev("${!(var.n > 1) || false}")).toBe(false);
    expect(ev('${"${var.env}-x" == "prod-x"}')).toBe(true);
  });
  it("for expressions, splats and indexes", () => {
    expect(ev("${[for az in var.azs : upper(az) if az != \"us-east-1b\"]}")).toEqual(["US-EAST-1A", "US-EAST-1C"]);
    expect(ev("${{ for k, v in var.instances : k => lookup(v, \"promotion_tier\", 0) }}")).toEqual({ one: 0, two: 1 });
    expect(ev("${var.azs[1]}")).toBe("us-east-1b");
    expect(ev('${var.instances["one"].instance_class}')).toBe("db.r6g.large");
  });
});

describe("functions", () => {
  it.each([
    ['${lookup({a = 1}, "b", 2)}', 2],
    ["${merge({a = 1}, {b = 2}, {a = 3})}", { a: 3, b: 2 }],
    ["${concat([1], [2, 3])}", [1, 2, 3]],
    ["${length(var.azs)}", 3],
    ['${format("%s-%02d", var.env, 3)}', "prod-03"],
    ["${element(var.azs, 4)}", "us-east-1b"],
    ['${tonumber("7")}', 7],
    ["${tostring(5)}", "5"],
    ['${try(var.instances.two.instance_class, "db.r6g.large")}', "db.r6g.large"],
    ['${coalesce("", "x")}', "x"],
    ['${join(",", var.azs)}', "us-east-1a,us-east-1b,us-east-1c"],
    ["${keys(var.instances)}", ["one", "two"]],
    ["${toset([\"b\", \"a\", \"b\"])}", ["a", "b"]],
    ["${max(1, 5, 3)}", 5],
  ])("%s", (text, expected) => {
    expect(ev(text)).toEqual(expected);
  });

  it("a function haspec does not evaluate gives unknown naming it", () => {
    const v = ev('${templatefile("x.tpl", {})}');
    expect(v).toBeInstanceOf(TfUnknown);
    expect((v as TfUnknown).reason).toContain("templatefile()");
  });
});

describe("references", () => {
  it("a bare resource attribute stays a reference for the model builder", () => {
    expect(ev("${aws_rds_cluster.main.id}")).toEqual(new TfReference("aws_rds_cluster.main", "id"));
    expect(ev("${[aws_rds_cluster.main.endpoint]}")).toEqual([new TfReference("aws_rds_cluster.main", "endpoint")]);
  });
  it("inside a larger expression it resolves to the configured value, or is unknown", () => {
    expect(ev("${aws_rds_cluster.main.engine}-x")).toBe("aurora-mysql-x");
    const v = ev("${aws_rds_cluster.main.endpoint}:3306");
    expect(v).toBeInstanceOf(TfUnknown);
    expect((v as TfUnknown).reason).toContain("aws_rds_cluster.main.endpoint is known only after apply");
    // The fully qualified form of an endpoint (a trailing dot) is the same host: the reference itself.
    expect(ev("${aws_rds_cluster.main.endpoint}.")).toEqual(new TfReference("aws_rds_cluster.main", "endpoint"));
    expect(ev("${aws_rds_cluster.main.engine}.")).toBe("aurora-mysql.");
  });
});

describe("unknown, never a guess", () => {
  it("a variable without value stays unknown, quoting the expression", () => {
    const v = ev("${var.missing + 1}");
    expect(v).toBeInstanceOf(TfUnknown);
    expect((v as TfUnknown).reason).toMatch(/^`var.missing \+ 1`: .*var.missing has no value/);
  });
  it("an undeclared name is a failure that try() can move past", () => {
    expect(evaluateString("${var.nope}", scope)).toBeInstanceOf(EvalFailure);
    expect(ev('${try(var.nope, "fallback")}')).toBe("fallback");
    expect(ev("${can(var.nope)}")).toBe(false);
  });
  it("try() does not move past a value that is merely unknown", () => {
    expect(ev('${try(var.missing, "fallback")}')).toBeInstanceOf(TfUnknown);
  });
  it("syntax it cannot read is unknown, not an exception", () => {
    expect(ev("${var.env ==}")).toBeInstanceOf(TfUnknown);
    expect(ev("%{ if var.n > 1 }many%{ endif }")).toBeInstanceOf(TfUnknown);
  });
});

describe("type constraints", () => {
  it("converts and fills optional attributes", () => {
    const t = parseTypeConstraint("${map(object({ instance_class = string, promotion_tier = optional(number, 1) }))}");
    const v = convertToType(objectOf([["a", objectOf([["instance_class", "db.r6g.large"]])]]), t, "var.x");
    expect(toTfValue(v)).toEqual({ a: { instance_class: "db.r6g.large", promotion_tier: 1 } });
    expect(convertToType("5", parseTypeConstraint("number"), "var.n")).toBe(5);
    expect(convertToType("yes", parseTypeConstraint("${bool}"), "var.b")).toBeInstanceOf(EvalFailure);
  });
  it("parses expressions on their own", () => {
    expect(parseExpression('["a", "b"]').k).toBe("tuple");
  });
});
