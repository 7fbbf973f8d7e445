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
  projects: [
    { ...shared, displayName: "tests", testMatch: ["**/*.test.ts"], testPathIgnorePatterns: ["/node_modules/", "/test/addin/functions/"] },
    { ...shared, displayName: "functions, blank cell = null", testMatch: [`${FUNCTIONS}**/*.test.ts`], globals: { TIERLINE_BLANK_CELL: "null" } },
    { ...shared, displayName: "functions, blank cell = 0", testMatch: [`${FUNCTIONS}**/*.test.ts`], globals: { TIERLINE_BLANK_CELL: "zero" } },
  ],
};
