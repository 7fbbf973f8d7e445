// Lint: typescript-eslint's recommended rules everywhere, the Office rules
// (sync before read, no context.sync in a loop…) on the add-in, and the layer
// boundaries: shared/ is pure (no service/, no addin/, no I/O), the add-in
// never reaches into the service's code, only addin/src/excel/ runs Excel.run,
// and only the service's store/ writes raw SQL.
// The panes get react-hooks' recommended set, React Compiler rules included
// (they pass on this code), and a missing effect dependency is an error, not a
// warning: it is a stale closure.
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["dist/**", "build/**", "node_modules/**", "coverage/**", "bench/results/**", "data/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    files: ["addin/**/*.ts", "addin/**/*.tsx"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
    },
  },
  {
    files: ["addin/**/*.ts", "addin/**/*.tsx"],
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/service/**", "**/addin/**"], message: "shared/ is the pure domain library: it imports nothing from service/ or addin/." },
            {
              group: ["fs", "node:fs", "fs/*", "node:fs/*", "http", "node:http", "https", "node:https", "net", "node:net", "child_process", "node:child_process", "pg", "better-sqlite3", "express", "kysely"],
              message: "shared/ does no I/O: pass data in, return data out.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["addin/**/*.ts", "addin/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/service/**"], message: "The add-in talks to the service over HTTP (addin/src/api), never through its code." }] }],
    },
  },
  {
    files: ["addin/**/*.ts", "addin/**/*.tsx"],
    ignores: ["addin/src/excel/**"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "MemberExpression[object.name='Excel'][property.name='run']", message: "Excel.run lives in addin/src/excel/ only: take a function from there." }],
    },
  },
  {
    files: ["service/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    ignores: ["service/src/store/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "kysely", importNames: ["sql"], message: "Raw SQL lives in service/src/store/ only: call (or add) a loader there." }] }],
    },
  },
  {
    files: ["service/src/store/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/useCases/**", "**/http/**"], message: "The store is the bottom layer: use cases call it, never the other way round." }] }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
