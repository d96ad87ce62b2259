import { OPS_TIME_ZONE } from "~/lib/time";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { requireArtisan } from "~/features/artisan-app/auth.server";
import { Pager } from "~/features/artisan-app/Pager";
import { pendingEarnings } from "~/features/artisan-app/production.server";
import { localeFor } from "~/domain/artisans";
import { useArtisanLang, useT } from "~/features/artisan-app/use-t";
import { artisanBalance, artisanStatement } from "~/domain/ledger/index.server";
import { earningsWord, PAYOUT_STATUS_KEY } from "~/domain/payouts";
import { payoutThreshold } from "~/domain/payouts/index.server";
import { z } from "zod";
import { listPage } from "~/lib/fields";
import { parseWith } from "~/lib/validation";
import styles from "~/styles/payouts.css";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Soko · Mapato / Earnings" }];

const querySchema = z.object({ page: listPage({ max: 10_000 }) });

export async function loader({ request }: LoaderFunctionArgs) {
  // Only the signed-in artisan's own money: both queries are scoped to this id.
  const artisan = await requireArtisan(request);
  const parsed = parseWith(querySchema, new URL(request.url).searchParams);
  // Said in her language by the page's error boundary.
  if (!parsed.ok) throw new Response("err.page", { status: 400 });
  const { page } = parsed.data;
  const [balance, statement, pending] = await Promise.all([
    artisanBalance(artisan.id),
    artisanStatement(artisan.id, page),
    pendingEarnings(artisan.id),
  ]);
  const latestPayout = page === 1 ? (statement.lines.find((line) => line.type === "payout") ?? null) : null;
  return {
    balance,
    pending,
    threshold: payoutThreshold(),
    latestPayout: latestPayout && latestPayout.type === "payout" ? { ...latestPayout, at: latestPayout.at.toISOString() } : null,
    lines: statement.lines.map((line) => ({ ...line, at: line.at.toISOString() })),
    page: statement.page,
    pageCount: statement.pageCount,
  };
}

export default function Earnings() {
  const { balance, pending, threshold, latestPayout, lines, page, pageCount } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useArtisanLang();
  const date = new Intl.DateTimeFormat(localeFor(lang), { dateStyle: "medium", timeZone: OPS_TIME_ZONE });
  const kes = (amount: number) => <Money value={{ amount, currency: "KES" }} />;
  return (
    <section className="aa-page earnings">
      <h1>{t("earnings.title")}</h1>

      <div className="aa-card earnings-balance" role="group" aria-labelledby="balance-label">
        <p id="balance-label" className="aa-card__meta">
          {t("earnings.balance")}
        </p>
        <p className="earnings-balance__amount" data-testid="balance">
          {kes(balance.amount)}
        </p>
        <p className="aa-hint">{earningsWord(lang, "balanceHint", { threshold: (threshold / 100).toLocaleString("en-US") })}</p>
      </div>

      {pending.map((p) => (
        <div key={p.currency} className="aa-card earnings-pending" role="group" aria-labelledby={`pending-label-${p.currency}`}>
          <p id={`pending-label-${p.currency}`} className="aa-card__meta">
            {t("earnings.pending")}
          </p>
          <p className="earnings-pending__amount" data-testid="pending">
            <Money value={{ amount: p.amount, currency: p.currency }} />
          </p>
          <p className="aa-hint">{t("earnings.pendingHint", { count: p.requests })}</p>
        </div>
      ))}

      {latestPayout ? (
        <div className="aa-card earnings-latest" role="group" aria-labelledby="latest-label">
          <h2 id="latest-label" className="aa-card__title">
            {earningsWord(lang, "latestPayout")}
          </h2>
          <dl className="aa-facts">
            <dt>{t("earnings.payouts")}</dt>
            <dd>{kes(latestPayout.amount)}</dd>
            <dt>{date.format(new Date(latestPayout.at))}</dt>
            <dd>
              <StatusBadge status={latestPayout.status} />
            </dd>
            {latestPayout.receipt ? (
              <>
                <dt>{t("earnings.reference")}</dt>
                <dd>
                  <code data-testid="latest-receipt">{latestPayout.receipt}</code>
                </dd>
              </>
            ) : null}
          </dl>
          {latestPayout.status === "reconciling" ? <p className="aa-hint">{earningsWord(lang, "checking")}</p> : null}
        </div>
      ) : null}

      <h2>{t("earnings.statement")}</h2>
      {lines.length === 0 ? (
        <p className="aa-empty">{page > pageCount ? t("earnings.pastEnd", { pages: pageCount }) : t("earnings.empty")}</p>
      ) : (
        <ul className="aa-list earnings-lines">
          {lines.map((line) => (
            <li key={line.key} className={`aa-card earnings-line earnings-line--${line.type}`}>
              {line.type === "credit" ? (
                <>
                  <p className="earnings-line__top">
                    <span className="aa-card__title">{line.productTitle ?? earningsWord(lang, "credit")}</span>
                    <span className="earnings-line__amount earnings-line__amount--in">+{kes(line.amount)}</span>
                  </p>
                  <p className="aa-card__meta">
                    {line.requestNumber ? (
                      <>
                        <strong>{line.requestNumber}</strong> ·{" "}
                      </>
                    ) : null}
                    {line.units !== null && line.pieceRate !== null ? (
                      <>
                        {line.units} × {kes(line.pieceRate)} ·{" "}
                      </>
                    ) : null}
                    {date.format(new Date(line.at))}
                  </p>
                </>
              ) : (
                <>
                  <p className="earnings-line__top">
                    <span className="aa-card__title">{earningsWord(lang, "payout")}</span>
                    <span className="earnings-line__amount">−{kes(line.amount)}</span>
                  </p>
                  <p className="aa-card__meta">
                    <StatusBadge status={line.status} /> · {date.format(new Date(line.at))}
                  </p>
                  {line.receipt ? (
                    <p className="aa-card__meta">
                      {t("earnings.reference")}: <code>{line.receipt}</code>
                    </p>
                  ) : null}
                  {line.status === "failed" && line.failureReason ? (
                    <p className="aa-card__meta">
                      {earningsWord(lang, "reason")}: {line.failureReason}
                    </p>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} label={earningsWord(lang, "page")} />
    </section>
  );
}

function StatusBadge({ status }: { status: keyof typeof PAYOUT_STATUS_KEY }) {
  const t = useT();
  const tone = status === "succeeded" ? "aa-badge--ok" : status === "failed" ? "aa-badge--bad" : "aa-badge--warn";
  return <span className={`aa-badge ${tone}`}>{t(PAYOUT_STATUS_KEY[status])}</span>;
}
