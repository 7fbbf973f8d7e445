// Builds the add-in into dist/, as in Microsoft's shared-runtime custom-functions template:
//   functions.js   the TIER.* adapters, with the CustomFunctions.associate calls the metadata plugin appends
//   functions.json metadata generated from the @customfunction JSDoc
//   functions-worker.js  the web worker that computes the heavy TIER.* functions off the pane's thread
//   taskpane.html  the shared-runtime page (manifest Taskpane.Url); it loads office.js from the Office CDN,
//                  then functions.js and taskpane.js
//   auth-redirect.html  where the Microsoft sign-in popup returns (addin/src/auth/redirectBridge.ts)
//   functions.html the function reference (docs/functions.md), the target of every function's helpUrl
//   assets/        ribbon and manifest icons
// `webpack --mode production|development`; `webpack serve --mode development` for the dev server.
// TIERLINE_ADDIN_URL (default https://localhost:3000) is the origin the add-in is served from: the
// helpUrls in functions.json are rewritten to it.
const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const root = __dirname;
const functionsEntry = path.resolve(root, "addin/src/functions/functions.ts");
// Every family of TIER.* functions lives in its own addin/src/functions/*Functions.ts; the entry imports them all.
const functionsDir = path.dirname(functionsEntry);
const functionFiles = fs
  .readdirSync(functionsDir)
  .filter((name) => name.endsWith("Functions.ts"))
  .sort()
  .map((name) => path.join(functionsDir, name));
// Always Microsoft's CDN, never a copy: inside Office, office.js loads host files (excel-win32-16.01.js,
// excel-web-16.00.js, locale strings, …) from the folder it came from, and AppSource requires the CDN.
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const { addinOrigin, renderFunctionsPage, rewriteHelpUrls } = require("./scripts/lib/functionsPage");

function devServerPort() {
  const fromNpm = Number(process.env.npm_package_config_dev_server_port);
  if (Number.isInteger(fromNpm) && fromNpm > 0) return fromNpm;
  const fromPackage = Number(require("./package.json").config?.dev_server_port);
  return Number.isInteger(fromPackage) && fromPackage > 0 ? fromPackage : 3000;
}

/** Directory of an installed package, or undefined (optional packages are not dependencies yet). */
function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [root] }));
  } catch {
    return undefined;
  }
}

/**
 * HTTPS options for the dev server: office-addin-dev-certs when installed, else the files its
 * `install` command leaves in ~/.office-addin-dev-certs (getHttpsServerOptions() throws when it
 * cannot trust the CA system-wide), else undefined (plain HTTP, which Office will refuse).
 */
async function httpsOptions() {
  if (packageDir("office-addin-dev-certs")) {
    try {
      const { ca, key, cert } = await require("office-addin-dev-certs").getHttpsServerOptions();
      return { ca, key, cert };
    } catch (error) {
      console.warn(`office-addin-dev-certs: ${error instanceof Error ? error.message : error}`);
    }
  }
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", key: "localhost.key", cert: "localhost.crt" };
  if (Object.values(files).every((file) => fs.existsSync(path.join(dir, file)))) {
    return Object.fromEntries(Object.entries(files).map(([k, file]) => [k, fs.readFileSync(path.join(dir, file))]));
  }
  console.warn("No dev certificates (run `npx office-addin-dev-certs install`): serving plain HTTP, which Office will not load.");
  return undefined;
}

/**
 * Emits functions.html from docs/functions.md and moves the functions' helpUrls
 * (written against https://localhost:3000) to the add-in's origin.
 */
class FunctionsReferencePlugin {
  constructor({ markdownFile, origin, Marked }) {
    Object.assign(this, { markdownFile, origin, Marked });
  }

  apply(compiler) {
    const { sources, Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsReferencePlugin", (compilation) => {
      compilation.fileDependencies.add(this.markdownFile);
      compilation.hooks.processAssets.tap({ name: "FunctionsReferencePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const page = renderFunctionsPage(fs.readFileSync(this.markdownFile, "utf8"), this.Marked);
        compilation.emitAsset("functions.html", new sources.RawSource(page));
        const metadata = compilation.getAsset("functions.json");
        if (metadata) compilation.updateAsset("functions.json", new sources.RawSource(rewriteHelpUrls(metadata.source.source().toString(), this.origin)));
      });
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || (env.WEBPACK_SERVE ? "development" : "production");
  const origin = addinOrigin(process.env.TIERLINE_ADDIN_URL);
  const { Marked } = await import("marked");

  const copyPatterns = [{ from: path.resolve(root, "addin/assets"), to: "assets" }];

  const config = {
    mode,
    context: root,
    target: "web",
    devtool: "source-map",
    entry: {
      // Order matters: the pane page runs functions.js before taskpane.js.
      functions: functionsEntry,
      taskpane: path.resolve(root, "addin/src/taskpane/taskpane.tsx"),
      // Web worker for the heavy TIER.* functions; functions.js starts it from its own folder (workerPool.ts).
      "functions-worker": path.resolve(root, "addin/src/functions/functionsWorker.ts"),
      // The page MSAL's sign-in popup returns to: it hands the answer to the pane and nothing else.
      "auth-redirect": path.resolve(root, "addin/src/auth/redirectBridge.ts"),
    },
    output: {
      // TIERLINE_DIST lets parallel builds (and their tests) use their own folder.
      path: process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.resolve(root, "dist"),
      filename: "[name].js",
      // Classic scripts that only touch `globalThis`: functions.js must also run where the only
      // global Office gives it is `CustomFunctions` (no window/document).
      globalObject: "globalThis",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      // A misspelt import is a build error, not an `undefined` that surfaces as #VALUE! in Excel.
      parser: { javascript: { exportsPresence: "error" } },
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type-checking is `tsc --noEmit`'s job. ES modules (tsconfig says commonjs, for jest/tsx)
            // let webpack hoist and tree-shake.
            options: { transpileOnly: true, compilerOptions: { module: "esnext", jsx: "react-jsx" } },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionFiles }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: path.resolve(root, "addin/src/taskpane/taskpane.html"),
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        officeJsUrl: officeJsCdn,
      }),
      new HtmlWebpackPlugin({
        filename: "auth-redirect.html",
        templateContent: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tierline sign-in</title></head><body>Signing in to Tierline…</body></html>',
        chunks: ["auth-redirect"],
      }),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
      new FunctionsReferencePlugin({ markdownFile: path.resolve(root, "docs/functions.md"), origin, Marked }),
    ],
    performance: { hints: false },
    devServer: {
      host: "localhost",
      port: devServerPort(),
      static: false, // everything served is emitted by this build
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };

  if (env.WEBPACK_SERVE) {
    const options = await httpsOptions();
    config.devServer.server = options ? { type: "https", options } : { type: "http" };
  }
  return config;
};
