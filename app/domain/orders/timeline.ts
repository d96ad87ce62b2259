/**
 * The order status page's per-line timeline, built from what happened (events, allocations,
 * production requests). Pure, so each rule is tested without a database.
 */
import { trackingUrl } from "./shipping-rules";

export const STAGES = [
  "paid",
  "offered",
  "accepted",
  "in_production",
  "ready",
  "collected",
  "at_hub",
  "quality_checked",
  "packed",
  "shipped",
  "delivered",
] as const;
export type Stage = (typeof STAGES)[number];

export type Maker = { firstName: string; settlement: string; handle: string | null };

export type StepView = {
  stage: Stage | "from_stock";
  label: string;
  state: "done" | "current" | "upcoming";
  at: string | null;
  detail?: string;
  maker?: Maker;
  /** The shipped step: the carrier, number and (when the carrier has one) its tracking page. */
  tracking?: { carrier: string; number: string; url: string | null };
};
export type TrackView = {
  key: string;
  quantity: number;
  kind: "stock" | "production";
  steps: StepView[];
  note?: string;
  /** The artisan's photo of the finished work (production tracks), when she sent one. */
  photoUrl?: string;
};

export type TimelineInput = {
  paidAt: string | null;
  packedAt: string | null;
  shipped: { at: string; carrier: string; trackingNumber: string } | null;
  deliveredAt: string | null;
  cancelled: boolean;
  stock: Array<{ quantity: number; locationName: string }>;
  requests: Array<{
    id: number;
    quantity: number;
    status: string;
    maker: Maker | null;
    /** First time the request reached each production status. */
    reached: Partial<Record<string, string>>;
    /** The latest work photo the artisan sent with it. */
    photoUrl?: string | null;
  }>;
};

const PRODUCTION_STAGE: Record<string, Stage> = {
  unassigned: "offered",
  offered: "offered",
  declined: "offered",
  expired: "offered",
  accepted: "accepted",
  in_progress: "in_production",
  qc_failed: "in_production",
  ready: "ready",
  collected: "collected",
  received: "at_hub",
  qc_passed: "quality_checked",
};

function label(stage: Stage, maker: Maker | null): string {
  switch (stage) {
    case "paid":
      return "Paid";
    case "offered":
      return "Offered to our artisans";
    case "accepted":
      return maker ? `Accepted by ${maker.firstName}, ${maker.settlement}` : "Accepted by an artisan";
    case "in_production":
      return "Being made by hand";
    case "ready":
      return "Ready for pickup";
    case "collected":
      return "Collected from the workshop";
    case "at_hub":
      return "At our Nairobi hub";
    case "quality_checked":
      return "Quality checked";
    case "packed":
      return "Packed";
    case "shipped":
      return "Shipped";
    case "delivered":
      return "Delivered";
  }
}

/** The furthest stage reached by the whole order after production (packed, shipped, delivered). */
function orderStage(input: TimelineInput): { stage: Stage | null; at: Record<string, string | null> } {
  const at = { packed: input.packedAt, shipped: input.shipped?.at ?? null, delivered: input.deliveredAt };
  const stage: Stage | null = input.deliveredAt ? "delivered" : input.shipped ? "shipped" : input.packedAt ? "packed" : null;
  return { stage, at };
}

function markStates(steps: Omit<StepView, "state">[], reachedIndex: number): StepView[] {
  return steps.map((step, i) => ({ ...step, state: i < reachedIndex ? "done" : i === reachedIndex ? "current" : "upcoming" }));
}

export function buildLineTimeline(input: TimelineInput): TrackView[] {
  const after = orderStage(input);
  const tail: Stage[] = ["packed", "shipped", "delivered"];
  const tailSteps = (): Omit<StepView, "state">[] =>
    tail.map((stage) => ({
      stage,
      label: label(stage, null),
      at: after.at[stage] ?? null,
      detail: stage === "shipped" && input.shipped ? `${input.shipped.carrier} ${input.shipped.trackingNumber}` : undefined,
      tracking:
        stage === "shipped" && input.shipped
          ? {
              carrier: input.shipped.carrier,
              number: input.shipped.trackingNumber,
              url: trackingUrl(input.shipped.carrier, input.shipped.trackingNumber),
            }
          : undefined,
    }));
  const tailIndex = after.stage ? tail.indexOf(after.stage) : -1;
  const tracks: TrackView[] = [];

  for (const [i, stock] of input.stock.entries()) {
    const steps: Omit<StepView, "state">[] = [
      { stage: "paid", label: "Paid", at: input.paidAt },
      { stage: "from_stock", label: `Ready from stock (${stock.locationName})`, at: input.paidAt },
      ...tailSteps(),
    ];
    // "current" is the latest step reached; stock is ready at once.
    const reached = tailIndex >= 0 ? 2 + tailIndex : 1;
    tracks.push({ key: `stock-${i}`, quantity: stock.quantity, kind: "stock", steps: markStates(steps, reached) });
  }

  for (const request of input.requests) {
    const made: Stage[] = ["offered", "accepted", "in_production", "ready", "collected", "at_hub", "quality_checked"];
    const current = PRODUCTION_STAGE[request.status] ?? "offered";
    const steps: Omit<StepView, "state">[] = [
      { stage: "paid", label: "Paid", at: input.paidAt },
      ...made.map((stage) => ({
        stage,
        label: label(stage, request.maker),
        at: firstReached(request.reached, stage),
        maker: stage === "accepted" && request.maker ? request.maker : undefined,
      })),
      ...tailSteps(),
    ];
    let reachedIndex = 1 + made.indexOf(current);
    // A finished piece waits for the rest of the order to be packed; then the order's steps lead.
    if (current === "quality_checked" && tailIndex >= 0) reachedIndex = 1 + made.length + tailIndex;
    if (request.status === "unassigned") steps[1] = { ...steps[1], label: "Finding the right maker" };
    const note =
      request.status === "qc_failed"
        ? "Didn't pass our quality check: being remade."
        : request.status === "unassigned" && request.reached.late
          ? "Taking longer than usual to find a maker."
          : undefined;
    tracks.push({
      key: `request-${request.id}`,
      quantity: request.quantity,
      kind: "production",
      steps: markStates(steps, reachedIndex),
      note,
      ...(request.photoUrl ? { photoUrl: request.photoUrl } : {}),
    });
  }
  if (input.cancelled) {
    for (const track of tracks) track.note = "Cancelled";
  }
  return tracks;
}

const STATUSES_FOR_STAGE: Record<string, string[]> = {
  offered: ["offered"],
  accepted: ["accepted"],
  in_production: ["in_progress"],
  ready: ["ready"],
  collected: ["collected"],
  at_hub: ["received"],
  quality_checked: ["qc_passed"],
};

function firstReached(reached: Partial<Record<string, string>>, stage: Stage): string | null {
  for (const status of STATUSES_FOR_STAGE[stage] ?? []) if (reached[status]) return reached[status]!;
  return null;
}
