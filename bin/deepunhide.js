#!/usr/bin/env node
// Runs the compiled CLI (npm install/ci builds dist/ through the "prepare" script).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    "deepunhide: dist/ is missing; run `npm run build` (npm ci does it for you).\n",
  );
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
