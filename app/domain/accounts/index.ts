/** The accounts domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { OPS_SECTIONS, ORDER_ACTIONS, mayAct, mayOpen, opsAllows } from "./ops-access";
export { OTP_MAX_ATTEMPTS, OTP_PATTERN, OTP_TTL_MINUTES, PIN_PATTERN, canSendOtp, formatOtp } from "./pin-rules";
export { retryAfterSeconds, tryAgainIn } from "./throttle-rules";
