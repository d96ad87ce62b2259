/** The messaging domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { queueArtisanSms } from "./artisan-sms.server";
export { queueSms, sendSmsTask } from "./outbox.server";
