// `terraform show -json` on a state (format_version + values.root_module) → TfInput with the current values.
import type { SourceLocation } from "../../model/resource.js";
import { positionOfKey } from "../json-position.js";
import { documentError, type TerraformJsonFile } from "../terraform/read-json.js";
import { isJsonObject, MODELLED_TYPES, moduleResources, withUnknowns } from "../terraform/json-values.js";
import type { TfInput, TfResource, TfValue } from "../terraform/types.js";

const HINT = "pass the output of terraform show -json (without a plan file) or terraform state pull | terraform show -json";

function assertState(file: TerraformJsonFile): Record<string, unknown> {
  const doc = file.doc;
  if (!isJsonObject(doc)) throw documentError(file.display, "is not Terraform state JSON: expected an object with format_version and values", HINT);
  const version = doc["format_version"];
  if (typeof version !== "string") {
    const raw = doc["version"] !== undefined && Array.isArray(doc["resources"]);
    throw documentError(
      file.display,
      raw ? "is a raw terraform.tfstate file, not the output of terraform show -json" : "is not Terraform state JSON: it has no format_version",
      HINT,
      version === undefined ? undefined : positionOfKey(file.text, "format_version"),
    );
  }
  if (!/^[01]\./.test(version)) throw documentError(file.display, `state format_version ${version} is not supported (haspec reads 0.x and 1.x)`, HINT, positionOfKey(file.text, "format_version"));
  if (doc["planned_values"] !== undefined || doc["resource_changes"] !== undefined) {
    throw documentError(file.display, "is a Terraform plan, not state (use --source plan)", HINT, positionOfKey(file.text, "planned_values"));
  }
  if (doc["values"] !== undefined && !isJsonObject(doc["values"])) throw documentError(file.display, "values is not an object", HINT, positionOfKey(file.text, "values"));
  return doc;
}

/** Reads one state document; an empty state (no `values`) has no resources. */
export function parseState(file: TerraformJsonFile): TfInput {
  const doc = assertState(file);
  const location: SourceLocation = { source: "state", file: file.display };
  const values = doc["values"];
  const resources: TfResource[] = [];
  const caveats: string[] = [];
  const wrongShape = (what: string, key: string): never => {
    throw documentError(file.display, what, HINT, positionOfKey(file.text, key));
  };
  for (const r of moduleResources(isJsonObject(values) ? values["root_module"] : undefined, wrongShape)) {
    const address = r["address"];
    const type = r["type"];
    if (typeof address !== "string" || typeof type !== "string" || r["mode"] === "data" || !MODELLED_TYPES.has(type)) continue;
    // Still running in AWS, so judged as they are; the next apply changes them.
    if (r["tainted"] === true) caveats.push(`${address} is tainted: the next apply destroys and recreates it`);
    if (typeof r["deposed_key"] === "string") {
      caveats.push(`${address} has a deposed object (${r["deposed_key"]}), an old one the next apply destroys; it is not judged`);
      continue;
    }
    resources.push({ address, type, values: withUnknowns(r["values"] ?? {}, undefined) as Record<string, TfValue>, location });
  }
  const notes = resources.length === 0 ? [`${file.display} holds no RDS, Aurora or Route 53 resources`, ...caveats] : caveats;
  return { kind: "state", resources, notes, sources: [{ kind: "state", location: file.display }] };
}
