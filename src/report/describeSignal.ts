/**
 * How strong a classifier's signal is, judged on AUC and on the distance of accuracy from
 * the majority floor, in plain words. Accuracy alone flatters an imbalanced split.
 */
export function describeSignal(quality: {
  readonly accuracy: number;
  readonly majorityFloor: number;
  readonly auc: number;
}): string {
  const lift = quality.accuracy - quality.majorityFloor;
  if (!(quality.auc >= 0.6)) return "weak: barely better than chance";
  if (lift < 0.03) return "weak: accuracy is close to always guessing the majority";
  if (quality.auc < 0.75) return "moderate";
  return "clear";
}
