/**
 * The team deployment (Dockerfile, compose.yaml, deploy/nginx.conf) kept in
 * step with the code without Docker: the image runs what `npm run
 * service:prod` runs, every variable compose sets is one the service reads,
 * and the proxy's round robin names every service instance compose starts.
 */
import fs from "node:fs";
import path from "node:path";
import { configSchema } from "../../service/src/config";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

test("the image's command is the production start script", () => {
  const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
  const cmd = /^CMD (\[.*\])$/m.exec(read("Dockerfile"));
  expect(cmd).not.toBeNull();
  expect((JSON.parse(cmd![1]) as string[]).join(" ")).toBe(scripts["service:prod"]);
});

test("every variable compose gives the service is one the service reads, and the store is PostgreSQL", () => {
  const compose = read("compose.yaml");
  const block = /x-service: &service\n([\s\S]*?)\n\S/.exec(compose)![1];
  const environment = /environment:\n((?: {4}.*\n?)+)/.exec(block)![1];
  const names = [...environment.matchAll(/^ {4}([A-Z_]+):/gm)].map((m) => m[1]);
  const shape = Object.keys(configSchema.shape);
  expect(names.length).toBeGreaterThan(3);
  expect(names.filter((n) => !shape.includes(n))).toEqual([]);
  expect(environment).toMatch(/DATABASE_URL: postgres:\/\//);
});

test("the proxy balances over every service instance compose starts", () => {
  const instances = [...read("compose.yaml").matchAll(/^ {2}(service-[a-z0-9]+): \*service$/gm)].map((m) => m[1]);
  expect(instances.length).toBeGreaterThanOrEqual(2);
  const upstream = /upstream tierline \{([\s\S]*?)\}/.exec(read("deploy/nginx.conf"))![1];
  expect([...upstream.matchAll(/server ([a-z0-9-]+):3001;/g)].map((m) => m[1]).sort()).toEqual(instances.sort());
});
