/** The accounts domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  MIN_PASSWORD_LENGTH,
  accountRedirect,
  authenticateCustomer,
  customerOrders,
  getCustomer,
  requireCustomer,
  signInCustomer,
  signOutCustomer,
  signOutCustomerEverywhere,
  signedInCustomerId,
  signedInCustomerName,
  startCustomerSession,
} from "./customer.server";
export {
  EMAIL_VERIFIED_ACTION,
  VERIFY_PATH,
  confirmEmail,
  isEmailVerified,
  resendVerificationEmail,
  verificationToken,
} from "./email-verification.server";
export type { VerifyResult } from "./email-verification.server";
export {
  RESET_REQUESTED_MESSAGE,
  checkResetToken,
  clientAddress,
  passwordResetTask,
  requestPasswordReset,
  resetPassword,
  resetThrottledMessage,
  signInAfterReset,
} from "./password-reset.server";
export type { ResetCheck } from "./password-reset.server";
export {
  PRUNE_SIGNUPS_TASK,
  SIGNUP_LINK_DAYS,
  SIGNUP_PRUNE_CRONTAB,
  confirmSignUp,
  isSignUpToken,
  pruneSignUps,
  pruneSignUpsTask,
  recordSignUp,
  requestSignUp,
  signUpTask,
  signUpThrottledMessage,
} from "./signup.server";
export type { SignUpConfirmation } from "./signup.server";
export { hashSecret, needsRehash, verifyAgainstNothing, verifySecret } from "./password.server";
export {
  authenticateStaff,
  getStaff,
  hasRole,
  homeFor,
  normalizeEmail,
  requireOpsStaff,
  safeRedirect,
  signInStaff,
  signOutStaff,
  signOutStaffEverywhere,
  staffCounters,
} from "./staff.server";
export type { Staff } from "./staff.server";
export { addressKey } from "./throttle-rules";
export {
  changeOwnPassword,
  checkStaffLink,
  inviteStaff,
  listStaff,
  loadStaffMember,
  sendStaffPasswordLink,
  setStaffActive,
  setStaffPassword,
  updateStaff,
} from "./staff-admin.server";
export type { StaffLinkCheck, StaffRow, StaffStatus } from "./staff-admin.server";
export {
  PRUNE_THROTTLES_TASK,
  THROTTLES,
  THROTTLE_CRONTAB,
  attemptSucceeded,
  attemptWithdrawn,
  beginAttempt,
  clearCounter,
  counterState,
  counters,
  pruneThrottlesTask,
  refusedSignIn,
  retryAfter,
  throttled,
  throttledMessage,
} from "./throttle.server";
export type { Counter, SignInRefusal } from "./throttle.server";
