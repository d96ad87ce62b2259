/**
 * The hub receiving a return, in a process of its own, for returns-split-refund-stripe.test.ts: the
 * test kills it (-9) while the refund's second part is with Stripe, as a crashed server would die.
 */
import { receiveReturn } from "~/domain/returns/index.server";

process.stdout.write("receiving\n");
const done = await receiveReturn({ number: process.env.RETURN_NUMBER!, actor: "staff:1" });
process.stdout.write(`${JSON.stringify(done)}\n`);
process.exit(0);
