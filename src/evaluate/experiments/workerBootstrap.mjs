// Starts a worker from TypeScript sources: registers tsx, then loads the real entry.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
