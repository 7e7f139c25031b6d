// Copies what `tsc` does not emit from src/ to dist/ after the build: the committed
// WebAssembly kernels (dist/nn/wasmKernel.js loads ./wasm/mlnKernel.wasm next to itself, and
// dist/mf/wasmSgd.js ./wasm/pmfKernel.wasm) and the explorer page (dist/serve/staticFiles.js
// serves ./assets/ next to itself).
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const asset of ["nn/wasm/mlnKernel.wasm", "mf/wasm/pmfKernel.wasm", "serve/assets"]) {
  const target = join(root, "dist", asset);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "src", asset), target, { recursive: true });
}
