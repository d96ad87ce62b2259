/**
 * Bulk edits of products, against the database: preview, apply (one transaction, set-based
 * statements whatever the count, one audit row per product) and undo of the last one. The catalog
 * tables' triggers send exactly the changed products' purge keys when it commits
 * (docs/decisions/0015-cache-purge.md); this process's cached queries are dropped at once after.
 * The rules (what changes, what refuses): ./bulk-edit.ts.
 */
import { desc, eq, sql } from "drizzle-orm";
import type { BulkEditKind } from "#db/schema";
import { db, schema, type Executor } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";
import {
  BULK_PREVIEW_ROWS,
  BULK_UNDO_MINUTES,
  type BulkEdit,
  type BulkEditChange,
  type BulkPlan,
  type BulkSelection,
  type ProductState,
  describeBulkEdit,
  describeValue,
  planBulkEdit,
} from "./bulk-edit";
import { clearCatalogCaches } from "./invalidate.server";
import { productIdsMatching } from "./products.server";

const { productBulkEdits, collections, skills, auditLog } = schema;

/** The products a selection names, in the list's order (ticked ids that no longer exist drop out). */
export async function selectedProductIds(selection: BulkSelection, executor: Executor = db): Promise<number[]> {
  const filter = { q: selection.q, status: selection.status, category: selection.category };
  if (selection.scope === "page") return productIdsMatching(filter, selection.page, executor);
  if (selection.scope === "filter") return productIdsMatching(filter, null, executor);
  if (selection.ids.length === 0) return [];
  const rows = await executor.execute<{ id: number }>(
    sql`select id from products where id = any(${sql.param(selection.ids)}::int[]) order by created_at desc, id desc`,
  );
  return rows.map((r) => Number(r.id));
}

type Target = { collectionId: number | null; skillId: number | null };

function targetOf(edit: BulkEdit): Target {
  return {
    collectionId: edit.kind === "collection-add" || edit.kind === "collection-remove" ? edit.collectionId : null,
    skillId: edit.kind === "skill-add" || edit.kind === "skill-remove" ? edit.skillId : null,
  };
}

/** The collection's or skill's name the edit is about; a Refusal when it is gone. */
async function targetNames(executor: Executor, target: Target) {
  const names: { collection?: string; skill?: string } = {};
  if (target.collectionId !== null) {
    const [row] = await executor.select({ title: collections.title }).from(collections).where(eq(collections.id, target.collectionId));
    if (!row) throw new Refusal(422, "That collection no longer exists. Choose another.", "collection");
    names.collection = row.title;
  }
  if (target.skillId !== null) {
    const [row] = await executor.select({ name: skills.name }).from(skills).where(eq(skills.id, target.skillId));
    if (!row) throw new Refusal(422, "That skill no longer exists. Choose another.", "skill");
    names.skill = row.name;
  }
  return names;
}

type StateRow = {
  id: number;
  title: string;
  status: ProductState["status"];
  published_at: string | null;
  variants: ProductState["variants"];
  collection_position: number | null;
  has_skill: boolean;
};

/** What the edit needs of each product, in one query; `lock` takes the products' row locks (apply, undo). */
async function productStates(executor: Executor, ids: number[], target: Target, lock: boolean): Promise<ProductState[]> {
  if (ids.length === 0) return [];
  const rows = await executor.execute<StateRow>(sql`
    select p.id, p.title, p.status, to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as published_at,
      coalesce((select json_agg(json_build_object('id', v.id, 'title', v.title, 'price', v.price, 'compareAtPrice', v.compare_at_price,
                  'wholesalePrice', v.wholesale_price, 'leadTimeDays', v.lead_time_days) order by v.position, v.id)
                from variants v where v.product_id = p.id), '[]'::json) as variants,
      (select cp.position from collection_products cp where cp.product_id = p.id and cp.collection_id = ${target.collectionId ?? 0}) as collection_position,
      exists (select 1 from product_skills ps where ps.product_id = p.id and ps.skill_id = ${target.skillId ?? 0}) as has_skill
    from products p
    where p.id = any(${sql.param(ids)}::int[])
    order by p.id
    ${lock ? sql`for update of p` : sql``}`);
  const byId = new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        title: r.title,
        status: r.status,
        publishedAt: r.published_at,
        variants: r.variants,
        collectionPosition: r.collection_position === null ? null : Number(r.collection_position),
        hasSkill: r.has_skill,
      } satisfies ProductState,
    ]),
  );
  // Back in the selection's order (the list's), so the preview's first rows are the list's first.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type BulkPreview = {
  summary: string;
  kind: BulkEditKind;
  selected: number;
  plan: Omit<BulkPlan, "changes" | "unchanged"> & {
    changeCount: number;
    unchangedCount: number;
    unchangedFirst: BulkPlan["unchanged"];
  };
  rows: { title: string; variantTitle: string | null; from: string; to: string }[];
};

