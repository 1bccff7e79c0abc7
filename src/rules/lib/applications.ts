// What the clients.* rules share: the application behind a resource, and a file:line as a result's location.
import type { AppPlace, Application } from "../../model/application.js";
import type { Resource, SourceLocation } from "../../model/resource.js";

/** The application a clients.* rule judges (appliesTo keeps every other kind away). */
export function applicationOf(resource: Resource): Application {
  if (resource.application === undefined) throw new Error(`${resource.id} is not an application`);
  return resource.application;
}

/** An application's file and line as the location of a result. */
export function appLocation(at: AppPlace): SourceLocation {
  return { source: "app-config", file: at.file, line: at.line };
}

/** `30 s`, `forever`, `no limit`. */
export function showSeconds(seconds: number, infinite = "forever"): string {
  return seconds === Infinity ? infinite : `${seconds} s`;
}
