/**
 * One transaction whose refusals are results: `refusable(work)` runs `work` in a database
 * transaction; a Refusal (~/lib/refusal) thrown inside rolls everything back and is returned as a
 * `Refused` value instead of thrown. Returning a Refused value from `work` instead commits what was
 * written (a failed provider refund is kept that way on purpose). Any other error is rethrown.
 */
import { db, type Executor } from "./db.server";
import { Refusal, refusedResult, type Refused } from "./refusal";

export async function refusable<T>(work: (tx: Executor) => Promise<T>): Promise<T | Refused> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (error instanceof Refusal) return refusedResult(error);
    throw error;
  }
}
