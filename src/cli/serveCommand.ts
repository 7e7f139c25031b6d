/**
 * `deepunhide serve`: the explorer page and its JSON API over a model folder, until Ctrl-C.
 */

import { loadExplorerModel } from "../serve/explorerModel.js";
import { type RunningExplorer, startExplorer } from "../serve/explorerServer.js";
import { isLoopbackHost, resolveServeConfig } from "../serve/serveConfig.js";

/** Options of {@link serveCommand}, as parsed from the command line. */
export interface ServeCommandOptions {
  /** Model folder written by `deepunhide run`. */
  readonly model: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Print `{ url, host, port, model }` as one JSON line instead of the text line. */
  readonly json: boolean;
}

/**
 * Loads the model, starts the server, prints its URL, and stops cleanly on SIGINT or SIGTERM.
 * Binding a non-loopback host works but prints a warning: the model and its users' data
 * become reachable from the network.
 * @throws ModelFormatError for a missing or broken model folder; ConfigError for a bad port.
 */
export async function serveCommand(options: ServeCommandOptions): Promise<RunningExplorer> {
  const config = resolveServeConfig({ host: options.host, port: options.port });
  const explorer = await loadExplorerModel(options.model);
  if (!isLoopbackHost(config.host)) {
    process.stderr.write(
      `deepunhide serve: warning: listening on ${config.host}, not a loopback address: anyone who can reach this machine can read the model and its users' recommendations. That is your explicit choice; the default is 127.0.0.1.\n`,
    );
  }
  const running = await startExplorer(explorer, config);
  // Handlers before the address: until Node installs its own SIGINT handler the default
  // action kills the process, and a caller may signal as soon as it reads the address.
  const stop = () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    void running.close().then(() => {
      if (!options.json) process.stderr.write("deepunhide explorer: stopped\n");
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const line = options.json
    ? JSON.stringify({
        url: running.url,
        host: config.host,
        port: running.config.port,
        model: explorer.dir,
      })
    : `deepunhide explorer: ${running.url} (model ${explorer.dir}; Ctrl-C to stop)`;
  process.stdout.write(`${line}\n`);
  return running;
}
