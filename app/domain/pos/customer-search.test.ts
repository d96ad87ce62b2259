import { describe, expect, it } from "vitest";
import { attachCustomer, detachCustomer, parseCart } from "./cart";
import { customerQueryOf, escapeLike, quickCustomerSchema } from "./customer-search";

describe("customerQueryOf (what the cashier typed → what to look for)", () => {
  it("waits for two characters", () => {
    expect(customerQueryOf("")).toBeNull();
    expect(customerQueryOf("  m ")).toBeNull();
  });

  it("reads control characters (a NUL byte, which PostgreSQL refuses in text) as spaces", () => {
    expect(customerQueryOf("Maya\u0000Chen")).toEqual({ text: "Maya Chen", email: null, name: "maya chen", phones: [] });
    expect(customerQueryOf("\u0000\u001b")).toBeNull();
  });

  it("looks for a name at its start or any word's, and an email, tidying spaces and case", () => {
    expect(customerQueryOf("  Maya   Chen ")).toEqual({ text: "Maya Chen", email: null, name: "maya chen", phones: [] });
    expect(customerQueryOf("Maya")).toEqual({ text: "Maya", email: "maya%", name: "maya", phones: [] });
  });

  it("looks only at emails once there is an @", () => {
    expect(customerQueryOf("Maya@Ex")).toEqual({ text: "Maya@Ex", email: "maya@ex%", name: null, phones: [] });
  });

  it("treats LIKE's wildcards as text", () => {
    expect(escapeLike("100%_\\")).toBe("100\\%\\_\\\\");
    expect(customerQueryOf("a_b")).toMatchObject({ email: "a\\_b%", name: "a\\_b" });
  });

  it("reads a whole phone number in any common form as one exact E.164 number", () => {
    for (const typed of ["(415) 555-0142", "415.555.0142", "1 415 555 0142", "+1 415 555 0142", "0014155550142"])
      expect(customerQueryOf(typed)).toEqual({ text: typed, email: null, name: null, phones: ["+14155550142"] });
    expect(customerQueryOf("+254 712 345 001")?.phones).toEqual(["+254712345001"]);
  });

  it("reads the first digits of a number as prefixes: local US, with a country code, or Kenyan with its trunk 0", () => {
    expect(customerQueryOf("415 555")?.phones).toEqual(["+1415555%", "+415555%"]);
    expect(customerQueryOf("1415")?.phones).toEqual(["+1415%"]);
    expect(customerQueryOf("+44 20")?.phones).toEqual(["+4420%"]);
    expect(customerQueryOf("0712 34")?.phones).toEqual(["+25471234%"]);
    expect(customerQueryOf("00254 7")?.phones).toEqual(["+2547%"]);
    // Two digits are not a phone search: they read as text (a name or email may have digits).
    expect(customerQueryOf("41")).toMatchObject({ phones: [], name: "41" });
  });
});

describe("the quick-create form", () => {
  const parse = (fields: Record<string, string>) => quickCustomerSchema.safeParse(fields);

  it("takes a name with an email, a phone, or both: phone stored E.164, email lowercased", () => {
    expect(parse({ customerName: " Lena Park ", customerPhone: "(415) 555-0199" })).toMatchObject({
      success: true,
      data: { name: "Lena Park", email: null, phone: "+14155550199" },
    });
    expect(parse({ customerName: "Lena", customerEmail: "Lena@Example.COM", customerPhone: "" })).toMatchObject({
      success: true,
      data: { email: "lena@example.com", phone: null },
    });
  });

  it("refuses no name, no way to reach them, a bad email or a number that isn't one", () => {
    const issues = (fields: Record<string, string>) => {
      const r = parse(fields);
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(issues({ customerName: "", customerEmail: "a@b.co" })).toEqual(["customerName"]);
    expect(issues({ customerName: "Lena" })).toEqual(["customerEmail"]);
    expect(issues({ customerName: "Lena", customerEmail: "lena@" })).toEqual(["customerEmail"]);
    expect(issues({ customerName: "Lena", customerPhone: "555-0199" })).toEqual(["customerPhone"]);
  });
});

describe("the sale's customer in the cart", () => {
  it("attaches, detaches, and survives the hidden field; junk ids are dropped", () => {
    const cart = attachCustomer({ lines: [{ variantId: 1, quantity: 1, discountPercent: 0 }] }, 7);
    expect(parseCart(JSON.stringify(cart))).toEqual(cart);
    expect(detachCustomer(cart)).toEqual({ lines: cart.lines });
    for (const junk of [0, -1, 1.5, "7", 2 ** 31, null])
      expect(parseCart(JSON.stringify({ lines: [], customerId: junk })).customerId).toBeUndefined();
  });
});
