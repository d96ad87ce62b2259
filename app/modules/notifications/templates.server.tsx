import { render } from "@react-email/render";
import OrderConfirmation, { subject as orderConfirmationSubject, type OrderConfirmationProps } from "#emails/order-confirmation";
import OrderShipped, { subject as orderShippedSubject, type OrderShippedProps } from "#emails/order-shipped";
import RefundIssued, { subject as refundIssuedSubject, type RefundIssuedProps } from "#emails/refund-issued";

/** Every email template by the name stored in outbox.template, with the props it takes. */
export type EmailTemplateProps = {
  "order-confirmation": OrderConfirmationProps;
  "order-shipped": OrderShippedProps;
  "refund-issued": RefundIssuedProps;
};
export type EmailTemplate = keyof EmailTemplateProps;

export const EMAIL_TEMPLATES = ["order-confirmation", "order-shipped", "refund-issued"] as const satisfies readonly EmailTemplate[];

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderEmail<T extends EmailTemplate>(template: T, props: EmailTemplateProps[T]): Promise<RenderedEmail> {
  const { element, subject } = build(template, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

function build<T extends EmailTemplate>(template: T, props: EmailTemplateProps[T]): { element: JSX.Element; subject: string } {
  // Narrowed one case at a time: TypeScript cannot correlate T with the props on its own.
  const named = { template, props } as { [K in EmailTemplate]: { template: K; props: EmailTemplateProps[K] } }[EmailTemplate];
  switch (named.template) {
    case "order-confirmation":
      return { element: <OrderConfirmation {...named.props} />, subject: orderConfirmationSubject(named.props) };
    case "order-shipped":
      return { element: <OrderShipped {...named.props} />, subject: orderShippedSubject(named.props) };
    case "refund-issued":
      return { element: <RefundIssued {...named.props} />, subject: refundIssuedSubject(named.props) };
  }
}
