/** The checkout domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  type AddressFormat,
  addressFormat,
  formatExpiryAsTyped,
  normaliseCardExpiry,
  normalisePostalCode,
  normaliseRegion,
} from "./address-format";
export { AU_STATES, CA_PROVINCES, COUNTRIES, US_STATES, countryFromLanguages } from "./countries";
export { addressSchema, discountSchema, paySchema, shippingSchema } from "./forms";
