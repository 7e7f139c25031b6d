/** Every fuzz target, in the order `npm run fuzz` runs them. */

import type { FuzzTarget } from "../fuzzTarget.js";
import { cliArgumentsTarget } from "./cliArguments.js";
import { ml100kTarget } from "./ml100k.js";
import { modelFolderTarget } from "./modelFolder.js";
import { npyTarget } from "./npy.js";

/** The targets by name. */
export const FUZZ_TARGETS: readonly FuzzTarget<never>[] = [
  ml100kTarget,
  npyTarget,
  modelFolderTarget,
  cliArgumentsTarget,
] as unknown as FuzzTarget<never>[];
