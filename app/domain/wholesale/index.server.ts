/** The wholesale domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  addLocation,
  inviteBuyer,
  listBuyers,
  listLocations,
  removeLocation,
  resendInvitation,
  setDefaultLocation,
} from "./account.server";
export type { AccountResult } from "./account.server";
export { approveRetailer, listRetailers, rejectRetailer, retailerDetail, submitApplication } from "./applications.server";
export {
  acceptInvitation,
  authenticateBuyer,
  buyerRedirect,
  findInvitation,
  getBuyer,
  requireBuyer,
  signInBuyer,
  signOutBuyer,
} from "./auth.server";
export type { BuyerContext } from "./auth.server";
export {
  WHOLESALE_CARD_RETURN_PATH,
  commitPaidWholesaleDraft,
  completeWholesaleCardPayment,
  prepareWholesaleCardPayment,
  wholesaleCardRef,
} from "./card-stripe.server";
export { orderableVariant, orderableVariantsBySku, wholesaleCatalog } from "./catalog.server";
export type { CatalogProduct, CatalogVariant } from "./catalog.server";
export {
  addToDraft,
  changeTerms,
  deleteDraft,
  findDraft,
  listDrafts,
  reorderIntoDraft,
  reviewDraft,
  saveDraftDetails,
  setDraftLine,
  workingDraft,
  workingDraftCookie,
} from "./drafts.server";
export type { ChangeTerms, Draft, DraftReview, ReviewLine } from "./drafts.server";
export {
  INVOICE_CRONTAB,
  invoiceDocument,
  invoiceForStaff,
  invoiceTasks,
  listRetailerInvoices,
  markInvoicePaidLocally,
  markStripeInvoicePaid,
  stripePaidInvoiceSchema,
  wholesaleSideOfOrder,
} from "./invoices.server";
export type { StripePaidInvoice } from "./invoices.server";
export { invoiceChangeRefusal, reviseInvoice } from "./invoice-revise.server";
export { listRetailerOrders } from "./orders.server";
export { backfillInvoiceReceivables } from "./receivables-backfill.server";
export { backfillWholesaleCardSales } from "./card-sales-backfill.server";
export type { BackfillResult } from "./receivables-backfill.server";
export { pdfResponse } from "./pdf/document.server";
export { drawInvoice, invoicePdf } from "./pdf/invoice.server";
export { drawLineSheet, lineSheetData, lineSheetPdf } from "./pdf/line-sheet.server";
export { drawPackingList, packingListPdf } from "./pdf/packing-list.server";
export { commitPlacement, placeWholesaleOrder } from "./place.server";
export {
  MAX_ROUNDING_STEP,
  applyWholesaleRegeneration,
  listCurrencyOf,
  previewWholesaleRegeneration,
  resetWholesalePrice,
  setWholesaleMinimums,
  setWholesalePriceByHand,
  wholesaleListsOverview,
  wholesalePricePage,
} from "./price-admin.server";
export type {
  WholesaleListOverview,
  WholesaleMinimums,
  WholesalePricePage,
  WholesalePriceRow,
  WholesaleRegenerationPreview,
} from "./price-admin.server";
export { wholesaleSettings } from "./settings.server";
export { orderShippedTask, packingListDocument, wholesaleOrderId, wholesaleOrderTracking } from "./tracking.server";
