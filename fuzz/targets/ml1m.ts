/** MovieLens 1M's three `.dat` files. */

import { loadMovieLens1m } from "../../src/data/movielens1m.js";
import { ml1mFixtureFiles } from "../../test/data/ml1mFixture.js";
import { fileSetTarget } from "./fileSet.js";

/** loadMovieLens1m on the test fixture, one file mutated per case. */
export const ml1mTarget = fileSetTarget({
  name: "ml-1m",
  reader: "MovieLens 1M files (ratings.dat, users.dat, movies.dat)",
  files: ml1mFixtureFiles(),
  load: loadMovieLens1m,
});
