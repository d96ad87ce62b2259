/** The EDI pages of the ops console: what each loads (dates as ISO strings) and what each form does. */
import { z } from "zod";
import {
  DOCUMENT_NAMES,
  MAX_INTERCHANGE_BYTES,
  MAX_XREF_BYTES,
  newPartnerSchema,
  parseCrossReference,
  partnerSchema,
  readable,
  shipToSchema,
  splitRaw,
} from "~/domain/edi";
import {
  addShipTo,
  compliance,
  createPartner,
  documentDetail,
  errorList,
  importCrossReference,
  interchangeDetail,
  issueInboundToken,
  listPartners,
  partnerCandidates,
  partnerDetail,
  receiveInterchange,
  receivedLog,
  refuseTransaction,
  removeItemRef,
  removeShipTo,
  reprocessTransaction,
  scanInbox,
  sendInventoryAdvice,
  sentLog,
  updatePartner,
} from "~/domain/edi/index.server";
import { intId, listPage } from "~/lib/fields";
import { idOrNull, parseWith } from "~/lib/validation";

export type Answer =
  | { ok: true; message: string; token?: string; to?: string }
  | { ok: false; status: number; intent: string; errors: Record<string, string>; values?: Record<string, string>; list?: string[] };

export function idParam(raw: string | undefined, what: string) {
  const id = idOrNull(raw);
  if (!id) throw new Response(`There is no ${what} with that number.`, { status: 404 });
  return id;
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const pageSchema = z.object({
  page: listPage({ max: 10_000 }),
  partner: z.preprocess(blank, intId("Unknown partner.").optional()),
  dir: z.preprocess(blank, z.enum(["in", "out"], { message: "Unknown direction." }).default("in")),
  overdue: z.preprocess(blank, z.literal("1").optional()),
});

export function readFilter(url: URL) {
  const parsed = parseWith(pageSchema, url.searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  return parsed.data;
}

export async function partnersPage() {
  const [partners, candidates, scores] = await Promise.all([listPartners(), partnerCandidates(), compliance()]);
  const byId = new Map(scores.map((s) => [s.id, s]));
  return {
    partners: partners.map((p) => ({ ...p, lastReceived: p.lastReceived?.toISOString() ?? null, compliance: byId.get(p.id) ?? null })),
    candidates,
  };
}

export async function createPartnerAction(form: FormData, actor: string): Promise<Answer> {
  const parsed = parseWith(newPartnerSchema, form);
  if (!parsed.ok) return { ok: false, status: 422, intent: "create", errors: parsed.errors };
  const result = await createPartner({ retailerId: parsed.data.retailerId, actor });
  if (!result.ok) return { ok: false, status: result.status, intent: "create", errors: { [result.field ?? "form"]: result.message } };
  return { ok: true, message: result.message, to: `/ops/edi/partners/${result.id}` };
}

export async function partnerPage(id: number, url: URL) {
  const refsPage = readFilter(url).page;
  const [detail, [scores]] = await Promise.all([partnerDetail(id, refsPage), compliance({ partnerId: id })]);
  if (!detail) throw new Response("There is no EDI partner with that number.", { status: 404 });
  return { ...detail, compliance: scores, partner: { ...detail.partner, createdAt: detail.partner.createdAt.toISOString() } };
}

const refIdSchema = z.object({ refId: intId("That row is not one of ours.") });
const shipToIdSchema = z.object({ shipToId: intId("That ship-to is not one of ours.") });

export async function partnerAction(id: number, form: FormData, actor: string): Promise<Answer> {
  const intent = String(form.get("intent") ?? "");
  const values = () => Object.fromEntries([...form].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v)]));
  const fail = (status: number, errors: Record<string, string>, list?: string[]): Answer => ({
    ok: false,
    status,
    intent,
    errors,
    values: values(),
    list,
  });
  const done = (
    r: { ok: true; message: string } | { ok: false; status: number; message: string; field?: string; errors?: string[] },
  ): Answer =>
    r.ok ? { ok: true, message: r.message } : fail(r.status === 404 ? 404 : r.status, { [r.field ?? "form"]: r.message }, r.errors);
  if (intent === "save") {
    const parsed = parseWith(partnerSchema, form);
    if (!parsed.ok) return fail(422, parsed.errors);
    return done(await updatePartner(id, parsed.data, actor));
  }
  if (intent === "token") {
    const token = await issueInboundToken(id, actor);
    if (!token) return fail(404, { form: "That partner no longer exists." });
    return { ok: true, message: "A new token is set; the old one no longer works. Copy it now: it is not shown again.", token };
  }
  if (intent === "ship_to_add") {
    const parsed = parseWith(shipToSchema, form);
    if (!parsed.ok) return fail(422, parsed.errors);
    return done(await addShipTo(id, parsed.data, actor));
  }
  if (intent === "ship_to_remove") {
    const parsed = parseWith(shipToIdSchema, form);
    if (!parsed.ok) return fail(422, { form: parsed.errors.shipToId ?? "Choose a ship-to." });
    return done(await removeShipTo(id, parsed.data.shipToId, actor));
  }
  if (intent === "inventory_advice") return done(await sendInventoryAdvice(id, actor));
  if (intent === "xref_remove") {
    const parsed = parseWith(refIdSchema, form);
    if (!parsed.ok) return fail(422, { form: parsed.errors.refId ?? "Choose a row." });
    return done(await removeItemRef(id, parsed.data.refId, actor));
  }
  if (intent === "xref_import") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return fail(422, { file: "Choose a CSV file: qualifier,value,sku on each line." });
    if (file.size > MAX_XREF_BYTES) return fail(413, { file: "That file is larger than 2 MB." });
    const parsed = parseCrossReference(await file.text());
    if (!parsed.ok)
      return fail(
        422,
        { file: `Nothing was imported: ${parsed.errors.length === 1 ? "one row needs" : `${parsed.errors.length} rows need`} fixing.` },
        parsed.errors.slice(0, 50),
      );
    return done(await importCrossReference(id, parsed.rows, actor));
  }
  return fail(400, { form: "Unknown action." });
}

