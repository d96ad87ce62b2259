/**
 * Sign-in sessions, kept in PostgreSQL (`sessions`, db/schema/sessions.ts) so any app process on any
 * machine reads the same ones, and so a session can end: signing out deletes the row, and every copy
 * of the cookie is dead at once. The `__soko_session` cookie carries only a random id, signed with
 * SESSION_SECRET (every secret in the list verifies, the first signs); the table keeps its SHA-256.
 *
 * - A session belongs to at most one person. Signing in always makes a new session (new id) holding
 *   only that person: nothing from before the sign-in carries over, and the browser's previous
 *   session is deleted. The cart has a cookie of its own and survives.
 * - Who is signed in lives in the row's columns, never in the data a request can write back, so it
 *   changes only through startSession and endSession.
 * - Idle and absolute expiry per kind (SESSION_LIFETIMES); expired rows are refused on read and
 *   purged by the `purge_sessions` job.
 * - A new password or PIN, or a deactivated account, deletes that person's sessions in the database
 *   itself (triggers, migration 0014), whatever made the change.
 */
import { createHash, randomBytes } from "node:crypto";
import { createCookie, createSession, createSessionStorage, type Cookie, type Session as RemixSession } from "@remix-run/node";
import { and, count, eq, gt, lte } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { SessionRow } from "#db/schema";
import { db, schema, type Executor } from "./db.server";
import { env, secureCookies } from "./env.server";

const { sessions } = schema;

export const SESSION_KINDS = ["staff", "customer", "artisan", "buyer"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
/** Who a session is for. */
export type SessionUser = { kind: SessionKind; id: number };

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * How long a session may sit unused (idle) and how long it may last at all (absolute), in seconds.
 * Staff move money and see every customer: a working day idle, a week at most. Buyers order on
 * credit: a week idle, a month at most. Shoppers and artisans (a phone, a PIN) stay signed in for
 * a month unused, three at most. A session with nobody in it only carries a one-time message.
 */
export const SESSION_LIFETIMES: Record<SessionKind | "anonymous", { idleSeconds: number; absoluteSeconds: number }> = {
  staff: { idleSeconds: 12 * HOUR, absoluteSeconds: 7 * DAY },
  buyer: { idleSeconds: 7 * DAY, absoluteSeconds: 30 * DAY },
  customer: { idleSeconds: 30 * DAY, absoluteSeconds: 90 * DAY },
  artisan: { idleSeconds: 30 * DAY, absoluteSeconds: 90 * DAY },
  anonymous: { idleSeconds: HOUR, absoluteSeconds: DAY },
};

/** The idle deadline moves forward at most this often: one write per session per few minutes, not per request. */
const TOUCH_AFTER_MS = 5 * 60_000;

/** What the session data says about who is signed in (read from the row; never written back). */
const USER_KEYS = { staff: "staffId", customer: "customerId", artisan: "artisanId", buyer: "buyerId" } as const;
const USER_COLUMNS = { staff: "staffUserId", customer: "customerId", artisan: "artisanId", buyer: "buyerUserId" } as const;

export type SessionData = { staffId?: number; customerId?: number; artisanId?: number; buyerId?: number };
/** `about`: what the message is about ("variant:12"), so a page can show it beside that thing rather than at the top. */
export type FlashData = { flash: { kind: "success" | "error"; message: string; about?: string } };
export type Flash = FlashData["flash"];
export type Session = RemixSession<SessionData, FlashData>;

/** 32 random bytes, base64url: what the cookie carries. */
const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export function hashSessionId(id: string) {
  return createHash("sha256").update(id).digest("hex");
}

function newSessionId() {
  return randomBytes(32).toString("base64url");
}

let cookie: Cookie | undefined;
function sessionCookie() {
  cookie ??= createCookie("__soko_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    secrets: env().SESSION_SECRETS,
  });
  return cookie;
}

/**
 * `cookie.parse`, remembered per value of the cookie (the raw text after its name in the header):
 * checking a signature imports the key and runs an HMAC per secret (WebCrypto), and the same value
 * comes back on every request of a visit, whatever other cookies sit beside it. The answer depends
 * only on that text and the secrets, which are fixed for the process. A value this process signed is
 * remembered when it is made (`remember`), so the next request does not check it. Bounded; oldest out.
 */
