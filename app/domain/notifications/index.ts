/** The notifications domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { OUTBOX_CHANNELS, OUTBOX_STATUSES, outboxFilterSchema } from "./outbox-filter";
export type { OutboxChannel, OutboxStatus } from "./outbox-filter";
