/** The notifications domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { getOutboxMessage, listOutbox, queueEmail, queueRenderedEmail, retryFailedEmail } from "./outbox.server";
export { sendEmailTask } from "./send-email.server";
export { renderEmail } from "./templates.server";