export async function logPage(url: URL) {
  const filter = readFilter(url);
  const partners = (await listPartners()).map((p) => ({ id: p.id, name: p.name }));
  if (filter.dir === "out") {
    const sent = await sentLog({ partnerId: filter.partner, overdue: Boolean(filter.overdue), page: filter.page });
    return {
      filter,
      partners,
      received: null,
      sent: {
        ...sent,
        rows: sent.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), typeName: DOCUMENT_NAMES[r.type] ?? r.type })),
      },
    };
  }
  const received = await receivedLog({ partnerId: filter.partner, page: filter.page });
  return {
    filter,
    partners,
    sent: null,
    received: { ...received, rows: received.rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })) },
  };
}

/**
 * The log's forms: an interchange uploaded by hand, or the inbox folders read now (a partner on the
 * phone says "we just dropped it": no waiting for the worker's next minute).
 */
export async function logAction(form: FormData, actor: string): Promise<Answer> {
  if (form.get("intent") !== "scan") return uploadAction(form, actor);
  const read = await scanInbox();
  if (!read.length) return { ok: true, message: "The inbox folders are empty: nothing new to read." };
  const refused = read.filter((r) => r.result.startsWith("refused")).length;
  return {
    ok: true,
    message: `Read ${read.length === 1 ? "1 file" : `${read.length} files`}: ${read.map((r) => `${r.file} ${r.result}`).join("; ")}.${refused ? " Refused files are in the folder's failed/ with a .reason.txt." : ""}`,
    to: "/ops/edi/log",
  };
}