function rememberedParse(cookie: () => Cookie) {
  const known = new Map<string, Promise<unknown>>();
  let valuePattern: RegExp | undefined;
  const remember = (raw: string, parsed: Promise<unknown>) => {
    known.set(raw, parsed);
    if (known.size > 10_000) known.delete(known.keys().next().value!);
  };
  return {
    parse(cookieHeader: string): Promise<unknown> {
      // The first pair of that name, as the cookie package reads a header.
      valuePattern ??= new RegExp(`(?:^|;)\\s*${cookie().name}\\s*=([^;]*)`);
      const raw = valuePattern.exec(cookieHeader)?.[1];
      if (raw === undefined) return Promise.resolve(null);
      let parsed = known.get(raw);
      if (!parsed) {
        parsed = cookie()
          .parse(`${cookie().name}=${raw}`)
          .catch(() => null);
        remember(raw, parsed);
      }
      return parsed;
    },
    /** Serializes `value` (signed) and remembers it as its own parse. Returns the Set-Cookie header. */
    async serialize(value: string): Promise<string> {
      const header = await cookie().serialize(value);
      const end = header.indexOf(";");
      const raw = header.slice(cookie().name.length + 1, end === -1 ? undefined : end);
      remember(raw, Promise.resolve(value));
      return header;
    },
  };
}

const sessionCookieValues = rememberedParse(sessionCookie);

/** The session id in a Cookie header, when its signature checks out with one of the secrets. */
async function sessionIdFrom(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader?.includes("__soko_session")) return null;
  const parsed = sessionIdSchema.safeParse(await sessionCookieValues.parse(cookieHeader));
  return parsed.success ? parsed.data : null;
}

/**
 * The stored hash of the session id a Cookie header carries (signature checked), for a read of who
 * is signed in that joins the session row to its person in one statement; null without one.
 */
export async function sessionIdHashFrom(cookieHeader: string | null | undefined): Promise<string | null> {
  const id = await sessionIdFrom(cookieHeader);
  return id ? hashSessionId(id) : null;
}

function userOf(row: SessionRow): SessionUser | null {
  for (const kind of SESSION_KINDS) {
    const id = row[USER_COLUMNS[kind]];
    if (id !== null) return { kind, id };
  }
  return null;
}

function dataOf(row: SessionRow): Record<string, unknown> {
  const user = userOf(row);
  return user ? { ...row.data, [USER_KEYS[user.kind]]: user.id } : { ...row.data };
}

/** The data kept in the row: everything but who is signed in. */
function storedData(data: Record<string, unknown>): Record<string, unknown> {
  const { staffId: _s, customerId: _c, artisanId: _a, buyerId: _b, ...rest } = data;
  return rest;
}

/** A live session by id, its idle deadline moved forward when due; null when unknown or expired. */
async function loadSession(id: string, now = new Date()): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.idHash, hashSessionId(id)), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  const idleDeadline = Math.min(now.getTime() + row.idleSeconds * 1000, row.absoluteExpiresAt.getTime());
  if (idleDeadline - row.expiresAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ expiresAt: new Date(idleDeadline) })
      .where(eq(sessions.idHash, row.idHash));
  }
  return row;
}

function lifetime(kind: SessionKind | "anonymous", now: Date) {
  const { idleSeconds, absoluteSeconds } = SESSION_LIFETIMES[kind];
  const absoluteExpiresAt = new Date(now.getTime() + absoluteSeconds * 1000);
  const expiresAt = new Date(Math.min(now.getTime() + idleSeconds * 1000, absoluteExpiresAt.getTime()));
  return { idleSeconds, expiresAt, absoluteExpiresAt };
}

let storage: ReturnType<typeof createSessionStorage<SessionData, FlashData>> | undefined;
function remixStorage() {
  storage ??= createSessionStorage<SessionData, FlashData>({
    cookie: sessionCookie(),
    // Only sessions with nobody in them start here (a one-time message); sign-ins use startSession.
    async createData(data) {
      const id = newSessionId();
      const now = new Date();
      await db
        .insert(sessions)
        .values({ idHash: hashSessionId(id), data: storedData(data), createdAt: now, ...lifetime("anonymous", now) });
      return id;
    },
    async readData(id) {
      const parsed = sessionIdSchema.safeParse(id);
      const row = parsed.success ? await loadSession(parsed.data) : null;
      return row ? dataOf(row) : null;
    },
    // An update, never an insert: a session that ended meanwhile (signed out elsewhere) stays ended.
    async updateData(id, data) {
      await db
        .update(sessions)
        .set({ data: storedData(data) })
        .where(and(eq(sessions.idHash, hashSessionId(id)), gt(sessions.expiresAt, new Date())));
    },
    async deleteData(id) {
      if (id) await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
    },
  });
  return storage;
}

