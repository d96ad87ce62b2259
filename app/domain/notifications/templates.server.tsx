import { toPlainText } from "@react-email/render";
import { renderToStaticMarkup } from "react-dom/server";
import OrderConfirmation, {
  subject as orderConfirmationSubject,
  text as orderConfirmationText,
  type OrderConfirmationProps,
} from "#emails/order-confirmation";
import PosReceipt, { subject as posReceiptSubject, type PosReceiptProps } from "#emails/pos-receipt";
import OrderShipped, { subject as orderShippedSubject, type OrderShippedProps } from "#emails/order-shipped";
import ReturnUpdate, { subject as returnUpdateSubject, type ReturnUpdateProps } from "#emails/return-update";
import RefundIssued, { subject as refundIssuedSubject, type RefundIssuedProps } from "#emails/refund-issued";
import WholesaleApplicationApproved, {
  subject as wholesaleApplicationApprovedSubject,
  type WholesaleApplicationApprovedProps,
} from "#emails/wholesale-application-approved";
import WholesaleApplicationReceived, {
  subject as wholesaleApplicationReceivedSubject,
  type WholesaleApplicationReceivedProps,
} from "#emails/wholesale-application-received";
import WholesaleApplicationRejected, {
  subject as wholesaleApplicationRejectedSubject,
  type WholesaleApplicationRejectedProps,
} from "#emails/wholesale-application-rejected";
import WholesaleBuyerInvitation, {
  subject as wholesaleBuyerInvitationSubject,
  type WholesaleBuyerInvitationProps,
} from "#emails/wholesale-buyer-invitation";
import InvoiceIssued, { subject as invoiceIssuedSubject, type InvoiceIssuedProps } from "#emails/invoice-issued";
import InvoiceOverdue, { subject as invoiceOverdueSubject, type InvoiceOverdueProps } from "#emails/invoice-overdue";
import PackingListShipped, { subject as packingListShippedSubject, type PackingListShippedProps } from "#emails/packing-list-shipped";
import PasswordReset, { subject as passwordResetSubject, type PasswordResetProps } from "#emails/password-reset";
import GiftCard, { subject as giftCardSubject, type GiftCardProps } from "#emails/gift-card";
import StaffPassword, { subject as staffPasswordSubject, type StaffPasswordProps } from "#emails/staff-password";
import ReviewRequest, { subject as reviewRequestSubject, type ReviewRequestProps } from "#emails/review-request";
import SignupAttempt, { subject as signupAttemptSubject, type SignupAttemptProps } from "#emails/signup-attempt";
import VerifyEmail, { subject as verifyEmailSubject, type VerifyEmailProps } from "#emails/verify-email";

/** Every email template by the name stored in outbox.template, with the props it takes. */
export type EmailTemplateProps = {
  "order-confirmation": OrderConfirmationProps;
  "order-shipped": OrderShippedProps;
  "refund-issued": RefundIssuedProps;
  "return-update": ReturnUpdateProps;
  "pos-receipt": PosReceiptProps;
  "wholesale-application-received": WholesaleApplicationReceivedProps;
  "wholesale-application-approved": WholesaleApplicationApprovedProps;
  "wholesale-application-rejected": WholesaleApplicationRejectedProps;
  "wholesale-buyer-invitation": WholesaleBuyerInvitationProps;
  "invoice-issued": InvoiceIssuedProps;
  "invoice-overdue": InvoiceOverdueProps;
  "packing-list-shipped": PackingListShippedProps;
  "password-reset": PasswordResetProps;
  "verify-email": VerifyEmailProps;
  "signup-attempt": SignupAttemptProps;
  "gift-card": GiftCardProps;
  "staff-password": StaffPasswordProps;
  "review-request": ReviewRequestProps;
};
export type EmailTemplate = keyof EmailTemplateProps;

export const EMAIL_TEMPLATES = [
  "order-confirmation",
  "order-shipped",
  "refund-issued",
  "return-update",
  "pos-receipt",
  "wholesale-application-received",
  "wholesale-application-approved",
  "wholesale-application-rejected",
  "wholesale-buyer-invitation",
  "invoice-issued",
  "invoice-overdue",
  "packing-list-shipped",
  "password-reset",
  "verify-email",
  "signup-attempt",
  "gift-card",
  "staff-password",
  "review-request",
] as const satisfies readonly EmailTemplate[];

