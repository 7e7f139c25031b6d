/** Every fuzz target, in the order `npm run fuzz` runs them. */

import type { FuzzTarget } from "../fuzzTarget.js";
import { cliArgumentsTarget } from "./cliArguments.js";
import { delimitedTarget } from "./delimited.js";
import { factorFilesTarget } from "./factorFiles.js";
import { groupRuleTarget } from "./groupRule.js";
import { ml1mTarget } from "./ml1m.js";
import { ml100kTarget } from "./ml100k.js";
import { modelFolderTarget } from "./modelFolder.js";
import { myAnimeListTarget } from "./myAnimeList.js";
import { npyTarget } from "./npy.js";

/** The targets by name. */
export const FUZZ_TARGETS: readonly FuzzTarget<never>[] = [
  ml100kTarget,
  ml1mTarget,
  myAnimeListTarget,
  delimitedTarget,
  groupRuleTarget,
  npyTarget,
  modelFolderTarget,
  cliArgumentsTarget,
  factorFilesTarget,
] as unknown as FuzzTarget<never>[];