/** What applying the edit to the selection would change: the counts, the first rows and any refusals. */
export async function previewBulkEdit(selection: BulkSelection, edit: BulkEdit): Promise<BulkPreview> {
  const target = targetOf(edit);
  const names = await targetNames(db, target);
  const ids = await selectedProductIds(selection);
  const plan = planBulkEdit(edit, await productStates(db, ids, target, false));
  return {
    summary: describeBulkEdit(edit, names),
    kind: edit.kind,
    selected: ids.length,
    plan: {
      changedProducts: plan.changedProducts,
      refusals: plan.refusals.slice(0, BULK_PREVIEW_ROWS),
      changeCount: plan.changes.length,
      unchangedCount: plan.unchanged.length,
      unchangedFirst: plan.unchanged.slice(0, 5),
    },
    rows: plan.changes.slice(0, BULK_PREVIEW_ROWS).map((c) => ({
      title: c.title,
      variantTitle: c.variantTitle,
      from: describeValue(edit.kind, c.from),
      to: describeValue(edit.kind, c.to),
    })),
  };
}

function refusalMessage(refusals: BulkPlan["refusals"]): string {
  const named = refusals
    .slice(0, 5)
    .map((r) => `${r.title} (${r.message})`)
    .join("; ");
  const more = refusals.length > 5 ? `; and ${refusals.length - 5} more` : "";
  const products = new Set(refusals.map((r) => r.productId)).size;
  return `Nothing was changed: ${products === 1 ? "1 product refuses" : `${products} products refuse`} this edit: ${named}${more}. Untick ${products === 1 ? "it" : "them"} or choose another change.`;
}

/**
 * Writes the changes' `from` or `to` values, one statement per kind whatever the count. Status:
 * publishing stamps `published_at` the first time; going back restores it as it was.
 */
async function writeValues(tx: Executor, kind: BulkEditKind, target: Target, changes: BulkEditChange[], side: "from" | "to") {
  if (changes.length === 0) return;
  const productIds = changes.map((c) => c.productId);
  const values = changes.map((c) => c[side]);
  switch (kind) {
    case "status": {
      const stamps = changes.map((c) => c.publishedAt ?? null);
      await tx.execute(sql`
        update products p set status = c.status,
          published_at = ${side === "to" ? sql`case when c.status = 'active' then coalesce(p.published_at, now()) else p.published_at end` : sql`c.published_at::timestamptz`}
        from unnest(${sql.param(productIds)}::int[], ${sql.param(values.map(String))}::text[], ${sql.param(stamps)}::text[]) as c(id, status, published_at)
        where p.id = c.id`);
      return;
    }
    case "price":
    case "lead-time": {
      const column = kind === "price" ? sql`price` : sql`lead_time_days`;
      await tx.execute(sql`
        update variants v set ${column} = c.value
        from unnest(${sql.param(changes.map((c) => c.variantId ?? 0))}::int[], ${sql.param(values.map(Number))}::int[]) as c(id, value)
        where v.id = c.id`);
      return;
    }
    case "collection-add":
    case "collection-remove": {
      const leaving = changes.filter((c) => c[side] === null).map((c) => c.productId);
      const joining = changes.filter((c) => c[side] !== null);
      if (leaving.length)
        await tx.execute(
          sql`delete from collection_products where collection_id = ${target.collectionId} and product_id = any(${sql.param(leaving)}::int[])`,
        );
      if (joining.length) {
        // Back where it was (an undone removal), else at the end in the list's order.
        const positions = joining.map((c) => (typeof c[side] === "number" ? (c[side] as number) : null));
        await tx.execute(sql`
          insert into collection_products (collection_id, product_id, position)
          select ${target.collectionId}, c.id, coalesce(c.position, base.next + c.n - 1)
          from unnest(${sql.param(joining.map((c) => c.productId))}::int[], ${sql.param(positions)}::int[]) with ordinality as c(id, position, n),
               (select coalesce(max(position) + 1, 0) as next from collection_products where collection_id = ${target.collectionId}) base
          on conflict do nothing`);
      }
      return;
    }
    case "skill-add":
    case "skill-remove": {
      const leaving = changes.filter((c) => c[side] === null).map((c) => c.productId);
      const joining = changes.filter((c) => c[side] !== null).map((c) => c.productId);
      if (leaving.length)
        await tx.execute(
          sql`delete from product_skills where skill_id = ${target.skillId} and product_id = any(${sql.param(leaving)}::int[])`,
        );
      if (joining.length)
        await tx.execute(sql`
          insert into product_skills (product_id, skill_id)
          select id, ${target.skillId} from unnest(${sql.param(joining)}::int[]) as id on conflict do nothing`);
      return;
    }
  }
}

