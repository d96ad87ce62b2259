/** The returns domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { RETURN_INSTRUCTIONS } from "./address";
export {
  DEFAULT_RETURN_POLICY,
  EXCHANGE_PAYMENT_DAYS,
  MONEY_KINDS,
  MONEY_PERIOD_DAYS,
  QUEUE_STATUSES,
  RETURN_ARRIVAL_DAYS,
  RETURN_REASONS,
  RETURN_REASON_VALUES,
  STATUS_WORDS,
  STEP_STATE_WORDS,
  apportion,
  exchangeDifference,
  exchangeDue,
  moneyByCurrency,
  moneyKindLabel,
  normalizeReturnNumber,
  policySchema,
  queueQuerySchema,
  readDispositions,
  readMoneyPeriod,
  readReturnLines,
  returnWindow,
  reasonLabel,
  startReturnSchema,
} from "./rules";
export type { MoneyKind, ReturnReason, MoneyPeriod, MoneyTotalRow, QueueQuery, ReturnPolicy, ReturnStep, StepState } from "./rules";
