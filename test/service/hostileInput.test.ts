/**
 * A hostile-input corpus against every route of the route table, on both
 * stores: wrong types, huge and overflowing numbers, NaN-ish strings, NUL and
 * control characters, deep nesting, huge arrays within the body limit,
 * malformed JSON, malformed multipart, wrong content types, unknown and
 * repeated query parameters, hostile path segments. Every answer must be a
 * 2xx or a 4xx problem+json, never a 5xx, and the service must stay up.
 *
 * PENDING_DB_SIDE lists 5xx that are known and waiting for a store fix,
 * recognised by the logged error and printed, never skipped silently. It is
 * empty: NUL in text and integers ≥ 2³¹ on PostgreSQL are 4xx since the stores
 * were fixed for them.
 *
 * The corpus is a fixed list (plus a seeded fast-check sample), so a run is
 * reproducible and bounded: about two thousand requests per store.
 */
import fc from "fast-check";
import pino from "pino";
import { Writable } from "node:stream";
import { computeBodySchemas, computeEngineSchema } from "../../shared/src/api";
import { STORES, startTestService, type Store, type TestService } from "./harness";

jest.setTimeout(170_000);

/** 5xx the database-side branch fixes, recognised by the logged error message. Remove each once that branch is merged. */
const PENDING_DB_SIDE: Array<{ name: string; store: Store | "any"; logged: RegExp }> = [];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function nested(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Values for any field: every one is wrong somewhere. */
const VALUES: Array<[string, Json]> = [
  ["null", null],
  ["true", true],
  ["text", "x"],
  ["empty text", ""],
  ["blank text", "   "],
  ["empty object", {}],
  ["empty list", []],
  ["NUL", "a\u0000b"],
  ["control characters", "\u0001\u0007\u001b[31m\u007f\u2028"],
  ["bidi and BOM", "\u202eevil\ufeff"],
  ["long text", "A".repeat(20_000)],
  ["'NaN'", "NaN"],
  ["'Infinity'", "Infinity"],
  ["'1e309'", "1e309"],
  ["'-0'", "-0"],
  ["'0x10'", "0x10"],
  ["1e308", 1e308],
  ["-1", -1],
  ["0", 0],
  ["0.5", 0.5],
  ["2^31", 2 ** 31],
  ["2^53 + 2", 2 ** 53 + 2],
  ["-2^63", -(2 ** 63)],
  ["5e-324", 5e-324],
  ["list of nasties", ["\u0000", "", " ", -1, null]],
  ["deep nesting", nested(2_000)],
  ["SQL", "'; DROP TABLE entities; --"],
];
/** The ones tried in each documented field (the whole list is tried as whole bodies): bounds the run. */
const FIELD_VALUES = VALUES.filter(([label]) => ["null", "text", "empty object", "NUL", "control characters", "'NaN'", "1e308", "-1", "2^31", "2^53 + 2", "0.5", "list of nasties", "deep nesting"].includes(label));
/** Within the 5 MB body limit. */
const BIG_VALUES: Array<[string, Json]> = [
  ["huge list", new Array(500_000).fill(0)],
  ["huge list of text", new Array(100_000).fill("P0001")],
];

const MALFORMED_JSON: Array<[string, string]> = [
  ["truncated", '{"a":'],
  ["single quotes", "{'a':1}"],
  ["NUL byte", "\u0000"],
  ["trailing comma", '{"a":1,}'],
  ["number overflow", '{"a":1e999999}'],
  ["BOM", "\ufeff{}"],
  ["proto key", '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'],
  ["deep unclosed", "[".repeat(100_000)],
  ["deep closed", "[".repeat(50_000) + "]".repeat(50_000)],
  ["duplicate keys", '{"a":1,"a":"x"}'],
  ["lone surrogate", '{"a":"\\ud800"}'],
];

const CONTENT_TYPES = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json; charset=utf-16", "application/json; charset=nope"];

const QUERY_VALUES = ["", "-1", "2147483648", "99999999999999999999999", "NaN", "1e309", "%00", "%E0%A4%A", "A".repeat(5000), "true", "[]", "%5B%5D=1"];
const PATH_VALUES = ["%00", "%2e%2e%2f%2e%2e", "A".repeat(1000), "-1", "2147483648", "NaN", "%E0%A4%A", "%F0%9F%98%80", "x'%20OR%201=1--", "__proto__"];

/** What a plausible value of a path parameter is, so the others are tested one at a time. */
const PLAUSIBLE_PARAM: Record<string, string> = { dimension: "product", id: "P0001", engine: "abc" };

const MULTIPART: Array<[string, string, string]> = [
  ["no boundary", "multipart/form-data", '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nproducts\r\n--x--\r\n'],
  ["truncated", "multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nproduct_id,name\r\nP1,'],
  ["bad part header", "multipart/form-data; boundary=x", "--x\r\nnonsense\r\n\r\nabc\r\n--x--\r\n"],
  ["wrong field", "multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="upload"; filename="a.csv"\r\n\r\nproduct_id\r\nP1\r\n--x--\r\n'],
  [
    "two files",
    "multipart/form-data; boundary=x",
    '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="b.csv"\r\n\r\nb\r\n--x--\r\n',
  ],
  ["huge field", "multipart/form-data; boundary=x", `--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${"k".repeat(100_000)}\r\n--x--\r\n`],
  ["NUL in field", "multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nproducts\u0000\r\n--x--\r\n'],
  ["empty", "multipart/form-data; boundary=x", ""],
  ["JSON as multipart", "application/json", '{"kind":"products"}'],
];

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyProperties: string[] | null;
  multipart: boolean;
}

function propertiesOf(schema: unknown): string[] {
  const s = schema as { properties?: Record<string, unknown>; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] } | undefined;
  if (!s) return [];
  const own = Object.keys(s.properties ?? {});
  const nestedProps = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap(propertiesOf);
  return [...new Set([...own, ...nestedProps])];
}

function operations(spec: { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: unknown }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        queryParams: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
        bodyProperties: content["application/json"] ? propertiesOf(content["application/json"].schema) : null,
        multipart: Boolean(content["multipart/form-data"]),
      });
    }
  }
  return ops;
}