export type RenderedEmail = { subject: string; html: string; text: string };

/** The doctype @react-email/render puts before an email's markup (in place of any the markup has). */
const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * The email's subject, HTML and plain text. React renders it once, to static markup; the text is the
 * template's own (written from the props) where it has one, else that markup walked by react-email's
 * plain-text conversion (html-to-text: the busiest templates write their own).
 *
 * Static markup, not @react-email/render: that streams the render (every chunk encoded to bytes and
 * decoded back, through a Writable) and keeps the comments React leaves for hydrating a page
 * (`<!-- -->` between texts), which an email never does; the same HTML less those comments, at about
 * half the CPU (docs/performance.md, session 15). The templates are synchronous, as static markup needs.
 */
export async function renderEmail<T extends EmailTemplate>(template: T, props: EmailTemplateProps[T]): Promise<RenderedEmail> {
  const { element, subject, text } = build(template, props);
  const markup = renderToStaticMarkup(element);
  return { subject, html: DOCTYPE + markup.replace(/<!DOCTYPE.*?>/, ""), text: text ?? toPlainText(markup) };
}

function build<T extends EmailTemplate>(
  template: T,
  props: EmailTemplateProps[T],
): { element: JSX.Element; subject: string; text?: string } {
  // Narrowed one case at a time: TypeScript cannot correlate T with the props on its own.
  const named = { template, props } as { [K in EmailTemplate]: { template: K; props: EmailTemplateProps[K] } }[EmailTemplate];
  switch (named.template) {
    case "order-confirmation":
      return {
        element: <OrderConfirmation {...named.props} />,
        subject: orderConfirmationSubject(named.props),
        text: orderConfirmationText(named.props),
      };
    case "order-shipped":
      return { element: <OrderShipped {...named.props} />, subject: orderShippedSubject(named.props) };
    case "refund-issued":
      return { element: <RefundIssued {...named.props} />, subject: refundIssuedSubject(named.props) };
    case "return-update":
      return { element: <ReturnUpdate {...named.props} />, subject: returnUpdateSubject(named.props) };
    case "pos-receipt":
      return { element: <PosReceipt {...named.props} />, subject: posReceiptSubject(named.props) };
    case "wholesale-application-received":
      return { element: <WholesaleApplicationReceived {...named.props} />, subject: wholesaleApplicationReceivedSubject(named.props) };
    case "wholesale-application-approved":
      return { element: <WholesaleApplicationApproved {...named.props} />, subject: wholesaleApplicationApprovedSubject(named.props) };
    case "wholesale-application-rejected":
      return { element: <WholesaleApplicationRejected {...named.props} />, subject: wholesaleApplicationRejectedSubject(named.props) };
    case "wholesale-buyer-invitation":
      return { element: <WholesaleBuyerInvitation {...named.props} />, subject: wholesaleBuyerInvitationSubject(named.props) };
    case "invoice-issued":
      return { element: <InvoiceIssued {...named.props} />, subject: invoiceIssuedSubject(named.props) };
    case "invoice-overdue":
      return { element: <InvoiceOverdue {...named.props} />, subject: invoiceOverdueSubject(named.props) };
    case "packing-list-shipped":
      return { element: <PackingListShipped {...named.props} />, subject: packingListShippedSubject(named.props) };
    case "password-reset":
      return { element: <PasswordReset {...named.props} />, subject: passwordResetSubject(named.props) };
    case "verify-email":
      return { element: <VerifyEmail {...named.props} />, subject: verifyEmailSubject(named.props) };
    case "signup-attempt":
      return { element: <SignupAttempt {...named.props} />, subject: signupAttemptSubject(named.props) };
    case "gift-card":
      return { element: <GiftCard {...named.props} />, subject: giftCardSubject(named.props) };
    case "staff-password":
      return { element: <StaffPassword {...named.props} />, subject: staffPasswordSubject(named.props) };
    case "review-request":
      return { element: <ReviewRequest {...named.props} />, subject: reviewRequestSubject(named.props) };
  }
}
