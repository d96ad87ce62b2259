/** The accounts domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { ARTISAN_ACTIONS, OPS_SECTIONS, ORDER_ACTIONS, RETURN_ACTIONS, mayAct, mayOpen, opsAllows, type OpsRouteId } from "./ops-access";
export { OTP_MAX_ATTEMPTS, OTP_PATTERN, OTP_TTL_MINUTES, PIN_PATTERN, canSendOtp, formatOtp } from "./pin-rules";
export { retryAfterSeconds, tryAgainIn } from "./throttle-rules";
export {
  MIN_STAFF_PASSWORD_LENGTH,
  ROLE_DESCRIPTIONS,
  STAFF_LINK_LIFETIME_MINUTES,
  STAFF_PASSWORD_PATH,
  newPasswordSchema,
  staffChangeRefusal,
  staffEditSchema,
  staffFormSchema,
} from "./staff-admin";
