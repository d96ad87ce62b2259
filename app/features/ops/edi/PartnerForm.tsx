/** The trading partner's profile form: who it is on the wire, what it sends and expects, how we reach it. */
import { Form } from "@remix-run/react";
import { DOCUMENT_NAMES, INBOUND_DOCUMENTS, OUTBOUND_DOCUMENTS } from "~/domain/edi";
import { Field, FieldError } from "~/components/ui/Field";

export type ProfileView = {
  name: string;
  buyerId: number;
  theirQualifier: string;
  theirId: string;
  theirGsId: string;
  ourQualifier: string;
  ourId: string;
  ourGsId: string;
  usage: "T" | "P";
  documentsIn: string[];
  documentsOut: string[];
  elementDelimiter: string;
  segmentTerminator: string;
  subElementDelimiter: string;
  folder: string | null;
  endpointUrl: string | null;
  packingSlipText: string;
  ackDueHours: number;
  allowanceBps: number;
  freightCharge: number;
  adviceAt: string;
  adviceTimeZone: string;
  active: boolean;
};

export function PartnerForm({
  partner,
  buyers,
  errors,
  values,
}: {
  partner: ProfileView;
  buyers: Array<{ id: number; name: string; email: string }>;
  errors: Record<string, string>;
  values?: Record<string, string>;
}) {
  const v = (k: keyof ProfileView) => values?.[k] ?? String(partner[k] ?? "");
  const text = (name: keyof ProfileView, label: string, extra: Record<string, unknown> = {}) => (
    <Field name={name} label={label} idPrefix="p" defaultValue={v(name)} error={errors[name]} {...extra} />
  );
  return (
    <Form method="post" className="edi-form" aria-label="Partner profile">
      <input type="hidden" name="intent" value="save" />
      {text("name", "Name", { required: true, maxLength: 120 })}
      <div className="field">
        <label htmlFor="p-buyerId">Orders placed under</label>
        <select id="p-buyerId" name="buyerId" defaultValue={v("buyerId")} aria-describedby={errors.buyerId ? "p-buyerId-error" : undefined}>
          {buyers.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.email})
            </option>
          ))}
        </select>
        <FieldError id="p-buyerId-error" message={errors.buyerId} />
      </div>
      <fieldset>
        <legend>Their interchange (ISA05/06, GS02)</legend>
        <div className="edi-form__row">
          {text("theirQualifier", "Qualifier", { required: true, maxLength: 2 })}
          {text("theirId", "Interchange id", { required: true, maxLength: 15 })}
          {text("theirGsId", "Group id", { required: true, maxLength: 15 })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Ours (ISA07/08, GS03)</legend>
        <div className="edi-form__row">
          {text("ourQualifier", "Qualifier", { required: true, maxLength: 2 })}
          {text("ourId", "Interchange id", { required: true, maxLength: 15 })}
          {text("ourGsId", "Group id", { required: true, maxLength: 15 })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Mode (ISA15)</legend>
        <div className="edi-checks">
          {(["T", "P"] as const).map((u) => (
            <label key={u}>
              <input type="radio" name="usage" value={u} defaultChecked={v("usage") === u} /> {u === "T" ? "Test" : "Production"}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={errors.documentsIn ? "p-in-error" : undefined}>
        <legend>They send</legend>
        <div className="edi-checks">
          {INBOUND_DOCUMENTS.map((d) => (
            <label key={d}>
              <input type="checkbox" name="documentsIn" value={d} defaultChecked={partner.documentsIn.includes(d)} /> {DOCUMENT_NAMES[d]}
            </label>
          ))}
        </div>
        <FieldError id="p-in-error" message={errors.documentsIn} />
      </fieldset>
      <fieldset>
        <legend>They expect from us</legend>
        <div className="edi-checks">
          {OUTBOUND_DOCUMENTS.map((d) => (
            <label key={d}>
              <input type="checkbox" name="documentsOut" value={d} defaultChecked={partner.documentsOut.includes(d)} /> {DOCUMENT_NAMES[d]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Delimiters of what we send</legend>
        <div className="edi-form__row">
          {text("elementDelimiter", "Element", { required: true, maxLength: 1 })}
          {text("segmentTerminator", "Segment", { required: true, maxLength: 1 })}
          {text("subElementDelimiter", "Sub-element", { required: true, maxLength: 1 })}
        </div>
      </fieldset>
      {text("folder", "Folder (inbox and outbox)", {
        maxLength: 64,
        hint: "EDI_DIR/inbox/<folder>/ is read every minute; our documents go to EDI_DIR/outbox/<folder>/.",
      })}
      {text("endpointUrl", "Their endpoint (optional)", {
        type: "url",
        maxLength: 500,
        hint: "Our documents are also POSTed here, retried with backoff.",
      })}
      {text("ackDueHours", "Hours for their 997", { type: "number", min: 1, max: 720, required: true })}
      <fieldset>
        <legend>Vendor agreement (on every order and its 810)</legend>
        <div className="edi-form__row">
          <Field
            name="allowanceBps"
            label="Allowance (%)"
            idPrefix="p"
            inputMode="decimal"
            defaultValue={values?.allowanceBps ?? String(partner.allowanceBps / 100)}
            error={errors.allowanceBps}
            hint="Taken off the goods: the order's discount, an SAC allowance on the 810."
          />
          <Field
            name="freightCharge"
            label="Freight they pay per order ($)"
            idPrefix="p"
            inputMode="decimal"
            defaultValue={values?.freightCharge ?? (partner.freightCharge / 100).toFixed(2)}
            error={errors.freightCharge}
            hint="0 when we pay freight; otherwise on the invoice and an SAC charge on the 810."
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>846 inventory advice (when they expect it)</legend>
        <div className="edi-form__row">
          {text("adviceAt", "Daily at", { type: "time", required: true, hint: "On the partner's clock." })}
          {text("adviceTimeZone", "Their time zone", { required: true, maxLength: 64, hint: "e.g. America/New_York" })}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="p-packingSlipText">Drop-ship packing slip text</label>
        <textarea id="p-packingSlipText" name="packingSlipText" rows={3} maxLength={2000} defaultValue={v("packingSlipText")} />
        <FieldError id="p-packingSlipText-error" message={errors.packingSlipText} />
      </div>
      <label>
        <input type="checkbox" name="active" defaultChecked={values ? values.active === "on" : partner.active} /> Active (interchanges from
        an inactive partner are refused)
      </label>
      <p>
        <button type="submit" className="button">
          Save profile
        </button>
      </p>
    </Form>
  );
}
