/**
 * How an address is asked for and checked in each country we ship to: the labels a shopper there
 * expects ("County (optional)" and "Postcode" in the UK, "State" and "ZIP code" in the US), which
 * fields are required, and the regions (state, province) that have a code, normalised to it.
 * Pure: the checkout form's labels in the browser and the server's checks read the same table.
 */
import { AU_STATES, CA_PROVINCES, US_STATES } from "./countries";

export type AddressFormat = {
  cityLabel: string;
  /** null: the country's addresses have no region line. */
  region: { label: string; required: boolean; options?: Record<string, string>; message?: string } | null;
  postal: { label: string; required: boolean; pattern?: RegExp; message: string; example?: string } | null;
};

const optionalRegion = { label: "Region (optional)", required: false };
const postalCode = (example?: string, pattern?: RegExp) => ({
  label: "Postal code",
  required: true,
  pattern,
  example,
  message: example ? `Enter a postal code like ${example}.` : "Enter your postal code.",
});

const FORMATS: Record<string, AddressFormat> = {
  US: {
    cityLabel: "City",
    region: { label: "State", required: true, options: US_STATES, message: "Enter a US state, e.g. California or CA." },
    postal: { label: "ZIP code", required: true, pattern: /^\d{5}(-\d{4})?$/, message: "Enter a 5-digit ZIP code.", example: "94105" },
  },
  CA: {
    cityLabel: "City",
    region: { label: "Province", required: true, options: CA_PROVINCES, message: "Enter a province, e.g. Ontario or ON." },
    postal: postalCode("K1A 0B1", /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/),
  },
  AU: {
    cityLabel: "Suburb / town",
    region: { label: "State / territory", required: true, options: AU_STATES, message: "Enter a state, e.g. New South Wales or NSW." },
    postal: { label: "Postcode", required: true, pattern: /^\d{4}$/, message: "Enter a 4-digit postcode.", example: "2000" },
  },
  GB: {
    cityLabel: "Town / city",
    region: { label: "County (optional)", required: false },
    postal: {
      label: "Postcode",
      required: true,
      pattern: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/,
      message: "Enter a postcode like SW1A 1AA.",
      example: "SW1A 1AA",
    },
  },
  IE: {
    cityLabel: "Town / city",
    region: { label: "County (optional)", required: false },
    postal: { label: "Eircode (optional)", required: false, message: "Enter your Eircode." },
  },
  NZ: { cityLabel: "Town / city", region: optionalRegion, postal: postalCode("6011", /^\d{4}$/) },
  // No postal codes in general use.
  HK: { cityLabel: "District", region: optionalRegion, postal: null },
  AE: { cityLabel: "City", region: { label: "Emirate (optional)", required: false }, postal: null },
  GH: { cityLabel: "City", region: optionalRegion, postal: { label: "Postal code (optional)", required: false, message: "" } },
  NG: {
    cityLabel: "City",
    region: { label: "State (optional)", required: false },
    postal: { label: "Postal code (optional)", required: false, message: "" },
  },
  KE: {
    cityLabel: "Town / city",
    region: { label: "County (optional)", required: false },
    postal: { label: "Postal code (optional)", required: false, message: "" },
  },
};

/** Most of Europe, Japan, Singapore, South Africa, Mexico, Brazil: a city and a required postal code. */
const DEFAULT_FORMAT: AddressFormat = { cityLabel: "City", region: optionalRegion, postal: postalCode() };

export function addressFormat(country: string): AddressFormat {
  return FORMATS[country.toUpperCase()] ?? DEFAULT_FORMAT;
}

const squash = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[.\s]+/g, " ")
    .trim()
    .toUpperCase();

/**
 * The region's code when the country's regions have codes ("California", "california", "Ca." and
 * "CA" are all "CA"), the region as typed (trimmed) when they do not, undefined when it is unknown.
 */
export function normaliseRegion(country: string, region: string | undefined): string | undefined {
  const value = region?.trim();
  if (!value) return undefined;
  const options = addressFormat(country).region?.options;
  if (!options) return value;
  const typed = squash(value);
  if (typed in options) return typed;
  const byName = Object.entries(options).find(([, name]) => squash(name) === typed);
  return byName?.[0];
}

/** "SW1A1AA" → "SW1A 1AA" (UK), "k1a0b1" → "K1A 0B1" (Canada); others trimmed. */
export function normalisePostalCode(country: string, postalCode: string | undefined): string | undefined {
  const value = postalCode?.trim();
  if (!value) return undefined;
  if (country === "GB" || country === "CA") {
    const compact = value.replace(/\s+/g, "").toUpperCase();
    return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  }
  return value;
}

/**
 * A card's expiry as the payment form sends it: "1229", "12/29", "12 / 2029", "1/29" → "12/29"-style
 * MM/YY (month padded). Anything else is returned trimmed for the card check to refuse.
 */
export function normaliseCardExpiry(expiry: string): string {
  const value = expiry.trim();
  const digits = /^(\d{2})(\d{2})$/.exec(value);
  if (digits) return `${digits[1]}/${digits[2]}`;
  const slashed = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(value);
  if (slashed) return `${slashed[1].padStart(2, "0")}/${slashed[2].slice(-2)}`;
  return value;
}

/** As one types: digits only, a slash after the month ("12" → "12/", "122" → "12/2", "1" stays). */
export function formatExpiryAsTyped(raw: string, previous = ""): string {
  const deleting = raw.length < previous.length;
  const digits = raw.replace(/\D/g, "").slice(0, 4);
  // A first digit above 1 can only be a one-digit month: "4" → "04/".
  const month = digits.length === 1 && Number(digits) > 1 ? `0${digits}` : digits.slice(0, 2);
  const rest = digits.length === 1 && Number(digits) > 1 ? "" : digits.slice(2);
  if (month.length < 2) return month;
  if (deleting && rest === "" && previous.endsWith("/")) return month.slice(0, raw.replace(/\D/g, "").length);
  return `${month}/${rest}`;
}
