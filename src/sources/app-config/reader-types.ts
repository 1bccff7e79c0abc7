// What a reader of application files is given and returns (its own module, so readers import it without a cycle through READERS).
import type { Application } from "../../model/application.js";

/** One file of the application: its path as shown to the user and its text. */
export interface AppFile {
  readonly path: string;
  readonly text: string;
}

/** What one reader found; the lists of every reader are concatenated into the Application. */
export type AppFindings = Partial<Pick<Application, "runtimes" | "jvmDns" | "databases" | "pools" | "proxies" | "notes">>;

/** A reader sees every file of one application (it needs several at once: a class is dead only if no other file uses it). */
export type AppReader = (files: readonly AppFile[]) => AppFindings;
