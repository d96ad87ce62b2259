/** The register's front page: sign in (staff with a POS role), sign out, and open a shift with its float. */
import { data, redirect } from "@remix-run/node";
import { authenticateStaff, hasRole, retryAfter, safeRedirect, signInStaff, throttledMessage } from "~/domain/accounts/index.server";
import { loginSchema, openShiftSchema } from "~/domain/pos";
import { POS_ROLES, actorOf, openShift, requirePosStaff, signOutPos } from "~/domain/pos/index.server";
import { clientAddress } from "~/lib/client-address";
import { Refusal } from "~/lib/refusal";
import { parseWith } from "~/lib/validation";

export async function posHomeAction(request: Request, form: FormData) {
  const intent = form.get("intent");
  if (intent === "sign-out") return signOutPos(request);
  if (intent === "open-shift") return openShiftFrom(request, form);
  return signIn(request, form);
}

async function openShiftFrom(request: Request, form: FormData) {
  const staff = await requirePosStaff(request);
  const parsed = parseWith(openShiftSchema, form);
  if (!parsed.ok) return data({ form: "shift" as const, errors: parsed.errors, message: null, email: "" }, { status: 400 });
  try {
    await openShift({ openingFloat: parsed.data.openingFloat!, staffId: staff.id, actor: actorOf(staff) });
  } catch (error) {
    if (error instanceof Refusal)
      return data({ form: "shift" as const, errors: {}, message: error.message, email: "" }, { status: error.status });
    throw error;
  }
  return redirect("/pos/register");
}

async function signIn(request: Request, form: FormData) {
  const parsed = parseWith(loginSchema, form);
  if (!parsed.ok)
    return data({ form: "login" as const, errors: parsed.errors, message: null, email: parsed.values.email ?? "" }, { status: 400 });
  const result = await authenticateStaff({
    email: parsed.data.email,
    password: parsed.data.password,
    address: clientAddress(request.headers),
  });
  if (!result.ok) {
    const throttled = result.reason === "throttled";
    return data(
      {
        form: "login" as const,
        errors: {},
        message: throttled ? throttledMessage(result) : "That email and password don't match an active staff account.",
        email: parsed.data.email,
      },
      { status: throttled ? 429 : 401, headers: throttled ? retryAfter(result.lockedUntil) : undefined },
    );
  }
  if (!hasRole(result.staff, POS_ROLES)) {
    return data(
      {
        form: "login" as const,
        errors: {},
        message: "The register is for flagship staff: your account needs the cashier or manager role.",
        email: parsed.data.email,
      },
      { status: 403 },
    );
  }
  return signInStaff(request, result.staff, safeRedirect(parsed.data.redirectTo, "/pos/register"));
}
