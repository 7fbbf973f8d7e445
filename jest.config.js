/**
 * Three projects: everything but the worksheet functions once, and the
 * worksheet-function suites (test/addin/functions) twice, once per way Excel
 * hands a custom function an empty cell: `null` on the web and current
 * desktop builds, `0` on older desktop builds (office-js#4702). Tests write a
 * blank cell as BLANK (test/addin/functions/loadBuiltFunctions.ts), which the
 * project's `globals.TIERLINE_BLANK_CELL` turns into null or 0; an omitted
 * argument stays null in both.
 */
const shared = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  setupFiles: ["<rootDir>/test/setup/customFunctionsStub.ts"],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
};

const FUNCTIONS = "<rootDir>/test/addin/functions/";

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker per core less one: a single worker on the 2-core CI machine. Most suites wait on
  // PostgreSQL, Chromium or child processes rather than compute, so one worker per core measured 657 s of tests
  // where one worker took 1,714 s (same suites, 2026-12-04).
  maxWorkers: "100%",
  projects: [
    { ...shared, displayName: "tests", testMatch: ["**/*.test.ts"], testPathIgnorePatterns: ["/node_modules/", "/test/addin/functions/"] },
    { ...shared, displayName: "functions, blank cell = null", testMatch: [`${FUNCTIONS}**/*.test.ts`], globals: { TIERLINE_BLANK_CELL: "null" } },
    { ...shared, displayName: "functions, blank cell = 0", testMatch: [`${FUNCTIONS}**/*.test.ts`], globals: { TIERLINE_BLANK_CELL: "zero" } },
  ],
};
