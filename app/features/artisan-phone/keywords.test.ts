import { describe, expect, it } from "vitest";
import { parseInboundSms } from "./keywords";

describe("parseInboundSms", () => {
  it("reads the balance keyword in either language, any case", () => {
    expect(parseInboundSms("SALIO")).toEqual({ kind: "balance", language: "sw" });
    expect(parseInboundSms("  salio. ")).toEqual({ kind: "balance", language: "sw" });
    expect(parseInboundSms("Balance")).toEqual({ kind: "balance", language: "en" });
  });

  it("reads accept with a request number written the ways people write it", () => {
    for (const text of ["KUBALI PR-50012", "kubali pr50012", "Kubali PR 50012", "kubali 50012"]) {
      expect(parseInboundSms(text)).toEqual({ kind: "accept", language: "sw", requestNumber: "PR-50012" });
    }
    expect(parseInboundSms("accept PR-50013")).toEqual({ kind: "accept", language: "en", requestNumber: "PR-50013" });
  });

  it("treats anything else as unknown", () => {
    for (const text of ["", "habari", "ACCEPT", "KUBALI PR-ABC", "SALIO PR-50012", "accept 1 2"]) {
      expect(parseInboundSms(text)).toEqual({ kind: "unknown" });
    }
  });
});
