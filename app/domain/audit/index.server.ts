/** The audit domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { audit } from "./audit.server";
export { resolveActors } from "./actors.server";
