import { readFileSync } from "node:fs";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
};

/** This package's name, from package.json. */
export const PACKAGE_NAME: string = manifest.name;
/** This package's version, from package.json. */
export const PACKAGE_VERSION: string = manifest.version;
