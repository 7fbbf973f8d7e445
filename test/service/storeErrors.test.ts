/**
 * What each store failure means to a client: the codes pg, pg-pool, node's
 * net module and better-sqlite3 raise, mapped once (service/src/store/storeErrors.ts).
 */
import { storeErrorToAppError } from "../../service/src/store/storeErrors";

const status = (error: unknown) => storeErrorToAppError(error)?.status;

describe("store errors as HTTP", () => {
  it.each([
    ["server closed the connection (pg_terminate_backend)", { code: "57P01", message: "terminating connection due to administrator command" }],
    ["statement timeout", { code: "57014", message: "canceling statement due to statement timeout" }],
    ["lock timeout", { code: "55P03", message: "canceling statement due to lock timeout" }],
    ["idle-in-transaction timeout", { code: "25P03", message: "terminating connection due to idle-in-transaction timeout" }],
    ["too many connections", { code: "53300", message: "sorry, too many clients already" }],
    ["server down", { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" }],
    ["socket cut", { message: "Connection terminated unexpectedly" }],
    ["dead client reused", { message: "Client has encountered a connection error and is not queryable" }],
    ["pool wait", { message: "timeout exceeded when trying to connect" }],
    ["SQLite locked by another process", { code: "SQLITE_BUSY", message: "database is locked" }],
  ])("%s → 503 with Retry-After", (_name, error) => {
    const mapped = storeErrorToAppError(error);
    expect(mapped?.status).toBe(503);
    expect(mapped?.headers["Retry-After"]).toMatch(/^\d+$/);
  });

  it("a lost unique race is a 409, a refused value a 400, anything else stays a 500", () => {
    expect(status({ code: "23505" })).toBe(409);
    expect(status({ code: "SQLITE_CONSTRAINT_PRIMARYKEY" })).toBe(409);
    expect(status({ code: "22021", message: 'invalid byte sequence for encoding "UTF8": 0x00' })).toBe(400);
    expect(status({ code: "22003", message: "value out of range for type integer" })).toBe(400);
    expect(status({ code: "42P01", message: "relation does not exist" })).toBeUndefined();
    expect(status(new TypeError("x is undefined"))).toBeUndefined();
    expect(status(undefined)).toBeUndefined();
  });
});
