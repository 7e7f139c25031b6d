// Runs the CLI from source (for tests and development): `node --import tsx test/cli/runCli.ts run …`.
import { main } from "../../src/cli/main.js";

await main(process.argv);
