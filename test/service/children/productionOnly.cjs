/**
 * Preloaded (`node --require`) into the compiled service under test; worker threads inherit the
 * preload, so it covers them too. Loading any file of a package a production install leaves out
 * (package-lock.json marks it "dev": true; `npm ci --omit=dev` skips it) fails with
 * MODULE_NOT_FOUND, as it would there. The test machine has every development package installed,
 * tsx included: without this, a compiled worker that still reached for tsx would pass here and
 * fail in production.
 */
const Module = require("node:module");
const path = require("node:path");

const root = path.resolve(__dirname, "../../..");
const { packages } = require(path.join(root, "package-lock.json"));
const devOnly = Object.entries(packages)
  .filter(([at, meta]) => at !== "" && meta.dev === true)
  .map(([at]) => path.join(root, at) + path.sep);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const file = resolveFilename.call(this, request, ...rest);
  const dev = devOnly.find((dir) => file.startsWith(dir));
  if (dev) {
    const error = new Error(`Cannot find module '${request}': ${path.relative(root, dev)} is a development dependency, which a production install (npm ci --omit=dev) leaves out`);
    error.code = "MODULE_NOT_FOUND";
    throw error;
  }
  return file;
};
