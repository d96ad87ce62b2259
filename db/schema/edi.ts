/**
 * X12 EDI with department stores (docs/decisions/0017-x12-edi.md): each trading partner is a retailer
 * with an EDI profile; every interchange we receive is kept raw and parsed, each transaction set in it
 * has its outcome, and every document we send is kept with its delivery status.
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { variants } from "./catalog";
import { orders } from "./commerce";
import { buyerUsers, retailerLocations, retailers } from "./wholesale";

export const EDI_USAGES = ["T", "P"] as const;
export const EDI_INBOUND_TYPES = ["850", "860"] as const;
export const EDI_OUTBOUND_TYPES = ["997", "855", "856", "810", "846"] as const;

/** A retailer's EDI profile: who it is on the wire, what it sends and expects, and how we reach it. */
export const ediPartners = pgTable(
  "edi_partners",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    retailerId: integer()
      .notNull()
      .references(() => retailers.id),
    /** The retailer's buyer whose name the EDI orders are placed under (confirmations go to them). */
    buyerId: integer()
      .notNull()
      .references(() => buyerUsers.id),
    name: text().notNull(),
    /** ISA05/ISA06 (theirs) and ISA07/ISA08 (ours), ids kept without ISA's space padding. */
    theirQualifier: text().notNull().default("ZZ"),
    theirId: text().notNull(),
    theirGsId: text().notNull(),
    ourQualifier: text().notNull().default("ZZ"),
    ourId: text().notNull(),
    ourGsId: text().notNull(),
    /** ISA15: T (test) or P (production); an interchange marked otherwise is refused. */
    usage: text({ enum: EDI_USAGES }).notNull().default("T"),
    documentsIn: text({ enum: EDI_INBOUND_TYPES }).array().notNull().default(sql`'{850,860}'`),
    documentsOut: text({ enum: EDI_OUTBOUND_TYPES }).array().notNull().default(sql`'{997,855,856,810}'`),
    elementDelimiter: text().notNull().default("*"),
    segmentTerminator: text().notNull().default("~"),
    subElementDelimiter: text().notNull().default(">"),
    /** Outbound control numbers (ISA13, GS06, ST02) come from here, one UPDATE … RETURNING each. */
    nextControl: integer().notNull().default(1),
    /** sha256 of the partner's bearer token for POST /edi/inbound (the token itself is shown once). */
    inboundTokenHash: text(),
    /** The partner's folder name: EDI_DIR/inbox/<folder>/ is watched, EDI_DIR/outbox/<folder>/ gets our documents. */
    folder: text(),
    /** Our documents are also POSTed here, when set. */
    endpointUrl: text(),
    /**
     * The allowance the partner's vendor agreement takes off every order, in basis points (250 = 2.5%):
     * the order's discount, and an SAC*A on the 810.
     */
    allowanceBps: integer().notNull().default(0),
    /** Freight charged per order when the partner pays freight (USD cents; 0 when we pay): the order's shipping, an SAC*C on the 810. */
    freightCharge: integer().notNull().default(0),
    /** Printed on drop-ship packing slips in the retailer's name. */
    packingSlipText: text().notNull().default(""),
    /** How long the partner has to send its 997 for a document of ours before ops is told. */
    ackDueHours: integer().notNull().default(24),
    /** When the scheduled 846 goes (partners expecting one): HH:MM on the partner's clock, in its IANA zone. */
    adviceAt: text().notNull().default("06:00"),
    adviceTimeZone: text().notNull().default("America/New_York"),
    /** The partner-local day the last scheduled 846 went: one a day, whichever worker runs first. */
    lastAdviceOn: date({ mode: "string" }),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("edi_partners_their_id_key").on(t.theirQualifier, t.theirId),
    uniqueIndex("edi_partners_retailer_key").on(t.retailerId),
    check("edi_partners_advice_at", sql`${t.adviceAt} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check("edi_partners_allowance", sql`${t.allowanceBps} >= 0 and ${t.allowanceBps} <= 5000`),
    check("edi_partners_freight_charge", sql`${t.freightCharge} >= 0`),
    check(
      "edi_partners_delimiters",
      sql`length(${t.elementDelimiter}) = 1 and length(${t.segmentTerminator}) = 1 and length(${t.subElementDelimiter}) = 1`,
    ),
  ],
);

/** The partner's item numbers (UPC, its own item number, …) mapped to our variants. */
export const ediItemRefs = pgTable(
  "edi_item_refs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnerId: integer()
      .notNull()
      .references(() => ediPartners.id, { onDelete: "cascade" }),
    /** The X12 product id qualifier: UP (UPC), IN (buyer's item), VN (vendor's item), SK, EN… */
    qualifier: text().notNull(),
    value: text().notNull(),
    variantId: integer()
      .notNull()
      .references(() => variants.id),
  },
  (t) => [uniqueIndex("edi_item_refs_key").on(t.partnerId, t.qualifier, t.value), index("edi_item_refs_variant_idx").on(t.variantId)],
);

/** The partner's ship-to codes (N1*ST…*92*code) mapped to the retailer's locations (its DCs). */
export const ediShipTos = pgTable(
  "edi_ship_tos",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnerId: integer()
      .notNull()
      .references(() => ediPartners.id, { onDelete: "cascade" }),
    code: text().notNull(),
    retailerLocationId: integer()
      .notNull()
      .references(() => retailerLocations.id),
  },
  (t) => [uniqueIndex("edi_ship_tos_key").on(t.partnerId, t.code)],
);

export const EDI_SOURCES = ["upload", "http", "inbox"] as const;
export const EDI_INTERCHANGE_STATUSES = ["accepted", "partial", "rejected"] as const;

/** An interchange we received, raw and parsed. (partner, ISA13) once: a repeat changes nothing. */
export const ediInterchanges = pgTable(
  "edi_interchanges",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnerId: integer()
      .notNull()
      .references(() => ediPartners.id),
    controlNumber: text().notNull(),
    source: text({ enum: EDI_SOURCES }).notNull(),
    raw: text().notNull(),
    /** Segments by group and transaction set, as read: { groups: [{ header, sets: [{ header, segments }] }] }. */
    parsed: jsonb().$type<unknown>().notNull(),
    status: text({ enum: EDI_INTERCHANGE_STATUSES }).notNull(),
    usage: text({ enum: EDI_USAGES }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    receivedBy: text().notNull(),
  },
  (t) => [
    uniqueIndex("edi_interchanges_control_key").on(t.partnerId, t.controlNumber),
    index("edi_interchanges_received_idx").on(t.receivedAt),
  ],
);

export const EDI_SET_STATUSES = ["rejected", "held", "ordered", "changed", "cancelled", "refused"] as const;

/**
 * One transaction set of an inbound interchange and what became of it: `rejected` by its 997 (a broken
 * segment; nothing written), `held` for ops (an unknown item or ship-to, a rule the order failed),
 * `ordered` (an 850 that became an order), `changed`/`cancelled` (an 860 applied), `refused` (ops
 * refused it; an 855 RJ went out).
 */
export const ediTransactions = pgTable(
  "edi_transactions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    interchangeId: integer()
      .notNull()
      .references(() => ediInterchanges.id),
    partnerId: integer()
      .notNull()
      .references(() => ediPartners.id),
    groupControl: text().notNull(),
    controlNumber: text().notNull(),
    type: text().notNull(),
    status: text({ enum: EDI_SET_STATUSES }).notNull(),
    poNumber: text(),
    orderId: integer().references(() => orders.id),
    /** What is wrong, for the 997 (code and place) or for ops (a sentence to act on). */
    problems: jsonb()
      .$type<Array<{ code: string; message: string; segment?: string; position?: number; element?: number }>>()
      .notNull()
      .default([]),
    /** The set's segments as read (tag + elements), so a held set is re-processed from what was received. */
    segments: jsonb().$type<Array<{ tag: string; elements: string[] }>>().notNull(),
    processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("edi_transactions_interchange_idx").on(t.interchangeId),
    index("edi_transactions_status_idx").on(t.partnerId, t.status),
    index("edi_transactions_po_idx").on(t.partnerId, t.poNumber),
  ],
);

export const EDI_DOCUMENT_STATUSES = ["pending", "sent", "acknowledged", "rejected", "failed"] as const;

/** A document we send: kept raw, with where it is on its way and whether the partner's 997 came. */
export const ediDocuments = pgTable(
  "edi_documents",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnerId: integer()
      .notNull()
      .references(() => ediPartners.id),
    type: text({ enum: EDI_OUTBOUND_TYPES }).notNull(),
    /** ISA13 = GS06 = ST02 base of this interchange (one group, one or more sets). */
    controlNumber: integer().notNull(),
    raw: text().notNull(),
    status: text({ enum: EDI_DOCUMENT_STATUSES }).notNull().default("pending"),
    orderId: integer().references(() => orders.id),
    /** The inbound transaction set this answers (997, 855). */
    transactionId: integer().references(() => ediTransactions.id),
    /** The PO, shipment or invoice it is about, for the log. */
    reference: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    /** A 997 is expected by then (null for a 997 of ours: nobody acknowledges an acknowledgement). */
    ackDueAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("edi_documents_control_key").on(t.partnerId, t.controlNumber),
    index("edi_documents_partner_idx").on(t.partnerId, t.createdAt),
    index("edi_documents_order_idx").on(t.orderId),
    index("edi_documents_status_idx").on(t.status),
  ],
);

export type EdiPartner = typeof ediPartners.$inferSelect;
export type EdiTransaction = typeof ediTransactions.$inferSelect;
export type EdiDocument = typeof ediDocuments.$inferSelect;
