import { describe, expect, it } from "vitest";
import { Refusal, isRefusal, refusedResult } from "./refusal";
import { answerRefusals, refusalResponse } from "./refusal.server";

describe("Refusal: the one way domain code says no", () => {
  it("carries a status, a message and optionally the field", () => {
    const refusal = new Refusal(422, "Choose at least one piece to return.", "lines");
    expect(refusal).toBeInstanceOf(Error);
    expect(isRefusal(refusal)).toBe(true);
    expect(refusal.name).toBe("Refusal");
    expect(refusedResult(refusal)).toEqual({ ok: false, status: 422, message: "Choose at least one piece to return.", field: "lines" });
    expect(refusedResult(new Refusal(404, "There is no order SK-1."))).toEqual({
      ok: false,
      status: 404,
      message: "There is no order SK-1.",
    });
  });

  it("has subclasses that add meaning and are still refusals", () => {
    // As the production domain's TransitionRefused is written.
    class TransitionRefused extends Refusal {
      constructor(from: string, to: string) {
        super(409, `A request that is ${from.replace("_", " ")} can't become ${to.replace("_", " ")}.`);
      }
    }
    const moved = new TransitionRefused("qc_passed", "offered");
    expect(isRefusal(moved)).toBe(true);
    expect(moved.name).toBe("TransitionRefused");
    expect(refusedResult(moved)).toEqual({ ok: false, status: 409, message: "A request that is qc passed can't become offered." });
  });
});

describe("answerRefusals: a route's one way to answer a refusal", () => {
  it("turns a Refusal into the Response the module used to throw (status and message)", async () => {
    const thrown = await answerRefusals(async () => {
      throw new Refusal(404, "No such product");
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(await (thrown as Response).text()).toBe("No such product");
    expect(refusalResponse(new Refusal(409, "Your bag is empty.")).status).toBe(409);
  });

  it("passes everything else through: answers, thrown Responses and real errors", async () => {
    expect(await answerRefusals(async () => ({ ok: true }))).toEqual({ ok: true });
    const redirect = new Response(null, { status: 302, headers: { Location: "/ops/login" } });
    await expect(
      answerRefusals(async () => {
        throw redirect;
      }),
    ).rejects.toBe(redirect);
    const bug = new TypeError("boom");
    await expect(
      answerRefusals(async () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
