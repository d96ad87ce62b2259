/** Pieces the EDI pages share: their tabs, the status badges, the raw-and-readable view, notices. */
import { NavLink } from "@remix-run/react";
import type { ReadableSegment } from "~/domain/edi";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { FlashNotice, type NoticeMessage } from "~/components/ui/Notice";
import { formatOpsTime } from "~/lib/time";

export function EdiTabs() {
  const cls = ({ isActive }: { isActive: boolean }) => `edi-tabs__tab${isActive ? " edi-tabs__tab--on" : ""}`;
  return (
    <nav className="edi-tabs" aria-label="EDI">
      <NavLink to="/ops/edi" end className={cls}>
        Partners
      </NavLink>
      <NavLink to="/ops/edi/log" className={cls}>
        Document log
      </NavLink>
      <NavLink to="/ops/edi/errors" className={cls}>
        Errors
      </NavLink>
    </nav>
  );
}

const BADGE: Record<string, string> = {
  accepted: "badge--ok",
  ordered: "badge--ok",
  acknowledged: "badge--ok",
  changed: "badge--ok",
  cancelled: "",
  sent: "",
  pending: "badge--warn",
  partial: "badge--warn",
  held: "badge--warn",
  rejected: "badge--bad",
  refused: "badge--bad",
  failed: "badge--bad",
};
const WORD: Record<string, string> = { held: "needs fixing", partial: "partly accepted" };

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <>
      <span className={`badge ${BADGE[status] ?? ""}`}>{WORD[status] ?? status}</span>
      {overdue ? <span className="badge badge--bad">997 overdue</span> : null}
    </>
  );
}

export function Notice({ flash, error }: { flash?: NoticeMessage | null; error?: string }) {
  return (
    <>
      <FlashNotice flash={flash} />
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The X12 as it travelled beside the same segments named and labelled. */
export function RawAndReadable({ raw, segments }: { raw: string; segments: ReadableSegment[] }) {
  return (
    <div className="edi-split">
      <section aria-labelledby="edi-raw">
        <h2 id="edi-raw">Raw</h2>
        <ScrollRegion className="edi-raw" label="Raw X12">
          <pre>{raw}</pre>
        </ScrollRegion>
      </section>
      <section aria-labelledby="edi-readable">
        <h2 id="edi-readable">Readable</h2>
        <ScrollRegion className="edi-readable" label="Readable X12">
          <ol className="edi-segments">
            {segments.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments have no id but their position
              <li key={i}>
                <strong>
                  {s.tag} <span className="muted">{s.name}</span>
                </strong>
                {s.fields.length ? (
                  <dl>
                    {s.fields.map((f) => (
                      <div key={f.label}>
                        <dt>{f.label}</dt>
                        <dd>{f.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </li>
            ))}
          </ol>
        </ScrollRegion>
      </section>
    </div>
  );
}

/** When a document moved, on the factory's clock like every other ops time ("6 Dec 2026, 22:34 EAT"), never bare UTC. */
export const day = (iso: string | null) => (iso ? formatOpsTime(iso) : "—");
