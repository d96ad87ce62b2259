/**
 * Each currency's order minimums on the wholesale lists page: a plain POST form per currency (works
 * with JavaScript off), a refusal shown beside the form it came from with what was typed.
 */
import { Form } from "@remix-run/react";
import { Field } from "~/components/ui/Field";
import { Notice } from "~/components/ui/Notice";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { minorToInput } from "~/lib/money";

type List = { currency: string; openingMinimum: number; reorderMinimum: number };
type Failure = { currency: string; error: string; fieldErrors: Record<string, string>; values: Record<string, string> };

export function MinimumsForms({ lists, failure }: { lists: List[]; failure?: Failure }) {
  return (
    <section className="ops-admin__section" aria-labelledby="minimums-title">
      <h2 id="minimums-title">Order minimums</h2>
      <p className="muted">
        A retailer's first order must reach the opening minimum, each later one the reorder minimum, in its own currency (0: none). The
        portal shows a change at once; orders already placed keep theirs.
      </p>
      <div className="minimums-forms">
        {lists.map((l) => {
          const mine = failure?.currency === l.currency ? failure : undefined;
          const value = (field: "openingMinimum" | "reorderMinimum") => mine?.values[field] ?? minorToInput(l[field], l.currency);
          return (
            <Form
              key={l.currency}
              method="post"
              id={`minimums-${l.currency}`}
              className="ops-admin__form minimums-form"
              aria-label={`${l.currency} minimums`}
              noValidate
            >
              <h3>{l.currency}</h3>
              {mine ? <Notice kind="error">{mine.error}</Notice> : null}
              <input type="hidden" name="currency" value={l.currency} />
              <Field
                name="openingMinimum"
                idPrefix={`min-${l.currency}`}
                label={`Opening order (${l.currency})`}
                inputMode="decimal"
                autoComplete="off"
                maxLength={40}
                defaultValue={value("openingMinimum")}
                error={mine?.fieldErrors.openingMinimum}
              />
              <Field
                name="reorderMinimum"
                idPrefix={`min-${l.currency}`}
                label={`Reorder (${l.currency})`}
                inputMode="decimal"
                autoComplete="off"
                maxLength={40}
                defaultValue={value("reorderMinimum")}
                error={mine?.fieldErrors.reorderMinimum}
              />
              <SubmitButton intent="minimums" match={{ currency: l.currency }} className="button button--small" busyLabel="Saving…">
                Save {l.currency} minimums
              </SubmitButton>
            </Form>
          );
        })}
      </div>
    </section>
  );
}
