import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The ml-100k folder under $DEEPUNHIDE_DATA (default ../shared/data), if its files are there. */
export function findMovieLens(): string | undefined {
  const dir = join(process.env.DEEPUNHIDE_DATA ?? resolve("../shared/data"), "ml-100k");
  return existsSync(join(dir, "u.data")) ? dir : undefined;
}
