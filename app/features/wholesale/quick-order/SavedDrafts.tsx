import { Form } from "@remix-run/react";
import { ConfirmStep } from "~/components/ui/ConfirmStep";
import { LocalTime } from "~/components/ui/LocalTime";
import { poLabel } from "~/domain/wholesale";

export type SavedDraft = {
  id: number;
  name: string;
  poNumber: string | null;
  lineCount: number;
  units: number;
  updatedAt: Date;
  createdBy: string | null;
};

/**
 * The retailer's other saved drafts, each to open (it becomes the working draft) or delete (after a
 * confirmation; `refused` is the action's answer to a delete sent without one).
 */
export function SavedDrafts({ drafts, refused }: { drafts: SavedDraft[]; refused?: { about: string; message: string } }) {
  return (
    <section aria-labelledby="drafts-heading" className="wholesale-panel">
      <h2 id="drafts-heading">Saved drafts</h2>
      <div className="wholesale-table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Items</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.name}
                  {d.poNumber ? <span className="muted"> · {poLabel(d.poNumber)}</span> : null}
                </td>
                <td>
                  {d.lineCount} ({d.units} units)
                </td>
                <td>
                  <LocalTime iso={d.updatedAt.toISOString()} />
                </td>
                <td>{d.createdBy ?? "—"}</td>
                <td>
                  <div className="wholesale-actions">
                    <Form method="post">
                      <input type="hidden" name="intent" value="open-draft" />
                      <input type="hidden" name="draftId" value={d.id} />
                      <button type="submit" className="button button--small" aria-label={`Open ${d.name}`}>
                        Open
                      </button>
                    </Form>
                    <ConfirmStep
                      label="Delete"
                      name={`Delete ${d.name}`}
                      question={`Delete “${d.name}”? It can't be brought back.`}
                      confirmLabel="Yes, delete it"
                      fields={{ intent: "delete-draft", draftId: d.id }}
                      open={refused?.about === `draft-${d.id}`}
                      error={refused?.about === `draft-${d.id}` ? refused.message : undefined}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
