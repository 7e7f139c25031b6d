import { readFileSync } from "node:fs";
import { computeVerdict } from "../../src/report/verdict.js";
const doc = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const metric of ["accuracy", "balancedAccuracy"] as const) {
  const v = computeVerdict(doc, metric);
  console.log(JSON.stringify(v.signal, null, 1));
  console.log(v.overall.join("\n"));
  for (const g of v.groups) console.log("-", (g as unknown as { sentence: string }).sentence ?? JSON.stringify(g).slice(0, 300));
}
