/**
 * Customers at the counter: the cashier finds one (name, email or phone), attaches them to the sale,
 * or adds one in a few words. Only POS staff reach this (the callers check the session's role first);
 * every search is counted per cashier (THROTTLES.posCustomerSearch) so a register can't be used to
 * walk the customer list. Customers added here have no password: signing up later with the same
 * email claims the record (accounts' signUpCustomer).
 */
import { sql } from "drizzle-orm";
import { THROTTLES, beginAttempt, type Staff } from "~/domain/accounts/index.server";
import { tryAgainIn } from "~/domain/accounts";
import { audit } from "~/domain/audit/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { CUSTOMER_RESULTS, customerQueryOf, type CustomerMatch, type QuickCustomer } from "./customer-search";
import { actorOf } from "./staff.server";

type Row = { id: number; name: string; email: string; phone: string | null; orders: number; credit: number };

const columns = (currency: string) => sql`
  c.id, c.name, c.email, c.phone,
  (select count(*) from orders o where o.customer_id = c.id)::int as orders,
  coalesce((select sum(g.balance) from gift_cards g
            where (g.customer_id = c.id or (c.email <> '' and lower(g.recipient_email) = lower(c.email)))
              and g.status = 'active' and g.currency = ${currency}), 0)::int as credit`;

const toMatch = (currency: string) => (r: Row) => ({
  id: r.id,
  name: r.name,
  email: r.email || null,
  phone: r.phone,
  orders: r.orders,
  credit: r.credit,
  currency,
});

/** Customers whose name (or a word of it), email or phone starts with what was typed; best (name from its start) first. */
export async function searchCustomers(typed: string, currency = "USD", executor: Executor = db): Promise<CustomerMatch[]> {
  const q = customerQueryOf(typed);
  if (!q) return [];
  const conditions = [
    q.email ? sql`lower(c.email) like ${q.email}` : null,
    q.name ? sql`lower(c.name) like ${`${q.name}%`}` : null,
    q.name ? sql`lower(c.name) like ${`% ${q.name}%`}` : null,
    ...q.phones.map((p) => (p.endsWith("%") ? sql`c.phone like ${p}` : sql`c.phone = ${p}`)),
  ].filter((c) => c !== null);
  const rows = await executor.execute<Row>(sql`
    select ${columns(currency)}
    from customers c
    where ${sql.join(conditions, sql` or `)}
    order by ${q.name ? sql`(lower(c.name) like ${`${q.name}%`}) desc,` : sql``} lower(c.name), c.id
    limit ${CUSTOMER_RESULTS}`);
  return rows.map(toMatch(currency));
}

export type CustomerSearch =
  | { ok: true; text: string; results: CustomerMatch[] }
  | { ok: false; status: 429; text: string; message: string; results: [] };

/** The search the register's panel makes: counted against the cashier first, then run. */
export async function findCustomersForRegister(staff: Staff, typed: string, currency = "USD", now = new Date()): Promise<CustomerSearch> {
  const text = customerQueryOf(typed)?.text ?? typed.trim();
  if (!customerQueryOf(typed)) return { ok: true, text, results: [] };
  const gate = await beginAttempt([{ rule: THROTTLES.posCustomerSearch, key: `staff:${staff.id}` }], now);
  if (!gate.ok)
    return {
      ok: false,
      status: 429,
      text,
      message: `Too many customer searches from this register in a minute. ${tryAgainIn(gate.lockedUntil, gate.now)}`,
      results: [],
    };
  return { ok: true, text, results: await searchCustomers(typed, currency) };
}

/** One customer by id, as the register shows them; null when there is no such customer. */
export async function customerForRegister(id: number | undefined | null, currency = "USD"): Promise<CustomerMatch | null> {
  if (!id) return null;
  const rows = await db.execute<Row>(sql`select ${columns(currency)} from customers c where c.id = ${id}`);
  return rows[0] ? toMatch(currency)(rows[0]) : null;
}

export type QuickCreate =
  | { ok: true; customer: CustomerMatch }
  | { ok: false; status: 409; message: string; existing: CustomerMatch; field: "customerEmail" | "customerPhone" };

async function holderOf(executor: Executor, input: QuickCustomer, currency: string) {
  const rows = await executor.execute<Row>(sql`
    select ${columns(currency)} from customers c
    where ${input.email ? sql`(c.email <> '' and lower(c.email) = ${input.email})` : sql`false`}
       or ${input.phone ? sql`c.phone = ${input.phone}` : sql`false`}
    order by c.id limit 1`);
  const row = rows[0];
  if (!row) return null;
  const field = input.email && row.email.toLowerCase() === input.email ? ("customerEmail" as const) : ("customerPhone" as const);
  return { customer: toMatch(currency)(row), field };
}

/**
 * Adds a customer from the register. An email or phone someone already has is refused, naming them
 * (the cashier attaches that customer instead). The unique indexes on lower(email) and phone are the
 * real guard: of a burst of the same email, one insert wins and the rest are refused the same way.
 */
export async function quickCreateCustomer(input: QuickCustomer, staff: Staff, currency = "USD"): Promise<QuickCreate> {
  const refuse = (held: { customer: CustomerMatch; field: "customerEmail" | "customerPhone" }): QuickCreate => ({
    ok: false,
    status: 409,
    existing: held.customer,
    field: held.field,
    message: `${held.field === "customerEmail" ? "That email" : "That mobile number"} is already ${held.customer.name || "a customer"}'s: attach them instead.`,
  });
  const before = await holderOf(db, input, currency);
  if (before) return refuse(before);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.customers)
      .values({ name: input.name, email: input.email ?? "", phone: input.phone })
      .onConflictDoNothing()
      .returning({ id: schema.customers.id });
    if (!row) return null;
    await audit(tx, {
      actor: actorOf(staff),
      action: "pos.customer_created",
      subject: `customer:${row.id}`,
      data: { email: input.email, phone: input.phone },
    });
    return row.id;
  });
  if (created === null) {
    const winner = await holderOf(db, input, currency);
    if (winner) return refuse(winner);
    throw new Error("A customer insert conflicted with no customer holding its email or phone.");
  }
  const customer = await customerForRegister(created, currency);
  return { ok: true, customer: customer! };
}
