/** MyAnimeList's three CSVs in the Kaggle layout. */

import { loadMyAnimeList } from "../../src/data/myAnimeList.js";
import { malFixtureTexts } from "../../test/data/malFixture.js";
import { utf8 } from "../mutations.js";
import { fileSetTarget } from "./fileSet.js";

const files = Object.fromEntries(
  Object.entries(malFixtureTexts()).map(([name, text]) => [name, utf8(text)]),
);

/** loadMyAnimeList on the test fixture, one CSV mutated per case. */
export const myAnimeListTarget = fileSetTarget({
  name: "myanimelist",
  reader: "MyAnimeList CSVs (users_cleaned, animelists_cleaned, anime_cleaned)",
  files,
  load: (dir) => loadMyAnimeList(dir),
});
