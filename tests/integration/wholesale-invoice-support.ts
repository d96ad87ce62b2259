/**
 * Shared by the wholesale invoice, tracking and line sheet tests: a net-terms wholesale order placed
 * the way the portal places one (commitOrder + the wholesale row + its invoice, in one transaction),
 * a buyer's session cookie, and the text of a PDF.
 */
import { randomUUID } from "node:crypto";
import { inflateSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { commitOrder } from "~/domain/orders/commit.server";
import { createInvoiceForOrder } from "~/domain/wholesale/invoices.server";
import { db, schema } from "~/lib/db.server";
import { buyerSessionCookie } from "./session-support";

export const BASE = "http://soko.test";

export type Placed = { orderId: number; number: string; invoice: Awaited<ReturnType<typeof createInvoiceForOrder>> };

export async function placeWholesaleOrder(input: {
  retailerId: number;
  buyer: { id: number; email: string };
  lines: Array<{ variantId: number; quantity: number; unitPrice: number }>;
  terms: "net30" | "net60" | "card";
  poNumber?: string;
  placedAt?: Date;
  shipping?: number;
  retailerLocationId?: number | null;
}): Promise<Placed> {
  return db.transaction(async (tx) => {
    const subtotal = input.lines.reduce((n, l) => n + l.quantity * l.unitPrice, 0);
    const shipping = input.shipping ?? 0;
    const order = await commitOrder(tx, {
      channel: "wholesale",
      email: input.buyer.email,
      retailerId: input.retailerId,
      shippingAddress: { name: "Receiving", line1: "1 Dock Rd", city: "Oakland", region: "CA", postalCode: "94607", country: "US" },
      shippingMethod: "freight",
      currency: "USD",
      lines: input.lines,
      totals: { subtotal, discountTotal: 0, shippingTotal: shipping, taxTotal: 0, total: subtotal + shipping },
      idempotencyKey: `wholesale:${randomUUID()}`,
      stockLocationCodes: ["NBO-HUB"],
      paymentStatus: input.terms === "card" ? "paid" : "on_terms",
      actor: `buyer:${input.buyer.id}`,
    });
    if (input.placedAt) await tx.update(schema.orders).set({ placedAt: input.placedAt }).where(eq(schema.orders.id, order.id));
    await tx.insert(schema.wholesaleOrders).values({
      orderId: order.id,
      retailerId: input.retailerId,
      buyerId: input.buyer.id,
      poNumber: input.poNumber ?? `PO-${randomUUID().slice(0, 8)}`,
      paymentTerms: input.terms,
      retailerLocationId: input.retailerLocationId ?? null,
    });
    const invoice = await createInvoiceForOrder(tx, order.id);
    return { orderId: order.id, number: order.number, invoice };
  });
}

/** The Cookie header of a signed-in buyer (what /wholesale/login sets). */
export async function buyerCookie(buyerId: number): Promise<string> {
  return buyerSessionCookie(buyerId);
}

export function get(path: string, cookie?: string, signal?: AbortSignal) {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {}, signal });
}

/** Runs a loader; a thrown Response (404, redirect) comes back as the Response. */
export async function settle<T>(promise: Promise<T> | T): Promise<T | Response> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

export async function bodyOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

/**
 * The text drawn in a PDF from pdfkit: each content stream is inflated when compressed, and the
 * hex strings of its TJ/Tj operators are decoded (WinAnsi ≈ Latin-1 for what we draw).
 * Kerning offsets inside a TJ array are dropped; separate text runs are joined with a space.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const streams: string[] = [];
  const pattern = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (const match of raw.matchAll(pattern)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    const bytes = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(match[1])) {
      try {
        streams.push(inflateSync(bytes).toString("latin1"));
      } catch {
        /* a font or image stream we don't need */
      }
    } else {
      streams.push(bytes.toString("latin1"));
    }
  }
  const runs: string[] = [];
  for (const content of streams) {
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [op[2]];
      runs.push(hexes.map((h) => Buffer.from(h, "hex").toString("latin1")).join(""));
    }
  }
  return runs.join(" ");
}
