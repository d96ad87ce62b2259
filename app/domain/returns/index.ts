/** The returns domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { RETURN_INSTRUCTIONS } from "./address";
export {
  DEFAULT_RETURN_POLICY,
  QUEUE_STATUSES,
  RETURN_REASONS,
  STATUS_WORDS,
  STEP_STATE_WORDS,
  apportion,
  exchangeDifference,
  exchangeDue,
  normalizeReturnNumber,
  policySchema,
  queueQuerySchema,
  readDispositions,
  readReturnLines,
  reasonLabel,
  startReturnSchema,
} from "./rules";
export type { QueueQuery, ReturnPolicy, ReturnStep, StepState } from "./rules";