export async function uploadAction(form: FormData, actor: string): Promise<Answer> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return { ok: false, status: 422, intent: "upload", errors: { file: "Choose an X12 file to upload." } };
  if (file.size > MAX_INTERCHANGE_BYTES)
    return { ok: false, status: 413, intent: "upload", errors: { file: "That file is larger than 5 MB." } };
  const result = await receiveInterchange({ raw: await file.text(), source: "upload", actor });
  if (!result.ok) return { ok: false, status: result.status, intent: "upload", errors: { file: result.message } };
  const held = result.sets.filter((s) => s.status !== "ordered" && s.status !== "changed").length;
  const message = result.duplicate
    ? "That interchange was received before (same control number): nothing changed."
    : `Received: ${result.sets.map((s) => `${s.type} ${s.poNumber ?? s.control} ${s.status}${s.orderNumber ? ` as ${s.orderNumber}` : ""}`).join("; ")}.${held ? " See Errors for what needs you." : ""}`;
  return { ok: true, message, to: `/ops/edi/interchanges/${result.interchangeId}` };
}

export async function interchangePage(id: number) {
  const detail = await interchangeDetail(id);
  if (!detail) throw new Response("There is no interchange with that number.", { status: 404 });
  const { interchange } = detail;
  return {
    interchange: {
      id: interchange.id,
      controlNumber: interchange.controlNumber,
      source: interchange.source,
      status: interchange.status,
      usage: interchange.usage,
      receivedAt: interchange.receivedAt.toISOString(),
      receivedBy: interchange.receivedBy,
      raw: interchange.raw,
    },
    partnerName: detail.partnerName,
    readable: readable(splitRaw(interchange.raw)),
    sets: detail.sets.map(({ set, orderNumber }) => ({
      id: set.id,
      type: set.type,
      controlNumber: set.controlNumber,
      status: set.status,
      poNumber: set.poNumber,
      problems: set.problems,
      orderNumber,
      answers: detail.answers.filter((a) => a.transactionId === set.id),
    })),
  };
}

export async function documentPage(id: number) {
  const row = await documentDetail(id);
  if (!row) throw new Response("There is no document with that number.", { status: 404 });
  const { doc } = row;
  return {
    document: {
      id: doc.id,
      type: doc.type,
      typeName: DOCUMENT_NAMES[doc.type] ?? doc.type,
      controlNumber: doc.controlNumber,
      status: doc.status,
      reference: doc.reference,
      attempts: doc.attempts,
      lastError: doc.lastError,
      createdAt: doc.createdAt.toISOString(),
      sentAt: doc.sentAt?.toISOString() ?? null,
      acknowledgedAt: doc.acknowledgedAt?.toISOString() ?? null,
      ackDueAt: doc.ackDueAt?.toISOString() ?? null,
      raw: doc.raw,
    },
    partnerName: row.partnerName,
    orderNumber: row.orderNumber,
    overdue: Boolean(row.overdue),
    readable: readable(splitRaw(doc.raw)),
  };
}

export async function errorsPage(url: URL) {
  const filter = readFilter(url);
  const list = await errorList({ partnerId: filter.partner, page: filter.page });
  return { filter, ...list, rows: list.rows.map((r) => ({ ...r, processedAt: r.processedAt.toISOString() })) };
}

const setIdSchema = z.object({
  setId: intId("That transaction set is not one of ours."),
  intent: z.enum(["reprocess", "refuse"], { message: "Unknown action." }),
});

export async function errorsAction(form: FormData, actor: string): Promise<Answer> {
  const parsed = parseWith(setIdSchema, form);
  if (!parsed.ok) return { ok: false, status: 422, intent: "set", errors: { form: Object.values(parsed.errors).join(" ") } };
  const { setId, intent } = parsed.data;
  const result = intent === "reprocess" ? await reprocessTransaction(setId, actor) : await refuseTransaction(setId, actor);
  if (!result.ok) return { ok: false, status: result.status, intent, errors: { form: result.message } };
  return { ok: true, message: result.message };
}
