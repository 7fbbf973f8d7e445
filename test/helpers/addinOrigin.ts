/**
 * The production shape of the deployment for tests: the real service on port 0 over HTTPS (a
 * throw-away self-signed certificate for localhost and 127.0.0.1, made with openssl), serving the
 * built add-in (dist/ of `npm test`, or TIERLINE_DIST) beside /api/v1.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { startTestService, type TestService } from "../service/harness";

const repoRoot = path.resolve(__dirname, "../..");
export const distDir = process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.join(repoRoot, "dist");

export interface AddinOrigin {
  service: TestService;
  /** https://127.0.0.1:<port> */
  origin: string;
  /** the certificate, to trust it in Node clients */
  ca: Buffer;
  close(): Promise<void>;
}

export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  const result = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`openssl could not make a test certificate: ${result.error?.message ?? result.stderr}`);
  return { cert, key };
}

export async function startAddinOrigin(env: Record<string, string> = {}): Promise<AddinOrigin> {
  if (!fs.existsSync(path.join(distDir, "taskpane.html"))) throw new Error(`${distDir} has no build: run npm run build (npm test does) first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-tls-"));
  const { cert, key } = selfSignedCertificate(dir);
  const service = await startTestService("sqlite", { env: { ADDIN_DIST: distDir, TLS_CERT_FILE: cert, TLS_KEY_FILE: key, ...env } });
  return {
    service,
    origin: service.url,
    ca: fs.readFileSync(cert),
    async close() {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** One HTTPS GET that trusts only the test certificate. */
export function get(origin: AddinOrigin, pathAndQuery: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.get(`${origin.origin}${pathAndQuery}`, { ca: origin.ca, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString("utf8") });
      });
    });
    req.on("error", reject);
  });
}
