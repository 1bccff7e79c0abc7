// Worker thread body of the digest: hashes a large input file the main thread read into shared memory, or whole inputs (directories), and posts the result back.
import { parentPort, workerData } from "node:worker_threads";
import { digestInput, digestSharedBytes, type DigestJob } from "./digest.js";

const job = workerData as DigestJob;
parentPort?.postMessage("memory" in job ? digestSharedBytes(job.memory, job.length) : job.inputs.map((input) => [input, digestInput(input, job.cwd)]));
