/**
 * One error class per kind of failure, so the CLI can print one clear line for user mistakes
 * and reserve stack traces for bugs.
 */

/** Where in a file a problem was found. Line numbers are 1-based. */
export interface FileLocation {
  /** Path of the offending file, as the user gave it (or the name inside an archive). */
  file: string;
  /** 1-based line number, when the problem is tied to one line. */
  line?: number;
  /** Name of the field (column) that is wrong, when the problem is tied to one field. */
  field?: string;
}

/** Base class of every error this package throws on purpose. */
export class DeepUnhideError extends Error {
  override name = "DeepUnhideError";
}

/** An input file does not have the expected format. Names the file, line and field. */
export class DataFormatError extends DeepUnhideError {
  override name = "DataFormatError";
  /** The offending file. */
  readonly file: string;
  /** 1-based line number, if known. */
  readonly line: number | undefined;
  /** Offending field, if known. */
  readonly field: string | undefined;
  /** What was wrong, without the location prefix. */
  readonly reason: string;

  constructor(location: FileLocation, reason: string) {
    const where = [
      location.file,
      location.line !== undefined ? `line ${location.line}` : undefined,
      location.field !== undefined ? `field "${location.field}"` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(", ");
    super(`${where}: ${reason}`);
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
    this.reason = reason;
  }
}

/** A configuration value (option, hyper-parameter, group rule) is invalid. */
export class ConfigError extends DeepUnhideError {
  override name = "ConfigError";
}

/** A saved model folder is missing a file, is corrupt, or does not match what was expected. */
export class ModelFormatError extends DeepUnhideError {
  override name = "ModelFormatError";
}

/** Training went wrong numerically (e.g. a diverging learning rate). */
export class TrainingError extends DeepUnhideError {
  override name = "TrainingError";
}

/** A dataset could not be obtained (not found locally, download failed, checksum mismatch). */
export class DownloadError extends DeepUnhideError {
  override name = "DownloadError";
}

/**
 * A request to the explorer's HTTP API is invalid (unknown id, bad parameter, body too
 * large). Carries the HTTP status (4xx) the server answers with; the message is safe to show.
 */
export class RequestError extends DeepUnhideError {
  override name = "RequestError";
  /** HTTP status code, 400–499. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
