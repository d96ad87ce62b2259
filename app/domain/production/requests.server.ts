import { and, eq, sql } from "drizzle-orm";
import type { ProductionStatus } from "#db/schema";
import { Refusal } from "~/lib/refusal";
import { schema, type Executor } from "~/lib/db.server";
import { canTransition } from "./transitions";
import { isAllMade } from "./work-rules";

/** A move the state machine does not allow (./transitions), usually someone else's change a moment earlier. */
export class TransitionRefused extends Refusal {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(409, `A request that is ${from.replace("_", " ")} can't become ${to.replace("_", " ")}.`);
  }
}

/**
 * Moves a production request and writes its event (which notifies live status pages). The update
 * is conditional on the status it was read in, so two concurrent moves cannot both win. Moving to
 * ready records every piece made (a different count is refused): the one rule for every channel.
 */
export async function advanceRequest(
  tx: Executor,
  requestId: number,
  to: ProductionStatus,
  actor: string,
  extra: {
    note?: string;
    photoUrl?: string;
    artisanId?: number | null;
    offerExpiresAt?: Date | null;
    late?: boolean;
    unitsMade?: number;
    expectArtisanId?: number;
  } = {},
) {
  const [current] = await tx
    .select({
      status: schema.productionRequests.status,
      orderId: schema.productionRequests.orderId,
      artisanId: schema.productionRequests.artisanId,
      quantity: schema.productionRequests.quantity,
    })
    .from(schema.productionRequests)
    .where(eq(schema.productionRequests.id, requestId))
    .for("update");
  if (!current) throw new Refusal(404, "No such production request");
  if (extra.expectArtisanId !== undefined && current.artisanId !== extra.expectArtisanId)
    throw new Refusal(404, "No such production request");
  if (!canTransition(current.status, to)) throw new TransitionRefused(current.status, to);
  // Ready means every piece made (work-rules.readyRefusal): whoever marks it, the count becomes the quantity.
  let unitsMade = extra.unitsMade;
  if (to === "ready") {
    if (unitsMade !== undefined && !isAllMade(current.quantity, unitsMade))
      throw new Refusal(409, `Ready means all ${current.quantity} pieces are made, not ${unitsMade}.`);
    unitsMade = current.quantity;
  }
  const [updated] = await tx
    .update(schema.productionRequests)
    .set({
      status: to,
      updatedAt: sql`now()`,
      ...(extra.artisanId !== undefined ? { artisanId: extra.artisanId } : {}),
      ...(extra.offerExpiresAt !== undefined ? { offerExpiresAt: extra.offerExpiresAt } : {}),
      ...(extra.late !== undefined ? { late: extra.late } : {}),
      ...(unitsMade !== undefined ? { unitsMade } : {}),
    })
    .where(and(eq(schema.productionRequests.id, requestId), eq(schema.productionRequests.status, current.status)))
    .returning({ id: schema.productionRequests.id, artisanId: schema.productionRequests.artisanId });
  if (!updated) throw new TransitionRefused(current.status, to);
  await tx.insert(schema.productionEvents).values({
    requestId,
    orderId: current.orderId,
    artisanId: extra.artisanId ?? current.artisanId,
    fromStatus: current.status,
    toStatus: to,
    actor,
    note: extra.note,
    photoUrl: extra.photoUrl,
  });
  return { from: current.status, to, orderId: current.orderId, artisanId: updated.artisanId };
}
