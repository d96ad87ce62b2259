import { schema, type Executor } from "~/lib/db.server";

export type AuditEntry = {
  /** Who did it: "staff:12", "system", "job:dispatch". */
  actor: string;
  /** What they did, dotted: "order.refund", "order.cancel". */
  action: string;
  /** What it was done to: "order:SK-100123". */
  subject: string;
  data?: Record<string, unknown>;
};

/**
 * Writes one audit_log row in the caller's transaction, so the record and the change it describes
 * commit or roll back together. Every staff action that moves money or stock calls this.
 */
export async function audit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values({ actor: entry.actor, action: entry.action, subject: entry.subject, data: entry.data ?? {} });
}
