/** Where returned pieces go, and what to do: shown on the return's page and in its first email. */
export const RETURN_ADDRESS = ["Soko Returns", "Nairobi Hub, Baba Dogo Road", "Ruaraka, Nairobi 00618", "Kenya"] as const;

export const RETURN_INSTRUCTIONS = [
  "Wrap each piece in its pouch or soft paper and pack it in a sturdy box or padded envelope.",
  "Write your return number clearly on the outside of the parcel (and on a note inside).",
  "Send it by a tracked service and keep the receipt until your return is closed.",
  "We email you when the parcel reaches our hub, after our quality team checks it, and when your refund or exchange is on its way.",
] as const;
