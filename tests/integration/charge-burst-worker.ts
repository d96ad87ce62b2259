/**
 * A web process in the middle of a burst of checkouts, for charge-recovery.test.ts: pays every cart
 * in CARTS (JSON [{cartId, total, key}]) at once through payAndPlaceOrder on the local provider,
 * whose charge is slowed (and logged to CHARGE_LOG, synchronously, so the log survives a kill -9)
 * so that the kill lands between "the card was charged" and "the order was written".
 */
import { appendFileSync } from "node:fs";
import { payAndPlaceOrder } from "~/domain/checkout/checkout.server";
import { LocalPaymentProvider } from "~/domain/payments/local-provider.server";

const carts = JSON.parse(process.env.CARTS!) as Array<{ cartId: string; total: number; key: string }>;
const charge = LocalPaymentProvider.prototype.charge;
let n = 0;
LocalPaymentProvider.prototype.charge = async function (request) {
  const outcome = await charge.call(this, request);
  appendFileSync(process.env.CHARGE_LOG!, `${request.idempotencyKey}\n`);
  // The first few go through at once; the rest hang after the charge, as a process does that dies there.
  await new Promise((resolve) => setTimeout(resolve, ++n <= 3 ? 0 : 600_000));
  return outcome;
};

process.stdout.write("burst ready\n");
await Promise.all(
  carts.map((c) =>
    payAndPlaceOrder(c.cartId, {
      idempotencyKey: c.key,
      expectedTotal: c.total,
      card: { number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" },
      customerId: null,
    }).then((r) => process.stdout.write(`${r.ok ? "placed" : "refused"} ${c.key}\n`)),
  ),
);
