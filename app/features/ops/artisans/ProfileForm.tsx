import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { Failure } from "./artisan";
import type { PageData } from "./artisan.server";

/** Name, phones, place, language, baseline earnings, bio, consent and skills: onboards the artisan, or saves them. */
export function ProfileForm({
  skills,
  places,
  detail,
  failure,
}: Pick<PageData, "skills" | "places" | "detail"> & { failure: Failure | undefined }) {
  const a = detail?.artisan;
  const v = (name: string, fallback: string) => failure?.values[name] ?? fallback;
  const e = (name: string) => failure?.errors[name];
  const capacityOf = new Map(detail?.skills.map((s) => [s.skillId, s.weeklyCapacity]) ?? []);
  const ticked = failure ? new Set((failure.values.skills ?? "").split(",").filter(Boolean).map(Number)) : new Set(capacityOf.keys());
  const label = a ? "Save" : "Onboard and send the welcome SMS";
  return (
    <section className="ops-admin__section" aria-labelledby="profile-title">
      <h2 id="profile-title">{a ? "Profile" : "Profile and skills"}</h2>
      <Form method="post" className="ops-admin__form" noValidate>
        <Field
          id="firstName"
          name="firstName"
          label="First name"
          defaultValue={v("firstName", a?.firstName ?? "")}
          error={e("firstName")}
          autoComplete="off"
        />
        <Field
          id="lastName"
          name="lastName"
          label="Last name"
          defaultValue={v("lastName", a?.lastName ?? "")}
          error={e("lastName")}
          autoComplete="off"
        />
        {a ? null : (
          <>
            <Field
              id="phone"
              name="phone"
              label="Mobile number"
              hint="Offers and the PIN link are sent here, e.g. 0712 345 678."
              defaultValue={v("phone", "")}
              error={e("phone")}
              inputMode="tel"
            />
            <Field
              id="payoutPhone"
              name="payoutPhone"
              label="M-Pesa payout number"
              hint="Leave empty to pay the mobile number above."
              defaultValue={v("payoutPhone", "")}
              error={e("payoutPhone")}
              inputMode="tel"
            />
          </>
        )}
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
          <FieldError id="county-error" message={e("county")} />
        </div>
        <Field
          id="settlement"
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
          id="baseline"
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
        <SubmitButton intent="profile" busyLabel={label}>
          {label}
        </SubmitButton>
      </Form>
    </section>
  );
}
