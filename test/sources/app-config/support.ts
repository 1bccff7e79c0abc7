// Reads a fixture application under test/fixtures/apps the way `--app-config` does (paths shown relative to that directory).
import { resolve } from "node:path";
import type { Application } from "../../../src/model/application.js";
import { readApplication } from "../../../src/sources/app-config/index.js";

export const APPS = resolve(import.meta.dirname, "../../fixtures/apps");

/** The application in test/fixtures/apps/<name>. */
export function fixtureApp(name: string): Promise<Application> {
  return readApplication(name, { cwd: APPS });
}
