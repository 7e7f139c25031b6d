import { ConfigError } from "../errors.js";
import { withDefaults } from "../util/defaults.js";

/** Settings of the explorer server (`deepunhide serve`). */
export interface ServeConfig {
  /** Interface to bind. Loopback by default: anything else exposes the model to the network. */
  readonly host: string;
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Largest accepted request body, in bytes (POST /api/group); more is answered 413. */
  readonly maxBodyBytes: number;
  /** Longest accepted request target (path + query string), in characters; more is 414. */
  readonly maxUrlLength: number;
  /** Most members of a group in /api/group. */
  readonly maxGroupSize: number;
  /** Users in the fixed sample that /api/fairness measures (evenly spaced over the users). */
  readonly fairnessSampleUsers: number;
}

/** Defaults of {@link ServeConfig}. */
export const DEFAULT_SERVE_CONFIG: ServeConfig = Object.freeze({
  host: "127.0.0.1",
  port: 8080,
  maxBodyBytes: 16 * 1024,
  maxUrlLength: 2048,
  maxGroupSize: 50,
  fairnessSampleUsers: 100,
});

/**
 * {@link DEFAULT_SERVE_CONFIG} overridden by `partial`, checked.
 * @throws ConfigError for a port outside 0…65535, an empty host or a non-positive limit.
 */
export function resolveServeConfig(partial: Partial<ServeConfig> = {}): ServeConfig {
  const config = withDefaults(DEFAULT_SERVE_CONFIG, partial);
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new ConfigError(`port must be an integer in 0…65535, got ${config.port}`);
  }
  if (typeof config.host !== "string" || config.host.trim() === "") {
    throw new ConfigError("host must be a non-empty interface name or address");
  }
  for (const key of [
    "maxBodyBytes",
    "maxUrlLength",
    "maxGroupSize",
    "fairnessSampleUsers",
  ] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) {
      throw new ConfigError(`${key} must be a positive integer, got ${config[key]}`);
    }
  }
  return config;
}

/** Whether `host` names a loopback interface (reachable from this machine only). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
