import type { Ratings } from "../../src/data/dataset.js";
import { createRng } from "../../src/util/rng.js";

/**
 * Test fixture: ratings r_ui = 3 + a_u · b_i + noise from a planted rank-`rank` model,
 * observed on a random `density` share of the user × item grid.
 */
export function plantedRatings(
  userCount: number,
  itemCount: number,
  rank: number,
  density: number,
  noise: number,
  seed: number,
): Ratings {
  const rng = createRng(seed);
  const a = Float64Array.from({ length: userCount * rank }, () => rng.normal());
  const b = Float64Array.from({ length: itemCount * rank }, () => rng.normal());
  const user: number[] = [];
  const item: number[] = [];
  const value: number[] = [];
  for (let u = 0; u < userCount; u++) {
    for (let i = 0; i < itemCount; i++) {
      if (rng.next() >= density) continue;
      let dot = 0;
      for (let j = 0; j < rank; j++) dot += a[u * rank + j] * b[i * rank + j];
      user.push(u);
      item.push(i);
      value.push(3 + dot + noise * rng.normal());
    }
  }
  return {
    user: Int32Array.from(user),
    item: Int32Array.from(item),
    value: Float32Array.from(value),
  };
}
