/**
 * Every background job by name, with the payload it carries: the one list `enqueueJob` accepts and
 * the worker (app/worker.server.ts) must run — a name or payload that is not here does not compile.
 * Cross-domain reactions go through it: the domain that acts enqueues, the worker calls the domain
 * that reacts, and neither imports the other.
 *
 * Payloads are JSON and come back from the database, so each task still parses its own.
 */
export type JobPayloads = {
  /** An email in the outbox goes out (domain/notifications). */
  send_email: { outboxId: number };
  /** An SMS in the outbox goes out (domain/messaging). */
  send_sms: { outboxId: number };
  /** Morning reminders of work due soon (domain/production). */
  remind_due_work: Record<string, never>;
  /** A new order's confirmation (domain/orders). */
  order_placed: { orderId: number };
  /** A shipped order: a wholesale order's buyers get its packing list (domain/wholesale); an EDI order's 856 and 810 go out (domain/edi). */
  order_shipped: { orderId: number };
  /** A charge whose request never finished: its order is made, or its money goes back (domain/checkout). */
  reconcile_charge: { idempotencyKey: string; cartId: string };
  /** Charges left unsettled past their grace period get their reconcile_charge job: every minute (domain/checkout). */
  reconcile_charges: Record<string, never>;
  /** Paid retail orders still without their sale in the ledger get it: the hourly safety net (domain/orders). */
  post_missing_sales: Record<string, never>;
  /** Unplanned production requests are offered to artisans; one order's, or all (domain/production). */
  dispatch_requests: { orderId?: number };
  /** Offers that ran out go to the next artisan (domain/production). */
  expire_offers: Record<string, never>;
  /** Artisans hear of new offers by SMS (domain/production). */
  notify_offers: { at: string };
  /** A shopper's password-reset link (domain/accounts). */
  customer_password_reset: { email: string };
  /** A sign-up's link, or a word to the owner of the account that has the email (domain/accounts). */
  customer_signup: { signupId: number };
  /** Expired sessions go (lib/session). */
  purge_sessions: Record<string, never>;
  /** Stale sign-in throttle counters go (domain/accounts). */
  prune_auth_throttles: Record<string, never>;
  /** Pending sign-ups a day past being used, revoked or expired go, with their password hash (domain/accounts). */
  prune_customer_signups: Record<string, never>;
  /** M-Pesa payouts (domain/payouts). */
  send_payout: { payoutId: number };
  reconcile_payout: { payoutId: number };
  reconcile_silent_payouts: Record<string, never>;
  payout_run: Record<string, never>;
  /** A run whose process died before it finished is finished by this, minutes later (domain/payouts). */
  finish_payout_run: { runId: number };
  /** The local M-Pesa simulator's callbacks (domain/payouts). */
  mpesa_simulator_callback: { originatorConversationId: string };
  mpesa_simulator_status: { queryConversationId: string; queryOriginatorConversationId: string; originatorConversationId: string };
  /** A wholesale invoice is pushed to Stripe, and overdue ones are reminded (domain/wholesale). */
  wholesale_invoice_stripe: { invoiceId: number };
  wholesale_invoice_reminders: Record<string, never>;
  /** A digital gift card is emailed on its send date; any missed ones hourly; balances past an expiry nightly (domain/giftcards). */
  deliver_gift_card: { giftCardId: number };
  deliver_due_gift_cards: Record<string, never>;
  expire_gift_cards: Record<string, never>;
  /** An EDI document of ours goes to the partner's outbox folder and endpoint (domain/edi). */
  edi_deliver: { documentId: number };
  /** A retailer's 860 cancels its PO's order (domain/edi, through domain/orders). */
  edi_cancel_order: { transactionId: number };
  /** The watched EDI inbox folders are read (domain/edi). */
  edi_scan_inbox: Record<string, never>;
  /** Partners whose 846 inventory advice time has come get it (domain/edi). */
  edi_inventory_advice: Record<string, never>;
  /** Dearer exchanges left unpaid lapse; returns that never reached the hub lapse, a paid difference refunded (domain/returns). */
  expire_returns: Record<string, never>;
  /** Delivered orders' review request emails, a few days after delivery (domain/reviews). */
  request_reviews: Record<string, never>;
};

export type JobName = keyof JobPayloads;