/** Who each session object read on this process is for, and when its cookie should expire. */
const known = new WeakMap<Session, { user: SessionUser | null; absoluteExpiresAt: Date }>();

async function readSession(cookieHeader?: string | null): Promise<Session> {
  const id = await sessionIdFrom(cookieHeader);
  const row = id ? await loadSession(id) : null;
  // A cookie for a session that ended, expired or never existed is nobody: a fresh, empty session.
  if (!row) return createSession<SessionData, FlashData>();
  const session = createSession<SessionData, FlashData>(dataOf(row) as Partial<SessionData>, id!);
  known.set(session, { user: userOf(row), absoluteExpiresAt: row.absoluteExpiresAt });
  return session;
}

async function commitSession(session: Session): Promise<string> {
  const meta = known.get(session);
  for (const kind of SESSION_KINDS) {
    const expected = meta?.user?.kind === kind ? meta.user.id : undefined;
    if (session.data[USER_KEYS[kind]] !== expected) {
      throw new Error(
        `${USER_KEYS[kind]} changed in a session: signing in goes through startSession (a new session id), signing out through endSession.`,
      );
    }
  }
  if (!meta?.user && Object.keys(storedData(session.data)).length === 0) {
    // Nobody in it and no message left to show: no row and no cookie.
    return remixStorage().destroySession(session);
  }
  const expires = meta?.absoluteExpiresAt ?? lifetime("anonymous", new Date()).absoluteExpiresAt;
  return remixStorage().commitSession(session, { expires });
}

async function destroySession(session: Session): Promise<string> {
  return remixStorage().destroySession(session);
}

/** Remix's SessionStorage interface over the table: read, write back (flash messages), end. */
export function sessionStorage() {
  return { getSession: readSession, commitSession, destroySession };
}

export function getSession(request: Request) {
  return readSession(request.headers.get("Cookie"));
}

/** A fresh session's data holding one flash message (Remix's own encoding of it). */
function withFlashMessage(flash: Flash | undefined) {
  if (!flash) return {};
  const session = createSession<SessionData, FlashData>();
  session.flash("flash", flash);
  return session.data;
}

/**
 * Signs `user` in: a new session with a new id and nothing but them (and `flash`), and the end of
 * whatever session the browser presented (a planted id, someone else's sign-in). Returns the
 * Set-Cookie header.
 */
export async function startSession(
  request: Request | null,
  user: SessionUser,
  options: { flash?: Flash; now?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const previous = request ? await sessionIdFrom(request.headers.get("Cookie")) : null;
  const id = newSessionId();
  const times = lifetime(user.kind, now);
  await db.transaction(async (tx) => {
    if (previous) await tx.delete(sessions).where(eq(sessions.idHash, hashSessionId(previous)));
    await tx.insert(sessions).values({
      idHash: hashSessionId(id),
      [USER_COLUMNS[user.kind]]: user.id,
      data: withFlashMessage(options.flash),
      createdAt: now,
      ...times,
    });
  });
  return sessionCookie().serialize(id, { expires: times.absoluteExpiresAt });
}

/**
 * Signs out: deletes the browser's session, so every copy of its cookie stops working. With `flash`,
 * the answer carries a new, empty session holding only that message. Returns the Set-Cookie header.
 */
export async function endSession(request: Request, options: { flash?: Flash } = {}): Promise<string> {
  const id = await sessionIdFrom(request.headers.get("Cookie"));
  if (id) await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
  if (!options.flash) return sessionCookie().serialize("", { expires: new Date(0) });
  const fresh = createSession<SessionData, FlashData>();
  fresh.flash("flash", options.flash);
  return commitSession(fresh);
}

/** "Sign out everywhere": ends every session of `user`, on every device. Returns how many there were. */
export async function endAllSessions(user: SessionUser, executor: Executor = db): Promise<number> {
  const ended = await executor
    .delete(sessions)
    .where(eq(sessions[USER_COLUMNS[user.kind]], user.id))
    .returning({ idHash: sessions.idHash });
  return ended.length;
}

/** How many live sessions `user` has (on every device). */
export async function countSessions(user: SessionUser, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions[USER_COLUMNS[user.kind]], user.id), gt(sessions.expiresAt, now)));
  return row?.n ?? 0;
}

