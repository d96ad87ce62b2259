/**
 * The staff pages' forms, read and answered: each returns either a redirect message or the field
 * errors (and what was typed) to show next to the form, with the status to answer with.
 */
import { z } from "zod";
import { newPasswordSchema, staffEditSchema, staffFormSchema } from "~/domain/accounts";
import {
  changeOwnPassword,
  inviteStaff,
  sendStaffPasswordLink,
  setStaffActive,
  updateStaff,
  type Staff,
} from "~/domain/accounts/index.server";
import { clientAddress } from "~/lib/client-address";
import { parseWith, type FieldErrors } from "~/lib/validation";

export type FormAnswer =
  | { ok: true; message: string; id?: number }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409 | 429;
      intent: string;
      errors: FieldErrors;
      values: Record<string, string>;
      roles?: string[];
    };

/** Roles come as several values of one field; parseWith keeps one value per field. */
function withRoles<T extends z.ZodTypeAny>(schema: T, form: FormData) {
  const parsed = parseWith(z.object({}).passthrough(), form);
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors, values: parsed.values };
  const values = parsed.data as Record<string, string>;
  const result = schema.safeParse({ ...values, roles: form.getAll("roles").map(String) });
  if (result.success) return { ok: true as const, data: result.data as z.infer<T> };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false as const, errors, values };
}

export async function inviteFromForm(by: Staff, form: FormData): Promise<FormAnswer> {
  const parsed = withRoles(staffFormSchema, form);
  if (!parsed.ok)
    return {
      ok: false,
      status: 400,
      intent: "invite",
      errors: parsed.errors,
      values: parsed.values,
      roles: form.getAll("roles").map(String),
    };
  const result = await inviteStaff(by, parsed.data);
  if (!result.ok)
    return {
      ok: false,
      status: result.status as 409,
      intent: "invite",
      errors: { [result.field ?? "form"]: result.message },
      values: { name: parsed.data.name, email: parsed.data.email },
      roles: parsed.data.roles,
    };
  return {
    ok: true,
    id: result.id,
    message: `${parsed.data.name} is invited: an email with a link to choose a password is on its way to ${parsed.data.email}.`,
  };
}

const intentSchema = z.object({
  intent: z.enum(["save", "deactivate", "reactivate", "send-link"], { errorMap: () => ({ message: "Unknown action." }) }),
});

export async function memberFromForm(by: Staff, id: number, form: FormData): Promise<FormAnswer> {
  const which = parseWith(intentSchema.passthrough(), form);
  if (!which.ok) return { ok: false, status: 400, intent: "form", errors: { form: Object.values(which.errors)[0] }, values: which.values };
  const { intent } = which.data;
  if (intent === "save") {
    const parsed = withRoles(staffEditSchema, form);
    if (!parsed.ok)
      return { ok: false, status: 400, intent, errors: parsed.errors, values: parsed.values, roles: form.getAll("roles").map(String) };
    return settle(intent, await updateStaff(by, id, parsed.data), { name: parsed.data.name }, parsed.data.roles);
  }
  if (intent === "deactivate" && form.get("confirm") !== "yes")
    return { ok: false, status: 400, intent, errors: { confirm: "Tick the box to confirm." }, values: {} };
  if (intent === "send-link") return settle(intent, await sendStaffPasswordLink(by, id), {});
  return settle(intent, await setStaffActive(by, id, intent === "reactivate"), {});
}

function settle(
  intent: string,
  result: { ok: true; message: string } | { ok: false; status: number; message: string; field?: string },
  values: Record<string, string>,
  roles?: string[],
): FormAnswer {
  if (result.ok) return { ok: true, message: result.message };
  return { ok: false, status: result.status as 409, intent, errors: { [result.field ?? "form"]: result.message }, values, roles };
}

const changeSchema = z
  .object({ current: z.string().min(1, "Enter your current password.").max(200, "That password is too long.") })
  .and(newPasswordSchema);

export type PasswordAnswer = { ok: true; cookie: string } | { ok: false; status: 400 | 401 | 429; errors: FieldErrors; lockedUntil?: Date };

export async function changePasswordFromForm(request: Request, staff: Staff, form: FormData): Promise<PasswordAnswer> {
  const parsed = parseWith(changeSchema, form);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  const result = await changeOwnPassword(request, staff, {
    current: parsed.data.current,
    password: parsed.data.password,
    address: clientAddress(request.headers),
    flash: { kind: "success", message: "Your password is changed. Every other place you were signed in has been signed out." },
  });
  if (result.ok) return result;
  if (result.reason === "throttled") return { ok: false, status: 429, errors: {}, lockedUntil: result.lockedUntil };
  return { ok: false, status: 401, errors: { current: "That isn't your current password." } };
}
