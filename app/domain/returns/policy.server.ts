/** The returns policy operations set (settings key "returns.policy"), read on every step. */
import { eq, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { readPolicy, type ReturnPolicy } from "./rules";

const KEY = "returns.policy";

export async function loadReturnPolicy(executor: Executor = db): Promise<ReturnPolicy> {
  const [row] = await executor.select({ value: schema.settings.value }).from(schema.settings).where(eq(schema.settings.key, KEY));
  return readPolicy(row?.value);
}

export async function saveReturnPolicy(policy: ReturnPolicy, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await loadReturnPolicy(tx);
    await tx
      .insert(schema.settings)
      .values({ key: KEY, value: policy, updatedBy: actor })
      .onConflictDoUpdate({ target: schema.settings.key, set: { value: policy, updatedBy: actor, updatedAt: sql`now()` } });
    await audit(tx, { actor, action: "returns.policy", subject: "settings:returns.policy", data: { before, after: policy } });
  });
}
