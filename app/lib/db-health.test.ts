import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./db-health";

const withCode = (code: string, message = "") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("knows a connection refused, lost or timed out (postgres.js's codes and the socket's)", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "EPIPE", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
  });

  it("knows PostgreSQL going away or not taking us", () => {
    for (const code of ["57P01", "57P02", "57P03", "53300", "08006", "08001"])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    expect(isDatabaseUnavailable(withCode("55000", 'database "soko" is not currently accepting connections'))).toBe(true);
  });

  it("looks inside what drizzle wraps, and an AggregateError's errors", () => {
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: withCode("ECONNREFUSED") }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([new Error("x"), withCode("ECONNREFUSED")]))).toBe(true);
  });

  it("is not fooled by a statement that was wrong, or by anything else", () => {
    for (const code of ["23505", "40001", "22P02", "42P01", "CONNECTION_ENDED"])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(withCode("55000", "object not in prerequisite state"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
    expect(isDatabaseUnavailable(new Response("", { status: 404 }))).toBe(false);
  });
});
