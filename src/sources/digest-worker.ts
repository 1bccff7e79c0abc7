// Worker thread body for digestInputsInBackground: hashes the inputs and posts the digests back.
import { parentPort, workerData } from "node:worker_threads";
import { digestInput } from "./digest.js";

const { inputs, cwd } = workerData as { inputs: string[]; cwd: string };
parentPort?.postMessage(inputs.map((input) => [input, digestInput(input, cwd)]));
