/**
 * The one way domain code says no: `throw new Refusal(status, message, field?)`. Pure (no HTTP
 * objects, no I/O), so a module can refuse from anywhere, inside a transaction or not; the status
 * is the HTTP status a route answers with and the message is for the person who asked.
 *
 * - Inside `refusable(...)` (~/lib/transaction.server) a Refusal rolls the transaction back and comes
 *   back as a `Refused` result the caller can show next to its form.
 * - Anywhere else it reaches the route, and `answerRefusals` (~/lib/refusal.server) turns it into the
 *   HTTP answer: a thrown Response with its status and message, shown by the route's ErrorBoundary.
 *
 * Subclasses add meaning a caller may test for (factory's TransitionRefused: a move the state
 * machine does not allow, usually someone else's change a moment earlier).
 */
export type RefusalStatus = 400 | 402 | 403 | 404 | 409 | 422 | 429 | 502;

export class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    message: string,
    /** The form field the refusal is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A refusal as a result value (`{ ok: false, … }`), for callers that answer next to their form. */
export type Refused<S extends RefusalStatus = RefusalStatus> = { ok: false; status: S; message: string; field?: string };

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal;
}

/** The result value of a refusal. */
export function refusedResult(refusal: Refusal): Refused {
  return { ok: false, status: refusal.status, message: refusal.message, ...(refusal.field ? { field: refusal.field } : {}) };
}
