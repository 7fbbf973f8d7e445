import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { spawnSync } from "node:child_process";
import express from "express";

export interface HttpsCredentials {
  key: Buffer | string;
  cert: Buffer | string;
  ca?: Buffer | string;
}

export interface PaneServer {
  url: string;
  origin: string;
  /** what tierline-config.json tells the panes; settable once the service is up */
  config: { serviceUrl: string | undefined };
  close(): Promise<void>;
}

/**
 * Serves the built add-in (dist/) and `tierline-config.json`, which tells the
 * panes where the service is when the planner has saved nothing yet.
 * HTTPS when credentials are given (Office loads add-ins over HTTPS only).
 */
export async function startPaneServer(options: { distDir: string; port: number; host?: string; credentials?: HttpsCredentials; serviceUrl?: string }): Promise<PaneServer> {
  if (!fs.existsSync(path.join(options.distDir, "taskpane.html"))) throw new Error(`${options.distDir} has no taskpane.html: build the add-in first (npm run build)`);
  const config = { serviceUrl: options.serviceUrl };
  const app = express();
  app.disable("x-powered-by");
  app.get("/tierline-config.json", (_req, res) => {
    res.set("Cache-Control", "no-store").json(config);
  });
  app.get("/", (_req, res) => res.redirect("/taskpane.html"));
  app.use(express.static(options.distDir, { index: false, setHeaders: (res, file) => file.endsWith(".html") && res.setHeader("Cache-Control", "no-cache") }));
  const server = options.credentials ? https.createServer(options.credentials, app) : http.createServer(app);
  const host = options.host ?? "localhost";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${options.credentials ? "https" : "http"}://localhost:${port}`;
  return {
    url: `${origin}/taskpane.html`,
    origin,
    config,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Certificates for https://localhost: office-addin-dev-certs when it can trust
 * its CA; else the files its `install` leaves in ~/.office-addin-dev-certs
 * (here it cannot write the system store, and getHttpsServerOptions throws);
 * running `install` first when they are missing. Undefined when none can be had.
 */
export async function devCertificates(repoRoot: string, log: (line: string) => void = console.warn): Promise<HttpsCredentials | undefined> {
  try {
    const certs = (await import("office-addin-dev-certs")) as { getHttpsServerOptions(): Promise<HttpsCredentials> };
    return await certs.getHttpsServerOptions();
  } catch (error) {
    log(`office-addin-dev-certs could not provide trusted certificates (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); using the generated files.`);
  }
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: path.join(dir, "ca.crt"), key: path.join(dir, "localhost.key"), cert: path.join(dir, "localhost.crt") };
  const present = () => Object.values(files).every((f) => fs.existsSync(f));
  if (!present()) {
    const cli = path.join(repoRoot, "node_modules/office-addin-dev-certs/cli.js");
    spawnSync(process.execPath, [cli, "install", "--days", "30"], { cwd: repoRoot, stdio: "ignore", timeout: 60_000 });
  }
  if (!present()) return undefined;
  return { ca: fs.readFileSync(files.ca), key: fs.readFileSync(files.key), cert: fs.readFileSync(files.cert) };
}
