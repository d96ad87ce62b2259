/** The payments domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { paymentProvider } from "./choose-provider.server";
