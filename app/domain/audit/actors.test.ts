import { describe, expect, it } from "vitest";
import { actorRef, describeActor } from "./actors";

describe("actors", () => {
  it("reads a person by id, and nothing else, as a reference", () => {
    expect(actorRef("artisan:360")).toEqual({ kind: "artisan", id: 360 });
    expect(actorRef("staff:1")).toEqual({ kind: "staff", id: 1 });
    expect(actorRef("customer:shopper@example.com")).toBeNull();
    expect(actorRef("staff:0")).toBeNull();
    expect(actorRef("staff:99999999999")).toBeNull();
    expect(actorRef("dispatch")).toBeNull();
  });

  it("names system actors, jobs and emails without a lookup; never the raw key for a person", () => {
    expect(describeActor("dispatch")).toMatchObject({ name: "Dispatch engine", kind: "system", href: null });
    expect(describeActor(null).name).toBe("System");
    expect(describeActor("job:payout_run").name).toBe("Job: payout run");
    expect(describeActor("customer:imani@example.com")).toMatchObject({ name: "imani@example.com", kind: "customer" });
    expect(describeActor("artisan:360")).toMatchObject({ name: "Artisan #360", kind: "artisan" });
    expect(describeActor("hub:demo").name).toBe("Nairobi hub");
    expect(describeActor("e2e").name).toBe("e2e");
  });
});
