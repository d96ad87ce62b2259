import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import OrderConfirmation from "#emails/order-confirmation";
import { formatMoney } from "~/lib/money";
import { EMAIL_TEMPLATES, renderEmail } from "./templates.server";

describe("email templates", () => {
  it("renders the order confirmation with lines, totals, address, the tracking button and the maker line", async () => {
    const props = OrderConfirmation.PreviewProps;
    const email = await renderEmail("order-confirmation", props);

    expect(email.subject).toBe("Your Soko order SK-1001 is confirmed");
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Mara Horn Hoops");
      expect(part).toContain("Qty 2 × $34.00");
      expect(part).toContain("$68.00");
      expect(part).toContain("$147.90");
      expect(part).toContain("500 Valencia St");
      expect(part).toContain("handmade for you by an artisan in Kenya");
      expect(part).toContain("Track your order");
    }
    expect(email.html).toMatch(/<a[^>]+href="http:\/\/localhost:3000\/orders\/SK-1001\?t=preview"[^>]*>Track your order<\/a>/);
    expect(email.text).toContain("http://localhost:3000/orders/SK-1001?t=preview");
    expect(email.html).not.toContain("<script");
  });

  it("says what a gift card paid of the order and what the card paid", async () => {
    const email = await renderEmail("order-confirmation", {
      ...OrderConfirmation.PreviewProps,
      giftCards: [{ last4: "P163", amount: 3000 }],
    });
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Gift card ····P163");
      expect(part).toContain("−$30.00");
      expect(part).toContain("Paid by card");
      expect(part).toContain("$117.90");
    }
    const plain = await renderEmail("order-confirmation", OrderConfirmation.PreviewProps);
    expect(plain.text).not.toContain("Gift card");
    expect(plain.text).not.toContain("Paid by card");
  });

  it("writes the confirmation's plain text from its props: the same words, in the same order, as the HTML walked by html-to-text", async () => {
    const squash = (text: string) => text.replace(/\s+/g, " ").trim();
    for (const props of [
      OrderConfirmation.PreviewProps,
      {
        ...OrderConfirmation.PreviewProps,
        customerName: undefined,
        shipping: 1500,
        tax: 0,
        discount: 500,
        includedTax: { name: "VAT" as const, amount: 900 },
        giftCards: [{ last4: "P163", amount: 3000 }],
        shippingAddress: null,
      },
    ]) {
      const email = await renderEmail("order-confirmation", props);
      expect(squash(email.text)).toBe(squash(await render(<OrderConfirmation {...props} />, { plainText: true })));
    }
  });

  it("formats amounts in the order's currency", async () => {
    const email = await renderEmail("refund-issued", {
      orderNumber: "SK-1002",
      amount: 250000,
      currency: "KES",
      reason: "Cancelled before production",
      statusUrl: "https://soko.test/orders/SK-1002?t=a",
    });
    expect(email.subject).toBe(`Refund of ${formatMoney({ amount: 250000, currency: "KES" })} for Soko order SK-1002`);
    expect(email.subject).toMatch(/^Refund of KES\s2,500\.00 /);
    expect(email.text).toContain("Cancelled before production");
    expect(email.html).toContain('href="https://soko.test/orders/SK-1002?t=a"');
  });

  it("renders the shipped email with carrier, tracking number and status link", async () => {
    const email = await renderEmail("order-shipped", {
      orderNumber: "SK-1003",
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl: "https://carrier.test/track/1Z999AA10123456784",
      statusUrl: "https://soko.test/orders/SK-1003?t=b",
    });
    expect(email.text).toContain("UPS");
    expect(email.text).toContain("1Z999AA10123456784");
    expect(email.html).toContain('href="https://carrier.test/track/1Z999AA10123456784"');
    expect(email.html).toContain('href="https://soko.test/orders/SK-1003?t=b"');
  });

  it("renders every template as @react-email/render does, less React's hydration comments, with the same plain text", async () => {
    for (const template of EMAIL_TEMPLATES) {
      const { default: Template } = (await import(`../../../emails/${template}.tsx`)) as {
        default: ((props: object) => JSX.Element) & { PreviewProps: object };
      };
      const props = Template.PreviewProps;
      const email = await renderEmail(template, props as never);
      const streamed = await render(<Template {...props} />);
      expect(streamed, template).toMatch(/<!-- -->/);
      expect(email.html, template).toBe(streamed.replace(/<!--(?: |\$|\/\$)-->/g, ""));
      expect(email.html, template).not.toContain("<!--");
      // The confirmation writes its own text (held to this one above); the others are the HTML's, alike.
      if (template !== "order-confirmation") expect(email.text, template).toBe(await render(<Template {...props} />, { plainText: true }));
    }
  });
});
