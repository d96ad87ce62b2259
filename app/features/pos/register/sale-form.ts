/** The register's form helpers, shared by the action (JavaScript off) and the tablet (JavaScript on). */
import type { Cart, CatalogItem, CustomerMatch, LineEdit } from "~/domain/pos";

/** What the register's action answers when it doesn't redirect: the cart as it now is, and what to say. */
export type RegisterReply = {
  cart: Cart;
  ok: boolean;
  message: string;
  matches?: CatalogItem[];
  field?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** The sale's customer, when the reply changed or checked it (null: detached). */
  customer?: CustomerMatch | null;
  /** A quick-create refused: the customer who already has that email or phone, to attach instead. */
  duplicate?: CustomerMatch;
};

/** The sale lines' quantity and discount fields, as typed (a line without a field keeps what it has). */
export function lineEditsOf(form: FormData, cart: Cart): LineEdit[] {
  return cart.lines.map((l) => ({
    variantId: l.variantId,
    quantity: String(form.get(`qty-${l.variantId}`) ?? l.quantity),
    discount: String(form.get(`discount-${l.variantId}`) ?? l.discountPercent),
  }));
}
