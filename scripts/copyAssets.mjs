// Copies the committed WebAssembly binaries from src/ to dist/ after `tsc` (which only
// emits .js/.d.ts): dist/nn/wasmKernel.js loads ./wasm/mlnKernel.wasm next to itself, and
// dist/mf/wasmSgd.js ./wasm/pmfKernel.wasm.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const asset of ["nn/wasm/mlnKernel.wasm", "mf/wasm/pmfKernel.wasm"]) {
  const target = join(root, "dist", asset);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(root, "src", asset), target);
}
