import { parentPort, workerData } from "node:worker_threads";
import { createClassifiers } from "../classifiers/createClassifiers.js";
import {
  type ExperimentShared,
  type ExperimentTask,
  executeExperimentTask,
} from "./experimentTasks.js";

// A worker of the experiment pool: loads the shared data and the classifiers once, then
// answers tasks one at a time.
const shared = (workerData as { shared: ExperimentShared }).shared;
const classifiers = await createClassifiers();
parentPort?.on("message", ({ id, task }: { id: number; task: ExperimentTask }) => {
  try {
    parentPort?.postMessage({ id, result: executeExperimentTask(shared, task, classifiers) });
  } catch (error) {
    const e = error as Error;
    parentPort?.postMessage({ id, error: { name: e.name, message: e.message } });
  }
});
