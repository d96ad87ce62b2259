/** The EDI domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  DOCUMENT_NAMES,
  INBOUND_DOCUMENTS,
  MAX_INTERCHANGE_BYTES,
  MAX_XREF_BYTES,
  OUTBOUND_DOCUMENTS,
  newPartnerSchema,
  parseCrossReference,
  partnerSchema,
  shipToSchema,
} from "./forms";
export type { PartnerInput, XrefRow } from "./forms";
export { readable, segmentName, splitRaw } from "./readable";
export type { ReadableSegment } from "./readable";
