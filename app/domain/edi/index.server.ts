/** The EDI domain's front door for the server (docs/decisions/0017-x12-edi.md). Pure rules: ./index.ts. */
import type { Task } from "graphile-worker";
import { ediCancelOrderTask } from "./changes.server";
import { ediDeliverTask, ediScanInboxTask } from "./deliver.server";
import { ediInventoryAdviceTask } from "./inventory-advice.server";

export { ediOrderShippedTask, sendShipmentDocuments } from "./asn.server";
export { assignCartons, packingEdi } from "./cartons.server";
export type { CartonView, PackingEdi } from "./cartons.server";
export { cancelForTransaction } from "./changes.server";
export { deliverDocument, scanInbox } from "./deliver.server";
export { dropDemoInterchanges } from "./demo.server";
export { dropShipBrand } from "./dropship.server";
export type { DropShipBrand } from "./dropship.server";
export { adviceItems, sendInventoryAdvice, sendScheduledAdvice } from "./inventory-advice.server";
export { cartonLabels, cartonLabelsResponse } from "./labels.server";
export { compliance } from "./compliance.server";
export type { Compliance } from "./compliance.server";
export {
  documentDetail,
  errorList,
  interchangeDetail,
  orderEdi,
  receivedLog,
  refuseTransaction,
  reprocessTransaction,
  sentLog,
} from "./ops.server";
export {
  addShipTo,
  createPartner,
  getPartner,
  importCrossReference,
  issueInboundToken,
  listPartners,
  partnerCandidates,
  partnerDetail,
  partnerForToken,
  removeItemRef,
  removeShipTo,
  updatePartner,
} from "./partners.server";
export { receiveInterchange } from "./receive.server";
export type { ReceiveResult } from "./receive.server";

/** The EDI jobs, for the worker's task list. */
export function ediTasks(): { edi_deliver: Task; edi_cancel_order: Task; edi_scan_inbox: Task; edi_inventory_advice: Task } {
  return {
    edi_deliver: ediDeliverTask,
    edi_cancel_order: ediCancelOrderTask,
    edi_scan_inbox: ediScanInboxTask,
    edi_inventory_advice: ediInventoryAdviceTask,
  };
}

/** The watched inbox is read every minute; every 15 minutes, partners whose 846 time has come get theirs. */
export const EDI_CRONTAB = [
  "* * * * * edi_scan_inbox ?jobKey=edi_scan_inbox",
  "*/15 * * * * edi_inventory_advice ?jobKey=edi_inventory_advice",
].join("\n");
