/**
 * Sample interchanges as a retailer's EDI system sends them: the demo seed drops them in the inbox,
 * the tests and the bench build theirs here. Pure, and written by hand on purpose (not with our own
 * writer), so what we read is not only what we write.
 */
export type SampleParty = { qualifier: string; id: string; gsId: string };
export type SampleLine = { qty: number; price?: string; ids: Array<[string, string]>; uom?: string };
export type Sample850 = {
  from: SampleParty;
  to: SampleParty;
  control: number;
  usage?: "T" | "P";
  poNumber: string;
  /** CCYYMMDD */
  poDate: string;
  orderType?: string;
  shipNotBefore?: string;
  cancelAfter?: string;
  shipTo?: {
    code?: string;
    name?: string;
    address?: { line1: string; city: string; region: string; postalCode: string; country?: string };
  };
  lines: SampleLine[];
};

const pad = (s: string, n: number) => s.padEnd(n, " ").slice(0, n);

function isa(from: SampleParty, to: SampleParty, control: number, usage: string, date: string) {
  return [
    "ISA",
    "00",
    pad("", 10),
    "00",
    pad("", 10),
    from.qualifier,
    pad(from.id, 15),
    to.qualifier,
    pad(to.id, 15),
    date.slice(2),
    "1200",
    "U",
    "00401",
    String(control).padStart(9, "0"),
    "0",
    usage,
    ">",
  ].join("*");
}

/** Wraps transaction sets (their segments between ST and SE) into one interchange with correct totals. */
export function envelope(o: {
  from: SampleParty;
  to: SampleParty;
  control: number;
  usage?: string;
  date: string;
  functionalId: string;
  sets: Array<{ type: string; body: string[] }>;
}): string {
  const segs = [
    isa(o.from, o.to, o.control, o.usage ?? "T", o.date),
    `GS*${o.functionalId}*${o.from.gsId}*${o.to.gsId}*${o.date}*1200*${o.control}*X*004010`,
  ];
  o.sets.forEach((set, i) => {
    const st = String(i + 1).padStart(4, "0");
    segs.push(`ST*${set.type}*${st}`, ...set.body, `SE*${set.body.length + 2}*${st}`);
  });
  segs.push(`GE*${o.sets.length}*${o.control}`, `IEA*1*${String(o.control).padStart(9, "0")}`);
  return `${segs.join("~\n")}~\n`;
}

/** The segments of one 850 between ST and SE. */
export function body850(po: Omit<Sample850, "from" | "to" | "control" | "usage">): string[] {
  const body = [`BEG*00*${po.orderType ?? "SA"}*${po.poNumber}**${po.poDate}`];
  if (po.shipNotBefore) body.push(`DTM*010*${po.shipNotBefore}`);
  if (po.cancelAfter) body.push(`DTM*001*${po.cancelAfter}`);
  if (po.shipTo) {
    body.push(`N1*ST*${po.shipTo.name ?? "Ship to"}${po.shipTo.code ? `*92*${po.shipTo.code}` : ""}`);
    const a = po.shipTo.address;
    if (a) body.push(`N3*${a.line1}`, `N4*${a.city}*${a.region}*${a.postalCode}*${a.country ?? "US"}`);
  }
  po.lines.forEach((l, i) => {
    body.push(
      `PO1*${i + 1}*${l.qty}*${l.uom ?? "EA"}*${l.price ?? ""}*${l.price ? "PE" : ""}*${l.ids.map(([q, v]) => `${q}*${v}`).join("*")}`,
    );
  });
  body.push(`CTT*${po.lines.length}`);
  return body;
}

export function sample850(o: Sample850): string {
  return envelope({
    from: o.from,
    to: o.to,
    control: o.control,
    usage: o.usage,
    date: o.poDate,
    functionalId: "PO",
    sets: [{ type: "850", body: body850(o) }],
  });
}

/** An 860: cancel (01) the PO, or change (04) lines with POC (e.g. ["1", "QD", "6"]: line 1 down to 6). */
export function sample860(o: {
  from: SampleParty;
  to: SampleParty;
  control: number;
  usage?: string;
  poNumber: string;
  poDate: string;
  date: string;
  purpose: "01" | "04";
  changes?: string[][];
}): string {
  const body = [`BCH*${o.purpose}*SA*${o.poNumber}***${o.poDate}`, ...(o.changes ?? []).map((c) => `POC*${c.join("*")}`)];
  if (o.changes?.length) body.push(`CTT*${o.changes.length}`);
  return envelope({
    from: o.from,
    to: o.to,
    control: o.control,
    usage: o.usage,
    date: o.date,
    functionalId: "PC",
    sets: [{ type: "860", body }],
  });
}

/** A viewer of the TV retailer's, the ship-to of its sample drop-ship 850. */
export const SAMPLE_VIEWER = {
  name: "Dana Whitfield",
  address: { line1: "4127 Alder Lane", city: "Columbus", region: "OH", postalCode: "43214", country: "US" },
};

/**
 * A TV retailer's drop-ship 850 (BEG02 DS): the ship-to is its viewer's name and address (N1*ST, N3,
 * N4) with no distribution centre code; a piece or two at a time.
 */
export function sampleDropShip850(o: Omit<Sample850, "orderType" | "shipTo"> & { viewer?: typeof SAMPLE_VIEWER }): string {
  const viewer = o.viewer ?? SAMPLE_VIEWER;
  return sample850({ ...o, orderType: "DS", shipTo: { name: viewer.name, address: viewer.address } });
}