/** Deletes sessions past their idle or absolute expiry (they are refused on read already). */
export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const purged = await db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ idHash: sessions.idHash });
  return purged.length;
}

/** The graphile-worker task `purge_sessions` (crontab, hourly). */
export const purgeSessionsTask: Task = async () => {
  await purgeExpiredSessions();
};

// ---------------------------------------------------------------------------------------------

let cart: Cookie | undefined;

/** The cart id, signed; the cart itself is server-side. Not part of the session, so it survives sign-in. */
export function cartCookie() {
  cart ??= createCookie("__soko_cart", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    secrets: env().SESSION_SECRETS,
    maxAge: 60 * 60 * 24 * 60,
  });
  return cart;
}

const cartCookieValues = rememberedParse(cartCookie);

let placed: Cookie | undefined;

/**
 * The number of the order this browser's bag just became, signed, for a day: a second tab still on
 * the bag or checkout then lands on "your order is placed", not on a bare empty bag.
 */
export function placedOrderCookie() {
  placed ??= createCookie("__soko_placed", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    secrets: env().SESSION_SECRETS,
    maxAge: 60 * 60 * 24,
  });
  return placed;
}

/** The order this browser last placed (signature checked), or null. */
export async function placedOrderNumber(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("__soko_placed")) return null;
  const value: unknown = await placedOrderCookie().parse(header);
  return typeof value === "string" && /^SK-\d{1,12}$/.test(value) ? value : null;
}

let thanks: Cookie | undefined;

/**
 * "Thank you! Your order is confirmed" once: the pay step's redirect sets this, signed, naming the
 * order (and whether an account was offered) for ten minutes; the order page shows the banner when
 * it names that order and clears it at once. The page's address carries nothing of it, so a later
 * visit (the emailed link, a bookmark, a reload, days on or after a refund) shows no thanks.
 */
function thanksCookie() {
  thanks ??= createCookie("__soko_thanks", {
    httpOnly: true,
    sameSite: "lax",
    path: "/orders/",
    secure: secureCookies(),
    secrets: env().SESSION_SECRETS,
    maxAge: 10 * 60,
  });
  return thanks;
}

/** The Set-Cookie header that has the order page thank the shopper for `orderNumber`, once. */
export function thankForOrder(orderNumber: string, accountOffered: boolean): Promise<string> {
  return thanksCookie().serialize({ order: orderNumber, account: accountOffered });
}

const thanksValue = z.object({ order: z.string(), account: z.boolean() });

/**
 * Whether this visit to `orderNumber`'s page is the one right after placing it (and an account was
 * offered then), with the Set-Cookie header that spends the thanks; nothing for any other visit.
 */
export async function takeThanks(
  request: Request,
  orderNumber: string,
): Promise<{ placed: boolean; accountOffered: boolean; setCookie?: string }> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("__soko_thanks")) return { placed: false, accountOffered: false };
  const value = thanksValue.safeParse(await thanksCookie().parse(header));
  if (!value.success || value.data.order !== orderNumber) return { placed: false, accountOffered: false };
  return { placed: true, accountOffered: value.data.account, setCookie: await thanksCookie().serialize("", { maxAge: 0 }) };
}

/** The cart cookie's value in a Cookie header, signature checked (remembered per header); null when absent or forged. */
export async function cartCookieValue(cookieHeader: string | null | undefined): Promise<unknown> {
  if (!cookieHeader?.includes("__soko_cart")) return null;
  return cartCookieValues.parse(cookieHeader);
}

/** The Set-Cookie header for a cart cookie holding `value`; the value is remembered as checked. */
export function serializeCartCookie(value: string): Promise<string> {
  return cartCookieValues.serialize(value);
}
