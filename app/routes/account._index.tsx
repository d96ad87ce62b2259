import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { orderListStatus } from "~/domain/orders";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { customerOrders, isEmailVerified, requireCustomer, resendVerificationEmail } from "~/domain/accounts/index.server";
import styles from "~/styles/account.css";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { FlashNotice } from "~/components/ui/Notice";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { listPageOf } from "~/lib/fields";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Your account · Soko" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await requireCustomer(request);
  const page = listPageOf(new URL(request.url).searchParams);
  const emailVerified = await isEmailVerified(customer.id);
  const history = await customerOrders(customer.id, page, { emailVerified });
  return withFlash(request, { customer: { name: customer.name, email: customer.email }, emailVerified, ...history });
}

/** "Send the link again": the confirmation email that proves the address and brings in its guest orders. */
export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireCustomer(request);
  const sent = await resendVerificationEmail(customer.id);
  const message = sent ? `We've sent a new confirmation link to ${customer.email}.` : "Your email is already confirmed.";
  return redirectWithFlash(request, "/account", { kind: "success", message }, { status: 303 });
}

export default function AccountPage() {
  const { customer, emailVerified, orders, total, page, pageCount, flash } = useLoaderData<typeof loader>();
  return (
    <div className="page account">
      <FlashNotice flash={flash} />
      <div className="account__head">
        <div>
          <p className="eyebrow">Your account</p>
          <h1>{customer.name ? `Hello, ${customer.name}` : "Hello"}</h1>
          <p className="muted account__email">{customer.email}</p>
        </div>
        <Form method="post" action="/account/logout">
          <button type="submit" className="button button--ghost button--small">
            Sign out
          </button>
        </Form>
      </div>

      {emailVerified ? null : (
        <div className="notice account__verify" role="note">
          <p>
            <strong>Confirm your email</strong> to add the orders you placed as a guest with this address. We emailed you a link; until you
            follow it, only orders placed while signed in are listed, so nobody can read someone else's orders by signing up with their
            address.
          </p>
          <Form method="post">
            <button type="submit" className="button button--ghost button--small">
              Send the link again
            </button>
          </Form>
        </div>
      )}
      <section aria-labelledby="orders-heading" className="account__orders">
        <h2 id="orders-heading">
          Your orders
          {total > 0 ? (
            <span className="muted account__count">
              {" "}
              · {total}
              {pageCount > 1 && page <= pageCount ? `, page ${page} of ${pageCount}` : ""}
            </span>
          ) : null}
        </h2>
        {orders.length === 0 ? (
          <>
            <EmptyList total={total} pageCount={pageCount} rows="orders">
              <p>You haven't placed an order with this account yet.</p>
              <p>
                <Link className="button" to="/">
                  Start shopping
                </Link>
              </p>
            </EmptyList>
            <Pagination page={page} pageCount={pageCount} label="Order history pages" />
          </>
        ) : (
          <>
            <table className="table account-orders">
              <caption className="visually-hidden">Your orders, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="account-orders__total">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((order) => (
                  <tr key={order.number}>
                    <th scope="row" data-label="Order">
                      <Link to={`/orders/${encodeURIComponent(order.number)}`} aria-label={`Order ${order.number}`}>
                        {order.number}
                      </Link>
                      {order.inStore ? (
                        <>
                          {" "}
                          <span className="badge account-orders__channel">In store</span>{" "}
                          <Link to={`/orders/${encodeURIComponent(order.number)}`} className="account-orders__review">
                            Receipt<span className="visually-hidden"> of order {order.number}</span>
                          </Link>
                        </>
                      ) : null}
                    </th>
                    <td data-label="Placed">
                      <time dateTime={new Date(order.placedAt).toISOString()}>{formatDate(order.placedAt)}</time>
                    </td>
                    <td data-label="Status" className="account-orders__status">
                      <span className={`badge${tone(order)}`}>{orderListStatus(order).words}</span>
                      {order.status === "delivered" ? (
                        <>
                          {" "}
                          <Link to={`/orders/${encodeURIComponent(order.number)}/review`} className="account-orders__review">
                            Review<span className="visually-hidden"> the pieces of order {order.number}</span>
                          </Link>{" "}
                          <Link to={`/orders/${encodeURIComponent(order.number)}/return`} className="account-orders__review">
                            Return or exchange<span className="visually-hidden"> pieces of order {order.number}</span>
                          </Link>
                        </>
                      ) : null}
                    </td>
                    <td data-label="Total" className="account-orders__total">
                      <Money value={{ amount: order.total, currency: order.currency }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination page={page} pageCount={pageCount} label="Order history pages" />
          </>
        )}
        {emailVerified ? null : (
          <p className="muted account__note">
            Orders placed as a guest appear here once your email is confirmed. Until then, open them with the link in their confirmation
            email.
          </p>
        )}
      </section>

      <section aria-labelledby="devices-heading" className="account__devices">
        <h2 id="devices-heading">Signed in somewhere else?</h2>
        <p className="muted">
          Left your account open on a shared computer or lost a phone? Sign out everywhere: every browser, this one too, has to sign in
          again.
        </p>
        <Form method="post" action="/account/logout">
          <button type="submit" name="scope" value="everywhere" className="button button--ghost button--small">
            Sign out everywhere
          </button>
        </Form>
      </section>
    </div>
  );
}

function formatDate(value: Date | string) {
  return new Date(value).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

function tone(order: Parameters<typeof orderListStatus>[0]) {
  const { tone } = orderListStatus(order);
  return tone ? ` badge--${tone}` : "";
}
