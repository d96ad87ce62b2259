import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listPage } from "~/lib/fields";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { listRetailers } from "~/domain/wholesale/index.server";
import styles from "~/styles/wholesale.css";
import { parseWith } from "~/lib/validation";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { formatOpsTime } from "~/lib/time";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Retailers · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.retailers._index", "loader");
  const parsed = parseWith(filterSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const filter = parsed.data;
  return { filter, ...(await listRetailers({ ...filter, perPage: 25 })) };
}

export default function OpsRetailers() {
  const { filter, rows, total, page, pageCount, counts } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.status || filter.q);
  return (
    <div className="ops-page">
      <h1>Retailers</h1>
      <p className="muted">
        Wholesale accounts and applications.{" "}
        {counts.applied ? (
          <Link to="/ops/retailers?status=applied">{counts.applied} waiting for a decision</Link>
        ) : (
          "No applications waiting."
        )}
      </p>
      <form method="get" className="ops-filters" aria-label="Filter retailers">
        <div className="field">
          <label htmlFor="retailers-q">Name or email</label>
          <input id="retailers-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={120} />
        </div>
        <FilterSelect
          id="retailers-status"
          label="Status"
          name="status"
          value={filter.status}
          all="All statuses"
          options={STATUSES.map((s) => [
            s,
            <>
              {STATUS_LABEL[s]} ({counts[s] ?? 0})
            </>,
          ])}
        />
        <button type="submit" className="button button--small">
          Filter
        </button>
        {filtered ? (
          <Link to="/ops/retailers" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>
      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="retailers">
          <h2>{filtered ? "No retailers match these filters" : "No retailers yet"}</h2>
          <p className="muted">Applications from /wholesale appear here.</p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "retailer" : "retailers"}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Retailers">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Retailer</th>
                  <th scope="col">Status</th>
                  <th scope="col">City</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Terms</th>
                  <th scope="col" className="num">
                    Credit limit
                  </th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/ops/retailers/${r.id}`}>{r.name}</Link>
                    </td>
                    <td>
                      <span className={`badge ${BADGE[r.status]}`}>{STATUS_LABEL[r.status]}</span>
                    </td>
                    <td>{r.city ? `${r.city}, ${r.country}` : r.country}</td>
                    <td>{r.status === "approved" ? r.tier : "—"}</td>
                    <td>{r.status === "approved" ? TERMS_LABEL[r.paymentTerms] : "—"}</td>
                    <td className="num">
                      {r.status === "approved" && r.paymentTerms !== "card" ? (
                        <Money value={{ amount: r.creditLimit, currency: "USD" }} />
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      <time dateTime={r.createdAt.toISOString()}>{formatOpsTime(r.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Retailer pages" />
    </div>
  );
}

const STATUSES = ["applied", "approved", "rejected", "suspended"] as const;
const STATUS_LABEL: Record<(typeof STATUSES)[number], string> = {
  applied: "Applied",
  approved: "Approved",
  rejected: "Rejected",
  suspended: "Suspended",
};
const BADGE: Record<(typeof STATUSES)[number], string> = {
  applied: "badge--warn",
  approved: "badge--ok",
  rejected: "badge--bad",
  suspended: "",
};
const TERMS_LABEL: Record<string, string> = { card: "Card", net30: "Net 30", net60: "Net 60" };
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const filterSchema = z.object({
  status: z.preprocess(blank, z.enum(STATUSES, { message: "Unknown status filter." }).optional()),
  q: z.preprocess(blank, z.string().trim().max(120, "Search for at most 120 characters.").optional()),
  page: listPage({ max: 10_000 }),
});