/** One audit row per product (its title, what changed from what to what), in one insert; the last row's id. */
async function auditPerProduct(
  tx: Executor,
  actor: string,
  action: string,
  kind: BulkEditKind,
  summary: string,
  editId: number,
  changes: BulkEditChange[],
  side: "from" | "to",
): Promise<number> {
  const byProduct = new Map<number, BulkEditChange[]>();
  for (const c of changes) byProduct.set(c.productId, [...(byProduct.get(c.productId) ?? []), c]);
  const rows = [...byProduct.values()].map((list) => ({
    actor,
    action,
    subject: `product:${list[0].productId}`,
    data: {
      product: list[0].title,
      change: summary,
      bulkEdit: editId,
      values: list.map((c) => ({
        ...(c.variantTitle ? { variant: c.variantTitle } : {}),
        from: describeValue(kind, side === "to" ? c.from : c.to),
        to: describeValue(kind, c[side]),
      })),
    },
  }));
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(auditLog).values(rows).returning({ id: auditLog.id });
  return Math.max(...inserted.map((r) => r.id));
}

export type BulkApplied = { editId: number; summary: string; changedProducts: number; unchanged: number };

/**
 * Applies the edit to the selection in one transaction: every product or none (a Refusal names the
 * ones that refuse). `selection.count`, when given, is the number the person confirmed: a different
 * number now (products added or removed since) refuses, so nothing is changed that was not shown.
 */
export async function applyBulkEdit(selection: BulkSelection, edit: BulkEdit, actor: string): Promise<BulkApplied> {
  const target = targetOf(edit);
  const applied = await db.transaction(async (tx) => {
    const names = await targetNames(tx, target);
    const ids = await selectedProductIds(selection, tx);
    if (ids.length === 0) throw new Refusal(422, "No products are selected. Tick some, or choose all on the page or all matching.", "ids");
    if (selection.count !== undefined && selection.count !== ids.length)
      throw new Refusal(
        409,
        `The selection changed since you reviewed it (${selection.count} products then, ${ids.length} now). Nothing was changed: review it again.`,
      );
    const plan = planBulkEdit(edit, await productStates(tx, ids, target, true));
    if (plan.refusals.length) throw new Refusal(422, refusalMessage(plan.refusals));
    const summary = describeBulkEdit(edit, names);
    if (plan.changes.length === 0) return { editId: 0, summary, changedProducts: 0, unchanged: plan.unchanged.length };
    await writeValues(tx, edit.kind, target, plan.changes, "to");
    const [row] = await tx
      .insert(productBulkEdits)
      .values({
        actor,
        kind: edit.kind,
        summary,
        params: { ...edit },
        changes: plan.changes,
        productCount: plan.changedProducts,
        lastAuditId: 0,
      })
      .returning({ id: productBulkEdits.id });
    const lastAuditId = await auditPerProduct(
      tx,
      actor,
      `product.bulk_${edit.kind.replace("-", "_")}`,
      edit.kind,
      summary,
      row.id,
      plan.changes,
      "to",
    );
    await tx.update(productBulkEdits).set({ lastAuditId }).where(eq(productBulkEdits.id, row.id));
    return { editId: row.id, summary, changedProducts: plan.changedProducts, unchanged: plan.unchanged.length };
  });
  if (applied.changedProducts > 0) clearCatalogCaches();
  return applied;
}

export type UndoableBulkEdit = { id: number; actor: string; summary: string; productCount: number; createdAt: string; undoUntil: string };

/** The last bulk edit, when it can still be undone (not undone, within BULK_UNDO_MINUTES); else null. */
export async function lastUndoableBulkEdit(executor: Executor = db): Promise<UndoableBulkEdit | null> {
  const [last] = await executor
    .select({
      id: productBulkEdits.id,
      actor: productBulkEdits.actor,
      summary: productBulkEdits.summary,
      productCount: productBulkEdits.productCount,
      createdAt: productBulkEdits.createdAt,
      undoneAt: productBulkEdits.undoneAt,
      fresh: sql<boolean>`${productBulkEdits.createdAt} > now() - make_interval(mins => ${BULK_UNDO_MINUTES})`,
    })
    .from(productBulkEdits)
    .orderBy(desc(productBulkEdits.id))
    .limit(1);
  if (!last || last.undoneAt || !last.fresh) return null;
  return {
    id: last.id,
    actor: last.actor,
    summary: last.summary,
    productCount: last.productCount,
    createdAt: last.createdAt.toISOString(),
    undoUntil: new Date(last.createdAt.getTime() + BULK_UNDO_MINUTES * 60_000).toISOString(),
  };
}

