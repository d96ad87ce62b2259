/**
 * What to do with a return's parcel: shown on the return's page and in its first email. Where it
 * goes is the hub's location record (returnAddress in address.server.ts), the same address the
 * shipping labels print as their return address.
 */
export const RETURN_INSTRUCTIONS = [
  "Wrap each piece in its pouch or soft paper and pack it in a sturdy box or padded envelope.",
  "Write your return number clearly on the outside of the parcel (and on a note inside).",
  "Send it by a tracked service and keep the receipt until your return is closed.",
  "We email you when the parcel reaches our hub, after our quality team checks it, and when your refund or exchange is on its way.",
] as const;
