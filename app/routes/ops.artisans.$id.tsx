import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { COUNTY_NAMES, parseArtisanForm, settlementsOf } from "~/domain/artisans";
import {
  artisanDetail,
  deactivateArtisan,
  listSkills,
  onboardArtisan,
  reactivateArtisan,
  updateArtisan,
} from "~/domain/artisans/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import type { FieldErrors } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { idOrNull, readForm } from "~/lib/validation";
import { answerRefusals } from "~/lib/refusal.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.detail ? `${data.detail.artisan.firstName} ${data.detail.artisan.lastName}` : "Onboard an artisan"} · Artisans · Soko operations`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.artisans.$id", "loader");
  const skills = await listSkills();
  const places = COUNTY_NAMES.map((county) => ({ county, settlements: settlementsOf(county) }));
  if (params.id === "new") return withFlash(request, { skills, places, detail: null });
  const detail = await artisanDetail(artisanId(params.id));
  if (!detail) throw new Response("There is no artisan with this id.", { status: 404 });
  return withFlash(request, { skills, places, detail });
}

type Failure = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.artisans.$id", "action");
  const actor = `staff:${staff.id}`;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "profile") {
    const parsed = parseArtisanForm(form);
    if (!parsed.ok) return data<Failure>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    values.skills = form.getAll("skills").join(",");
    if (params.id === "new") {
      const saved = await onboardArtisan(parsed.data, actor);
      if (!saved.ok) return data<Failure>({ intent, errors: saved.errors, values }, { status: 422 });
      return redirectWithFlash(request, `/ops/artisans/${saved.id}`, {
        kind: "success",
        message: `${parsed.data.firstName} ${parsed.data.lastName} is onboarded, with a workshop location. A welcome SMS with the PIN link is on its way to ${parsed.data.phone}.`,
      });
    }
    const saved = await updateArtisan(artisanId(params.id), parsed.data, actor);
    if (!saved.ok) return data<Failure>({ intent, errors: saved.errors, values }, { status: 422 });
    return redirectWithFlash(request, `/ops/artisans/${saved.id}`, { kind: "success", message: "Saved." });
  }
  if (params.id === "new") throw new Response("Unknown action", { status: 400 });
  const id = artisanId(params.id);
  if (intent === "deactivate") {
    const result = await deactivateArtisan(id, actor);
    const parts = [result.changed ? "Deactivated: no new work will be offered." : "Already inactive."];
    if (result.offersReturned)
      parts.push(`${result.offersReturned} open ${result.offersReturned === 1 ? "offer went" : "offers went"} back to dispatch.`);
    if (result.workInHand)
      parts.push(
        `${result.workInHand} accepted ${result.workInHand === 1 ? "request stays" : "requests stay"} with them: reassign on the production board if needed.`,
      );
    return redirectWithFlash(request, `/ops/artisans/${id}`, { kind: "success", message: parts.join(" ") });
  }
  if (intent === "reactivate") {
    await reactivateArtisan(id, actor);
    return redirectWithFlash(request, `/ops/artisans/${id}`, {
      kind: "success",
      message: "Active again: the dispatch engine can offer them work.",
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function OpsArtisan() {
  const { skills, places, detail, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const busy = useNavigation().state === "submitting";
  const a = detail?.artisan;
  const v = (name: string, fallback: string) => failure?.values[name] ?? fallback;
  const e = (name: string) => failure?.errors[name];
  const capacityOf = new Map(detail?.skills.map((s) => [s.skillId, s.weeklyCapacity]) ?? []);
  const ticked = failure ? new Set((failure.values.skills ?? "").split(",").filter(Boolean).map(Number)) : new Set(capacityOf.keys());
  const p = detail?.performance;

  return (
    <div className="ops-page ops-admin">
      <p>
        <Link to="/ops/artisans">← All artisans</Link>
      </p>
      <div className="ops-admin__head">
        <h1>{a ? `${a.firstName} ${a.lastName}` : "Onboard an artisan"}</h1>
        {a ? a.active ? <span className="badge badge--ok">Active</span> : <span className="badge badge--bad">Inactive</span> : null}
      </div>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {failure && Object.keys(failure.errors).length ? (
        <p className="notice notice--error" role="alert">
          Please fix the {Object.keys(failure.errors).length === 1 ? "field" : "fields"} marked below.
        </p>
      ) : null}

      {detail && p ? (
        <section className="ops-admin__section" aria-labelledby="performance-title">
          <h2 id="performance-title">Performance</h2>
          <ul className="ops-admin__stats">
            <li className="ops-admin__stat">
              <strong>{p.onTimeRate === null ? "—" : `${p.onTimeRate}%`}</strong>
              <span>on time ({p.completed} passed QC)</span>
            </li>
            <li className="ops-admin__stat">
              <strong>{p.qcPassRate === null ? "—" : `${p.qcPassRate}%`}</strong>
              <span>
                QC pass rate ({p.unitsChecked} {p.unitsChecked === 1 ? "piece" : "pieces"} checked)
              </span>
            </li>
            <li className="ops-admin__stat">
              <strong>
                <Money value={{ amount: p.earnedThisMonth, currency: "KES" }} />
              </strong>
              <span>earned this month</span>
            </li>
            <li className="ops-admin__stat">
              <strong>
                <Money value={{ amount: p.earnedLastThreeMonths, currency: "KES" }} />
              </strong>
              <span>earned in the 3 months before</span>
            </li>
            <li className="ops-admin__stat">
              <strong>
                <Money value={{ amount: detail.artisan.baselineMonthlyEarnings, currency: "KES" }} />
              </strong>
              <span>a month before joining</span>
            </li>
          </ul>
          <p className="muted">
            Open work:{" "}
            {["offered", "accepted", "in_progress", "ready"].map((s) => `${detail.openWork[s] ?? 0} ${s.replace("_", " ")}`).join(", ")}.
            Workshop: {detail.workshop ? `${detail.workshop.name} (${detail.workshop.code})` : "none"}. PIN{" "}
            {a!.pinSet ? "set" : "not set yet"}.
          </p>
        </section>
      ) : null}

      <section className="ops-admin__section" aria-labelledby="profile-title">
        <h2 id="profile-title">{a ? "Profile" : "Profile and skills"}</h2>
        <Form method="post" className="ops-admin__form" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <Field
            name="firstName"
            label="First name"
            defaultValue={v("firstName", a?.firstName ?? "")}
            error={e("firstName")}
            autoComplete="off"
          />
          <Field
            name="lastName"
            label="Last name"
            defaultValue={v("lastName", a?.lastName ?? "")}
            error={e("lastName")}
            autoComplete="off"
          />
          <Field
            name="phone"
            label="Mobile number"
            hint="Offers and the PIN link are sent here, e.g. 0712 345 678."
            defaultValue={v("phone", a?.phone ?? "")}
            error={e("phone")}
            inputMode="tel"
          />
          <Field
            name="payoutPhone"
            label="M-Pesa payout number"
            hint="Leave empty to pay the mobile number above."
            defaultValue={v("payoutPhone", a && a.payoutPhone !== a.phone ? a.payoutPhone : "")}
            error={e("payoutPhone")}
            inputMode="tel"
          />
          <div className="field">
            <label htmlFor="county">County</label>
            <select
              id="county"
              name="county"
              defaultValue={v("county", a?.county ?? "")}
              aria-invalid={e("county") ? true : undefined}
              aria-describedby={e("county") ? "county-error" : undefined}
            >
              <option value="">Choose…</option>
              {places.map((pl) => (
                <option key={pl.county} value={pl.county}>
                  {pl.county}
                </option>
              ))}
            </select>
            {e("county") ? (
              <p id="county-error" className="field-error">
                {e("county")}
              </p>
            ) : null}
          </div>
          <Field
            name="settlement"
            label="Settlement or town"
            hint="Known places set the map point and distance to the hub; others use the county's main town until edited."
            defaultValue={v("settlement", a?.settlement ?? "")}
            error={e("settlement")}
            list="settlements"
          />
          <datalist id="settlements">
            {places.flatMap((pl) =>
              pl.settlements.map((s) => (
                <option key={`${pl.county}-${s}`} value={s}>
                  {pl.county}
                </option>
              )),
            )}
          </datalist>
          <div className="field">
            <label htmlFor="language">Language for SMS and the app</label>
            <select id="language" name="language" defaultValue={v("language", a?.language ?? "sw")}>
              <option value="sw">Kiswahili</option>
              <option value="en">English</option>
            </select>
          </div>
          <Field
            name="baseline"
            label="Monthly earnings before joining (KES)"
            hint="Recorded once, to measure the difference Soko makes. 0 if none."
            defaultValue={v("baseline", a ? String(a.baselineMonthlyEarnings / 100) : "")}
            error={e("baseline")}
            inputMode="decimal"
          />
          <div className="field">
            <label htmlFor="bio">Bio (for the public maker page)</label>
            <textarea id="bio" name="bio" rows={3} defaultValue={v("bio", a?.bio ?? "")} aria-invalid={e("bio") ? true : undefined} />
            {e("bio") ? <p className="field-error">{e("bio")}</p> : null}
          </div>
          <div className="field ops-admin__checks">
            <label>
              <input
                type="checkbox"
                name="publicProfile"
                value="on"
                defaultChecked={failure ? failure.values.publicProfile === "on" : (a?.publicProfile ?? false)}
              />{" "}
              They agree to a public maker profile (name, place, bio, portrait)
            </label>
          </div>
          <fieldset className="field">
            <legend>Skills and pieces a week</legend>
            {e("skills") ? (
              <p className="field-error" role="alert">
                {e("skills")}
              </p>
            ) : null}
            <div className="ops-admin__skills">
              {skills.map((s) => (
                <div key={s.id} className="ops-admin__skill">
                  <label>
                    <input type="checkbox" name="skills" value={s.id} defaultChecked={ticked.has(s.id)} /> {s.name}
                  </label>
                  <div>
                    <label className="visually-hidden" htmlFor={`capacity-${s.id}`}>
                      {s.name}: pieces a week
                    </label>
                    <input
                      id={`capacity-${s.id}`}
                      name={`capacity-${s.id}`}
                      type="number"
                      min={1}
                      max={500}
                      inputMode="numeric"
                      placeholder="pieces/week"
                      defaultValue={v(`capacity-${s.id}`, capacityOf.has(s.id) ? String(capacityOf.get(s.id)) : "")}
                      aria-invalid={e(`capacity-${s.id}`) ? true : undefined}
                    />
                    {e(`capacity-${s.id}`) ? <p className="field-error">{e(`capacity-${s.id}`)}</p> : null}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button" disabled={busy}>
            {a ? "Save" : "Onboard and send the welcome SMS"}
          </button>
        </Form>
      </section>

      {a ? (
        <section className="ops-admin__section" aria-labelledby="status-title">
          <h2 id="status-title">{a.active ? "Deactivate" : "Reactivate"}</h2>
          <p className="muted">
            {a.active
              ? "They stop getting offers; their open offers go back to dispatch at once. Accepted work stays with them. Earnings owed are still paid."
              : "They can be offered work again."}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={a.active ? "deactivate" : "reactivate"} />
            <button type="submit" className={`button button--small${a.active ? " button--ghost ops-admin__danger" : ""}`}>
              {a.active ? "Deactivate artisan" : "Reactivate artisan"}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

type FieldProps = { name: string; label: string; hint?: string; error?: string; defaultValue: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "name" | "id" | "defaultValue"
>;

function Field({ name, label, hint, error, defaultValue, ...rest }: FieldProps) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
      {hint ? (
        <p id={`${name}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function artisanId(raw: string | undefined): number {
  const id = idOrNull(raw);
  if (!id) throw new Response("There is no artisan with this id.", { status: 404 });
  return id;
}
