import { describe, expect, it } from "vitest";
import { loader } from "~/routes/healthz";

describe("GET /healthz", () => {
  it("is 200 when the database answers", async () => {
    const response = await loader({ request: new Request("http://test/healthz"), params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: "up" });
  });
});
