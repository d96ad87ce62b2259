/** What a retailer's status and payment terms are called on its page. */
export const STATUS_LABEL: Record<string, string> = {
  applied: "Application",
  approved: "Approved account",
  rejected: "Rejected",
  suspended: "Suspended",
};

export const TERMS_LABEL: Record<string, string> = { card: "Card", net30: "Net 30", net60: "Net 60" };
