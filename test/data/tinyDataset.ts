import { createIdMap, type Dataset } from "../../src/data/dataset.js";

/** Users 1..n with the given genders and ages, one item and no ratings: enough for group rules. */
export function tinyDataset(genders: string[], ages: number[]): Dataset {
  const ids = genders.map((_, i) => String(i + 1));
  return {
    name: "tiny",
    users: createIdMap(ids),
    items: createIdMap(["a"]),
    ratings: { user: new Int32Array(0), item: new Int32Array(0), value: new Float32Array(0) },
    ratingScale: { min: 1, max: 5 },
    userAttributes: {
      gender: { kind: "categorical", values: genders },
      age: { kind: "numeric", values: Float64Array.from(ages) },
    },
    itemAttributes: {},
    sources: [],
  };
}
