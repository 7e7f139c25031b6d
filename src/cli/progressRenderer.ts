import cliProgress from "cli-progress";
import type { ProgressEvent, ProgressSink } from "../pipeline/progress.js";

/** How progress is shown on the terminal. */
export type ProgressMode = "bar" | "lines" | "quiet";

/** Picks the mode: a bar on a TTY, quiet lines otherwise, nothing when asked. */
export function chooseProgressMode(stream: NodeJS.WriteStream, quiet: boolean): ProgressMode {
  if (quiet) return "quiet";
  return stream.isTTY ? "bar" : "lines";
}

/**
 * A progress sink that draws to `stream` (stderr, so stdout stays clean for `--json`).
 * Call `stop()` when done so the last bar is finished.
 */
export function createProgressRenderer(
  stream: NodeJS.WriteStream,
  mode: ProgressMode,
): { sink: ProgressSink; stop: () => void; info: (message: string) => void } {
  let bar: cliProgress.SingleBar | undefined;
  let barStage = "";
  const stopBar = () => {
    bar?.stop();
    bar = undefined;
  };
  const info = (message: string) => {
    if (mode === "quiet") return;
    stopBar();
    stream.write(`${message}\n`);
  };
  const sink: ProgressSink = (event: ProgressEvent) => {
    if (mode === "quiet") return;
    if (event.type === "stage") {
      info(`· ${event.message}`);
      return;
    }
    if (event.type === "warning") {
      info(`! ${event.message}`);
      return;
    }
    // Steps are drawn only on a TTY; in logs the stage lines are enough.
    if (mode !== "bar" || event.total <= 0) return;
    if (bar === undefined || barStage !== event.stage) {
      stopBar();
      barStage = event.stage;
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `  ${event.stage} [{bar}] {value}/{total} {detail}`,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(event.total, 0, { detail: "" });
    }
    bar.update(event.done, { detail: event.detail ?? "" });
  };
  return { sink, stop: stopBar, info };
}

/** A download progress callback drawing a byte bar (or a few lines off a TTY). */
export function createDownloadProgress(
  stream: NodeJS.WriteStream,
  mode: ProgressMode,
): (received: number, total: number | undefined) => void {
  let bar: cliProgress.SingleBar | undefined;
  let lastLogged = -1;
  return (received, total) => {
    if (mode === "quiet") return;
    const done = total !== undefined && received >= total;
    if (mode === "lines") {
      const decile = total ? Math.floor((10 * received) / total) : -1;
      if (decile !== lastLogged && total) {
        lastLogged = decile;
        stream.write(
          `  download ${(received / 1e6).toFixed(1)} / ${(total / 1e6).toFixed(1)} MB\n`,
        );
      }
      return;
    }
    if (bar === undefined) {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: "  download [{bar}] {percentage}% {value}/{total} bytes",
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total ?? 0, 0);
    }
    bar.update(received);
    if (done) {
      bar.stop();
      bar = undefined;
    }
  };
}
