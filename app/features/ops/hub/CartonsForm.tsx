import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { PackingEdi } from "~/domain/edi/index.server";
import type { ShipFailure } from "./forms";

/**
 * An EDI order's cartons: for each line, the pieces in carton 1, 2, … ("12, 12"); saved, each carton
 * has an SSCC and its GS1-128 label prints. The retailer's 856 lists the same cartons.
 */
export function CartonsForm({
  order,
  show,
  edi,
  failure,
}: {
  order: string;
  show: "pack" | "ship";
  edi: PackingEdi;
  failure: ShipFailure | null;
}) {
  const id = (line: number) => `cartons-${order}-${line}`;
  return (
    <section className="hub-cartons" aria-label={`Cartons for ${order}`}>
      <p>
        <span className="badge">EDI</span> {edi.partnerName} · PO <strong>{edi.poNumber}</strong>
        {edi.dropShip ? (
          <>
            {" "}
            · <span className="badge badge--warn">Drop-ship</span> to the retailer's customer, in {edi.partnerName}'s name
          </>
        ) : null}
      </p>
      {edi.cartons.length ? (
        <>
          <ol className="hub-cartons__list">
            {edi.cartons.map((c) => (
              <li key={c.sscc}>
                Carton {c.position}: <code>{c.sscc}</code> — {c.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ")}
              </li>
            ))}
          </ol>
          <p>
            <a href={`/ops/hub/cartons/${order}.pdf`} target="_blank" rel="noreferrer">
              Carton labels (PDF, {edi.cartons.length} × 4×6 in)
            </a>
          </p>
        </>
      ) : (
        <p className="muted">No cartons yet: say how the pieces go into cartons, then print a GS1-128 label for each.</p>
      )}
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}
      <Form method="post" aria-label={`Cartons for ${order}`}>
        <input type="hidden" name="order" value={order} />
        <input type="hidden" name="show" value={show} />
        <div className="hub-fields">
          {edi.lines.map((l) => (
            <div className="field" key={l.orderLineId}>
              <label htmlFor={id(l.orderLineId)}>
                {l.sku}: pieces per carton ({l.quantity} in all)
              </label>
              <input
                id={id(l.orderLineId)}
                name={`split:${l.orderLineId}`}
                defaultValue={failure?.values[`split:${l.orderLineId}`] ?? l.split}
                inputMode="numeric"
                autoComplete="off"
                aria-describedby={`${id(l.orderLineId)}-hint`}
              />
              <p className="field-hint" id={`${id(l.orderLineId)}-hint`}>
                Carton 1 first: "12, 12" is two cartons of 12.
              </p>
            </div>
          ))}
        </div>
        <SubmitButton intent="cartons" match={{ order }} className="button button--small button--ghost">
          {edi.cartons.length ? "Save cartons (new labels)" : "Save cartons"}
        </SubmitButton>
      </Form>
    </section>
  );
}
