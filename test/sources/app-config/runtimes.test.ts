// The runtime an application's build files imply (package.json → Node.js, requirements/pyproject/Pipfile → Python, go.mod → Go), with the version line when one is written.
import { describe, expect, it } from "vitest";
import { readRuntimes } from "../../../src/sources/app-config/build-files.js";

describe("runtimes from build files", () => {
  it("one runtime per kind; the file that states a version decides it, at that line", () => {
    const { runtimes } = readRuntimes([
      { path: "api/requirements.txt", text: "django\n" },
      { path: "api/pyproject.toml", text: '[project]\nname = "api"\nrequires-python = ">=3.12"\n' },
      { path: "web/package.json", text: '{\n  "name": "web"\n}\n' },
      { path: "web/.nvmrc", text: "v22.3.0\n" },
      { path: "svc/go.mod", text: "module example.com/svc\n\ngo 1.22\n" },
      { path: "README.md", text: "go 1.10" },
    ]);
    expect(runtimes).toEqual([
      { kind: "python", version: "3.12", at: { file: "api/pyproject.toml", line: 3 } },
      { kind: "node", version: "22", at: { file: "web/.nvmrc", line: 1 } },
      { kind: "go", version: "1.22", at: { file: "svc/go.mod", line: 3 } },
    ]);
  });

  it("Poetry's python = \"^3.11\" in pyproject.toml gives the version (real task-queue pyproject)", () => {
    const { runtimes } = readRuntimes([{ path: "backend/pyproject.toml", text: '[tool.poetry.dependencies]\npython = "^3.11"\nipython = "^8.22.2"\n' }]);
    expect(runtimes).toEqual([{ kind: "python", version: "3.11", at: { file: "backend/pyproject.toml", line: 2 } }]);
  });

  it("no build file, no runtime (a Dockerfile's base image is the JVM reader's to read)", () => {
    expect(readRuntimes([{ path: "Dockerfile", text: "FROM python:3.12-slim" }]).runtimes).toEqual([]);
  });
});
