// What a command touches outside itself: the standard streams, the environment, the working directory and the clock.

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Keys for the interactive UI; absent (tests, embedding) means no terminal to read from. */
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The clock; tests and reproducible audits fix it with --now. */
  readonly now: () => Date;
}

/** The real process's streams, environment, directory and clock. */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    // A getter: touching process.stdin creates the stream, which only the interactive UI needs.
    get stdin() {
      return process.stdin;
    },
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}
