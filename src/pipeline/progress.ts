/**
 * Progress events from long-running stages. The pipeline emits them; the CLI decides how to
 * show them (a bar on a TTY, quiet lines otherwise, nothing with --quiet).
 */

/** One progress event. */
export type ProgressEvent =
  | { readonly type: "stage"; readonly stage: string; readonly message: string }
  | {
      readonly type: "step";
      readonly stage: string;
      readonly done: number;
      readonly total: number;
      readonly detail?: string;
    }
  | { readonly type: "warning"; readonly stage: string; readonly message: string };

/** Receives progress events. */
export type ProgressSink = (event: ProgressEvent) => void;

/** A sink that ignores everything. */
export const silentProgress: ProgressSink = () => {};
