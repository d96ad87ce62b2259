import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { STORE_NAME, exchangeChoices, getSale, requirePosStaff } from "~/domain/pos/index.server";
import { receiptView, returnAction, textReceiptAction } from "~/features/pos/receipt.server";
import { TextReceiptForm } from "~/features/pos/receipt/TextReceiptForm";
import { Receipt } from "~/features/pos/receipt/Receipt";
import { ReturnSection } from "~/features/pos/receipt/ReturnSection";
import { withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `Receipt ${params.number ?? ""} · Soko San Francisco` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePosStaff(request);
  const number = String(params.number ?? "");
  const sale = await getSale(number);
  if (!sale) throw new Response(`There is no store sale ${number}. Check the number on the receipt.`, { status: 404 });
  return withFlash(request, { store: STORE_NAME, returnKey: randomUUID(), choices: await exchangeChoices(number), ...receiptView(sale) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePosStaff(request);
  const number = String(params.number ?? "");
  const form = await readForm(request);
  if (form.get("intent") === "text-receipt") return textReceiptAction(request, form, number, staff);
  return returnAction(request, form, number, staff);
}

export default function ReceiptPage() {
  const { order, lines, tenders, returns, refunded, store, cashier, flash, returnKey, soldCards, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();

  return (
    <div className="pos-page pos-receipt-page">
      <FlashNotice flash={flash} className="no-print" />
      <p className="pos-actions no-print">
        <Link className="button pos-big" to="/pos/register">
          New sale
        </Link>
        <button type="button" className="button button--ghost" onClick={() => window.print()}>
          Print receipt
        </button>
      </p>

      <Receipt order={order} lines={lines} tenders={tenders} cashier={cashier} soldCards={soldCards} store={store} />
      <TextReceiptForm
        failure={actionData && "intent" in actionData && actionData.intent === "text-receipt" ? actionData : null}
        busy={navigation.state !== "idle"}
      />
      <ReturnSection
        order={order}
        lines={lines}
        returns={returns}
        refunded={refunded}
        returnKey={returnKey}
        choices={choices}
        busy={navigation.state !== "idle"}
        actionData={actionData && !("intent" in actionData) ? actionData : undefined}
      />
    </div>
  );
}
