/** Any delimited ratings file with its user attribute file, delimiter and header detected. */

import { join } from "node:path";
import { loadDelimitedDataset } from "../../src/data/delimitedRatings.js";
import { utf8 } from "../mutations.js";
import { fileSetTarget } from "./fileSet.js";

const ratings = ["user,item,rating"];
for (let u = 1; u <= 8; u++) {
  for (let i = 1; i <= 6; i++)
    if ((u * 7 + i * 3) % 4 !== 0) ratings.push(`u${u},i${i},${1 + ((u + i) % 5)}`);
}
const users = [
  "user,gender,age",
  ...Array.from({ length: 8 }, (_, u) => `u${u + 1},${u % 3 === 0 ? "F" : "M"},${20 + u * 6}`),
];

/** loadDelimitedDataset with detected delimiter and header, one of the two files mutated. */
export const delimitedTarget = fileSetTarget({
  name: "delimited",
  reader: "generic delimited ratings + user attribute files (loadDelimitedDataset)",
  files: {
    "ratings.csv": utf8(`${ratings.join("\n")}\n`),
    "users.csv": utf8(`${users.join("\n")}\n`),
  },
  load: (dir) =>
    loadDelimitedDataset({
      ratingsFile: join(dir, "ratings.csv"),
      userAttributesFile: join(dir, "users.csv"),
    }),
});
