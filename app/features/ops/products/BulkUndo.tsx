/** The last bulk edit, while it can be undone: what it did, who and when, and the Undo button (a form). */
import { Form } from "@remix-run/react";
import { OpsTime } from "~/features/ops/shared/OpsTime";

type Props = {
  edit: { id: number; summary: string; productCount: number; actorName: string; createdAt: string; undoUntil: string };
  filter: { q?: string; status?: string; category?: string };
};

export function BulkUndo({ edit, filter }: Props) {
  return (
    <Form method="post" action="/ops/products/bulk" className="bulk-undo">
      <input type="hidden" name="intent" value="undo" />
      <input type="hidden" name="edit" value={edit.id} />
      {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
      {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
      {filter.category ? <input type="hidden" name="category" value={filter.category} /> : null}
      <p>
        Last bulk edit: <strong>{edit.summary}</strong> on {edit.productCount.toLocaleString("en-US")}{" "}
        {edit.productCount === 1 ? "product" : "products"}, by {edit.actorName} at <OpsTime iso={edit.createdAt} />. It can be undone until{" "}
        <OpsTime iso={edit.undoUntil} /> unless one of them is edited before.
      </p>
      <button type="submit" className="button button--small button--ghost">
        Undo the last bulk edit
      </button>
    </Form>
  );
}
