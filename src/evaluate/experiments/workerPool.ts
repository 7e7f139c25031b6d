import { Worker } from "node:worker_threads";
import * as errors from "../../errors.js";

/** Runs tasks on worker threads, each of which loads `shared` once. */
export interface TaskPool<TTask, TResult> {
  /** Runs every task; results come back in task order whatever the scheduling. */
  run(tasks: readonly TTask[], onDone?: (done: number, total: number) => void): Promise<TResult[]>;
  /** Stops the workers. */
  close(): Promise<void>;
}

type Reply<TResult> =
  | { readonly id: number; readonly result: TResult }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

/**
 * Starts `size` workers on the module `entry` (a file URL of a module that calls
 * `serveTasks`). When this package runs from its TypeScript sources (tests, `tsx`), the
 * worker starts through a small bootstrap that registers tsx first: Node 20 cannot load
 * `.ts` workers by itself.
 */
export function createTaskPool<TShared, TTask, TResult>(
  entry: URL,
  shared: TShared,
  size: number,
): TaskPool<TTask, TResult> {
  const fromSource = entry.pathname.endsWith(".ts");
  const script = fromSource ? new URL("./workerBootstrap.mjs", import.meta.url) : entry;
  const workers = Array.from(
    { length: size },
    () => new Worker(script, { workerData: { entry: entry.href, shared } }),
  );
  return {
    run(tasks, onDone) {
      return new Promise((resolve, reject) => {
        const results = new Array<TResult>(tasks.length);
        let next = 0;
        let done = 0;
        let failed = false;
        const feed = (worker: Worker) => {
          if (next < tasks.length) {
            const id = next++;
            worker.postMessage({ id, task: tasks[id] });
          }
        };
        const cleanup = () => {
          for (const worker of workers) {
            worker.removeAllListeners("message");
            worker.removeAllListeners("error");
          }
        };
        for (const worker of workers) {
          worker.on("message", (reply: Reply<TResult>) => {
            if (failed) return;
            if ("error" in reply) {
              failed = true;
              cleanup();
              reject(reviveError(reply.error));
              return;
            }
            results[reply.id] = reply.result;
            done++;
            onDone?.(done, tasks.length);
            if (done === tasks.length) {
              cleanup();
              resolve(results);
            } else {
              feed(worker);
            }
          });
          worker.on("error", (error) => {
            if (failed) return;
            failed = true;
            cleanup();
            reject(error);
          });
        }
        if (tasks.length === 0) resolve(results);
        for (const worker of workers) feed(worker);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The project's own error classes survive the thread boundary by name. */
function reviveError(error: { name: string; message: string }): Error {
  const revived = new Error(error.message);
  const known = (errors as Record<string, unknown>)[error.name];
  // Constructors differ (DataFormatError takes a location), so only the prototype is borrowed.
  if (typeof known === "function" && known.prototype instanceof Error) {
    Object.setPrototypeOf(revived, known.prototype);
  }
  revived.name = error.name;
  return revived;
}
