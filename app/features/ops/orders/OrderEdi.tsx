/** An EDI order's side of its ops page: the partner's PO, the 850 it came in, and our documents about it. */
import { DOCUMENT_NAMES } from "~/domain/edi";
import { StatusBadge } from "~/features/ops/edi/parts";
import { OpsLink } from "~/features/ops/shared/OpsLink";

export type OrderEdiView = {
  partnerId: number;
  partnerName: string;
  poNumber: string | null;
  interchangeId: number;
  documents: Array<{ id: number; type: string; controlNumber: number; status: string; overdue: boolean }>;
};

export function OrderEdi({ edi }: { edi: OrderEdiView }) {
  return (
    <section aria-labelledby="order-edi">
      <h2 id="order-edi">EDI</h2>
      <p>
        PO <strong>{edi.poNumber ?? "—"}</strong> from{" "}
        <OpsLink route="ops.edi.partners.$id" to={`/ops/edi/partners/${edi.partnerId}`}>
          {edi.partnerName}
        </OpsLink>
        {" · "}
        <OpsLink route="ops.edi.interchanges.$id" to={`/ops/edi/interchanges/${edi.interchangeId}`}>
          the 850 as received
        </OpsLink>
      </p>
      {edi.documents.length ? (
        <ul aria-label="EDI documents sent">
          {edi.documents.map((d) => (
            <li key={d.id}>
              <OpsLink route="ops.edi.documents.$id" to={`/ops/edi/documents/${d.id}`}>
                {DOCUMENT_NAMES[d.type] ?? d.type} #{d.controlNumber}
              </OpsLink>{" "}
              <StatusBadge status={d.status} overdue={d.overdue} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing sent to the partner about this order yet.</p>
      )}
    </section>
  );
}
