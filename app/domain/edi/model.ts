/** Plain shapes of X12 as we hold it: what x12.server.ts reads into and writes from. Pure. */

/** A segment: its tag and its elements (elements[0] is XX01). */
export type Segment = { tag: string; elements: string[] };

export type Delimiters = { element: string; segment: string; subElement: string };

/** A transaction set: ST and SE as read (SE null when missing) and the segments between them. */
export type TransactionSet = { st: string[]; se: string[] | null; segments: Segment[] };
export type Group = { gs: string[]; ge: string[] | null; sets: TransactionSet[] };
/** isa[0] is ISA01 … isa[15] is ISA16. */
export type Interchange = { isa: string[]; iea: string[] | null; delimiters: Delimiters; groups: Group[] };

export type Party = { qualifier: string; id: string; gsId: string };

/** One interchange we send: one functional group of one kind, its sets numbered 0001… */
export type OutboundInterchange = {
  sender: Party;
  receiver: Party;
  usage: "T" | "P";
  delimiters: Delimiters;
  /** CCYYMMDD and HHMM. */
  date: string;
  time: string;
  controlNumber: number;
  functionalId: string;
  sets: Array<{ type: string; segments: Segment[] }>;
};

/** The functional identifier (GS01) for each transaction set type. */
export const FUNCTIONAL_ID: Record<string, string> = {
  "850": "PO",
  "860": "PC",
  "997": "FA",
  "855": "PR",
  "856": "SH",
  "810": "IN",
  "846": "IB",
};

export const isaSender = (ix: Interchange) => ({ qualifier: ix.isa[4]?.trim() ?? "", id: ix.isa[5]?.trim() ?? "" });
export const isaReceiver = (ix: Interchange) => ({ qualifier: ix.isa[6]?.trim() ?? "", id: ix.isa[7]?.trim() ?? "" });
/** ISA13 without its zero padding, so 000000101 and 101 are the same interchange. */
export const isaControl = (ix: Interchange) => String(Number.parseInt(ix.isa[12] ?? "", 10));
export const isaUsage = (ix: Interchange) => (ix.isa[14] ?? "").trim();
