/** The pos domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { customerForRegister, findCustomersForRegister, quickCreateCustomer, searchCustomers } from "./customers.server";
export type { CustomerSearch, QuickCreate } from "./customers.server";
export { decideHeldSale, listHeldSales, syncOfflineSale } from "./held-sales.server";
export { exchangeChoices, recordReturn } from "./returns.server";
export type { ExchangeChoice } from "./returns.server";
export { PHONE_HELP, textReceipt } from "./receipt-sms.server";
export { STORE_NAME, getSale, recentSales, recordSale, registerCatalog, storeTaxRate } from "./sales.server";
export { closeShift, currentShift, openShift, shiftDetail, shiftHistory } from "./shifts.server";
export { POS_ROLES, actorOf, requirePosStaff, signOutPos } from "./staff.server";
