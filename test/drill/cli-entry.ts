// The CLI from source in a child process (for the Ctrl-C test: a signal needs a process of its own); run with `node --import tsx`.
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