/**
 * Puts back every value the bulk edit changed, in one transaction. Refused when it is not the last
 * bulk edit, was undone already, is older than BULK_UNDO_MINUTES, or when any product it touched
 * was edited since (an audit entry about it, or a value no longer what the edit set): undoing then
 * would silently throw that later edit away.
 */
export async function undoBulkEdit(editId: number, actor: string): Promise<{ summary: string; productCount: number }> {
  const result = await db.transaction(async (tx) => {
    const [edit] = await tx
      .select({
        row: productBulkEdits,
        fresh: sql<boolean>`${productBulkEdits.createdAt} > now() - make_interval(mins => ${BULK_UNDO_MINUTES})`,
        // Qualified by hand: drizzle writes a single-table select's columns bare, which inside the
        // subquery would mean later.id.
        latest: sql<boolean>`not exists (select 1 from product_bulk_edits later where later.id > "product_bulk_edits"."id")`,
      })
      .from(productBulkEdits)
      .where(eq(productBulkEdits.id, editId))
      .for("update");
    if (!edit) throw new Refusal(404, "There is no such bulk edit.");
    const { row } = edit;
    if (row.undoneAt) throw new Refusal(409, "This bulk edit was undone already.");
    if (!edit.latest) throw new Refusal(409, "Only the last bulk edit can be undone, and a later one was made.");
    if (!edit.fresh)
      throw new Refusal(
        409,
        `A bulk edit can be undone for ${BULK_UNDO_MINUTES} minutes; this one is older. Change the products again instead.`,
      );

    const params = row.params as Partial<Target> & Record<string, unknown>;
    const target: Target = { collectionId: (params.collectionId as number) ?? null, skillId: (params.skillId as number) ?? null };
    const ids = [...new Set(row.changes.map((c) => c.productId))];
    const states = new Map((await productStates(tx, ids, target, true)).map((s) => [s.id, s]));

    const laterEdits = await tx.execute<{ subject: string; data: Record<string, unknown> }>(sql`
      select l.subject, l.data from audit_log l
      where l.id > ${row.lastAuditId}
        and (l.subject = any(${sql.param(ids.map((id) => `product:${id}`))}::text[])
          or (l.action like 'variant.%' and l.data->>'productId' = any(${sql.param(ids.map(String))}::text[])))
      limit 1`);
    const changedSince = row.changes.find((c) => {
      const now = states.get(c.productId);
      return !now || !stillAsSet(row.kind, c, now);
    });
    const editedTitle =
      changedSince?.title ??
      (laterEdits[0]
        ? row.changes.find(
            (c) => `product:${c.productId}` === laterEdits[0].subject || String(c.productId) === String(laterEdits[0].data.productId),
          )?.title
        : undefined);
    if (changedSince || laterEdits.length)
      throw new Refusal(
        409,
        `“${editedTitle ?? "A product"}” was edited after this bulk edit, so it can't be undone. Change the products again instead.`,
      );

    await writeValues(tx, row.kind, target, row.changes, "from");
    await auditPerProduct(tx, actor, "product.bulk_undo", row.kind, `Undo: ${row.summary}`, row.id, row.changes, "from");
    await tx.update(productBulkEdits).set({ undoneAt: sql`now()`, undoneBy: actor }).where(eq(productBulkEdits.id, row.id));
    return { summary: row.summary, productCount: row.productCount };
  });
  clearCatalogCaches();
  return result;
}

/** Whether the product still holds the value the edit set. */
function stillAsSet(kind: BulkEditKind, change: BulkEditChange, now: ProductState): boolean {
  switch (kind) {
    case "status":
      return now.status === change.to;
    case "collection-add":
    case "collection-remove":
      return (now.collectionPosition !== null) === (change.to !== null);
    case "skill-add":
    case "skill-remove":
      return now.hasSkill === (change.to !== null);
    case "price":
    case "lead-time": {
      const variant = now.variants.find((v) => v.id === change.variantId);
      return variant !== undefined && (kind === "price" ? variant.price : variant.leadTimeDays) === change.to;
    }
  }
}
