import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { ARTISAN_ACTIONS, opsAllows } from "~/domain/accounts";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { COUNTY_NAMES, artisanListSchema } from "~/domain/artisans";
import { listArtisans, listSkills } from "~/domain/artisans/index.server";
import { parseWith } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { FilterSelect } from "~/components/ui/FilterSelect";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Artisans · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.artisans._index", "loader");
  const parsed = parseWith(artisanListSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const [list, skills] = await Promise.all([listArtisans({ ...parsed.data, perPage: PER_PAGE }), listSkills()]);
  // Finance opens the list to find an artisan's numbers; onboarding is operations' (ARTISAN_ACTIONS).
  return { filter: parsed.data, skills, counties: COUNTY_NAMES, canOnboard: opsAllows(ARTISAN_ACTIONS.profile, staff.roles), ...list };
}

export default function OpsArtisans() {
  const { filter, skills, counties, canOnboard, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.q || filter.county || filter.skill || filter.status);
  return (
    <div className="ops-page ops-admin">
      <div className="ops-admin__head">
        <h1>Artisans</h1>
        {canOnboard ? (
          <Link to="/ops/artisans/new" className="button">
            Onboard an artisan
          </Link>
        ) : null}
      </div>
      <form method="get" className="ops-filters" aria-label="Filter artisans">
        <div className="field">
          <label htmlFor="artisans-q">Name, phone or settlement</label>
          <input id="artisans-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={80} />
        </div>
        <FilterSelect
          id="artisans-county"
          label="County"
          name="county"
          value={filter.county}
          all="All counties"
          options={counties.map((c) => [c, c])}
        />
        <FilterSelect
          id="artisans-skill"
          label="Skill"
          name="skill"
          value={filter.skill}
          all="All skills"
          options={skills.map((s) => [s.id, s.name])}
        />
        <div className="field">
          <label htmlFor="artisans-status">Status</label>
          <select id="artisans-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">Active and inactive</option>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
          </select>
        </div>
        <button type="submit" className="button button--small">
          Search
        </button>
        {filtered ? (
          <Link to="/ops/artisans" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="artisans">
          <h2>{filtered ? "No artisans match these filters" : "No artisans yet"}</h2>
          <p className="muted">{filtered ? "Try another search or clear the filters." : "Onboard the first one."}</p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total.toLocaleString("en-US")} {total === 1 ? "artisan" : "artisans"}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Artisans">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Place</th>
                  <th scope="col">Skills</th>
                  <th scope="col" className="ops-num">
                    QC
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/ops/artisans/${a.id}`}>
                        {a.firstName} {a.lastName}
                      </Link>
                    </th>
                    <td>{a.phone}</td>
                    <td>
                      {a.settlement}, {a.county}
                    </td>
                    <td>{a.skills.join(", ") || "—"}</td>
                    <td className="ops-num">{(a.qualityScore / 100).toFixed(0)}%</td>
                    <td>
                      {a.active ? (
                        a.available ? (
                          <span className="badge badge--ok">Active</span>
                        ) : (
                          <span className="badge badge--warn">Away</span>
                        )
                      ) : (
                        <span className="badge badge--bad">Inactive</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Artisan pages" />
    </div>
  );
}

const PER_PAGE = 25;