interface Tally {
  tried: number;
  ok2xx: number;
  client4xx: number;
  server5xx: number;
  crashes: number;
  pending: Array<{ pending: string; request: string }>;
  failures: string[];
}

describe.each(STORES)("hostile input on every route (%s)", (store) => {
  let t: TestService;
  const logged = new Map<string, string>();

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) {
          try {
            const entry = JSON.parse(line) as { reqId?: string; err?: { message?: string } };
            if (entry.reqId) logged.set(entry.reqId, entry.err?.message ?? "");
          } catch {
            // not a JSON line
          }
        }
        done();
      },
    });
    t = await startTestService(store, { logger: pino({ level: "error" }, sink) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers 2xx or 4xx problem+json, never 5xx, and stays up", async () => {
    const started = Date.now();
    const spec = (await t.api("GET", "/api/v1/openapi.json")).body;
    const ops = operations(spec);
    const tally: Tally = { tried: 0, ok2xx: 0, client4xx: 0, server5xx: 0, crashes: 0, pending: [], failures: [] };
    let seq = 0;
    const slowest: Array<[number, string]> = [];

    async function send(label: string, method: string, url: string, init: { body?: string; contentType?: string; token?: string | null } = {}) {
      const requestId = `fuzz-${store}-${++seq}`;
      const headers: Record<string, string> = { "X-Request-Id": requestId };
      if (init.contentType) headers["Content-Type"] = init.contentType;
      const token = init.token === undefined ? t.tokens.admin : init.token;
      if (token) headers.Authorization = `Bearer ${token}`;
      const request = `${method} ${url.length > 120 ? url.slice(0, 120) + "…" : url} [${label}]`;
      tally.tried++;
      let res: Response;
      const sentAt = performance.now();
      try {
        res = await fetch(`${t.url}${url}`, { method, headers, body: init.body });
      } catch (error) {
        tally.crashes++;
        tally.failures.push(`${request}: no answer (${(error as Error).message})`);
        return;
      }
      const text = await res.text();
      slowest.push([performance.now() - sentAt, request]);
      if (res.status >= 500) {
        tally.server5xx++;
        const message = logged.get(requestId) ?? "";
        const known = PENDING_DB_SIDE.find((p) => (p.store === "any" || p.store === store) && p.logged.test(message));
        if (known) tally.pending.push({ pending: known.name, request });
        else tally.failures.push(`${request}: ${res.status} ${text.slice(0, 200)} (logged: ${message.slice(0, 200)})`);
      } else if (res.status >= 400) {
        tally.client4xx++;
        if (!(res.headers.get("content-type") ?? "").includes("application/problem+json")) tally.failures.push(`${request}: ${res.status} without problem+json`);
      } else tally.ok2xx++;
    }

    const fill = (path: string, override: Record<string, string> = {}) => path.replace(/\{(\w+)\}/g, (_m, name: string) => override[name] ?? PLAUSIBLE_PARAM[name] ?? "P0001");
    // A seeded sample of arbitrary JSON, the same every run.
    const arbitrary = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 6, seed: 13 }) as Json[];

    for (const op of ops) {
      // /compute/{engine} is one route per engine: the path, query and framing cases once, the field cases per engine.
      const variants = op.path.includes("{engine}") ? computeEngineSchema.options.map((engine) => ({ engine })) : [{}];
      const url = fill(op.path, variants[0]);
      // Path segments, one parameter at a time.
      for (const name of op.pathParams)
        for (const value of PATH_VALUES)
          await send(`path ${name}=${value.slice(0, 20)}`, op.method, fill(op.path, { ...variants[0], [name]: value }), op.method === "GET" ? {} : { body: "{}", contentType: "application/json" });
      // Query parameters: unknown, repeated, and hostile values of the declared ones.
      for (const q of ["unknown=1", "__proto__=1", "a[b][c]=1", "a=1&a=2"]) await send(`query ${q}`, op.method, `${url}?${q}`);
      for (const name of op.queryParams) {
        await send(`query ${name} repeated`, op.method, `${url}?${name}=1&${name}=2`);
        for (const value of QUERY_VALUES) await send(`query ${name}=${value.slice(0, 20)}`, op.method, `${url}?${name}=${value}`);
      }
      if (op.method !== "GET" && op.multipart) {
        for (const [label, contentType, body] of MULTIPART) {
          await send(`multipart ${label}`, op.method, url, { body, contentType });
          await send(`multipart ${label}, no token`, op.method, url, { body, contentType, token: null });
        }
        await send("multipart viewer", op.method, url, { body: MULTIPART[1][2], contentType: MULTIPART[1][1], token: t.tokens.viewer });
      } else if (op.method !== "GET") {
        // Whole bodies of the wrong shape, malformed JSON, wrong content types.
        for (const [label, value] of [...VALUES, ...BIG_VALUES]) await send(`body ${label}`, op.method, url, { body: JSON.stringify(value), contentType: "application/json" });
        for (const value of arbitrary) await send("body arbitrary", op.method, url, { body: JSON.stringify(value), contentType: "application/json" });
        for (const [label, raw] of MALFORMED_JSON) await send(`malformed ${label}`, op.method, url, { body: raw, contentType: "application/json" });
        for (const type of CONTENT_TYPES) await send(`content type ${type}`, op.method, url, { body: '{"a":1}', contentType: type });
        await send("no content type", op.method, url, { body: '{"a":1}' });
        // Each documented field, hostile in turn (the big values on the first field only, to bound the run).
        for (const variant of variants) {
          const at = fill(op.path, variant);
          const fields =
            "engine" in variant ? Object.keys((computeBodySchemas[variant.engine as keyof typeof computeBodySchemas] as unknown as { shape: Record<string, unknown> }).shape ?? {}) : (op.bodyProperties ?? []);
          for (const [i, name] of fields.entries()) {
            for (const [label, value] of i === 0 ? [...FIELD_VALUES, ...BIG_VALUES] : FIELD_VALUES)
              await send(`field ${name}: ${label}`, op.method, at, { body: JSON.stringify({ [name]: value }), contentType: "application/json" });
          }
        }
      }
      const health = await fetch(`${t.url}/healthz`).catch(() => undefined);
      if (health?.status !== 200) {
        tally.crashes++;
        tally.failures.push(`after ${op.method} ${op.path}: the service stopped answering /healthz`);
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const pendingByKind = tally.pending.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.pending]: (acc[p.pending] ?? 0) + 1 }), {});
    console.log(
      [
        `hostile input (${store}): ${ops.length} operations, ${tally.tried} requests in ${seconds} s`,
        `  2xx ${tally.ok2xx}, 4xx ${tally.client4xx}, 5xx ${tally.server5xx} (of which pending DB-side fixes: ${tally.pending.length}), crashes ${tally.crashes}`,
        ...Object.entries(pendingByKind).map(([kind, n]) => `  PENDING_DB_SIDE ${kind}: ${n} — e.g. ${tally.pending.find((p) => p.pending === kind)!.request}`),
        `  slowest: ${slowest
          .sort((a, b) => b[0] - a[0])
          .slice(0, 5)
          .map(([ms, r]) => `${Math.round(ms)} ms ${r}`)
          .join("; ")}`,
        ...tally.failures.slice(0, 30).map((f) => `  FAIL ${f}`),
      ].join("\n"),
    );
    expect(tally.failures).toEqual([]);
    expect(tally.crashes).toBe(0);
    expect(tally.server5xx).toBe(tally.pending.length);
  });
});
