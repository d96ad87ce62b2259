import { ROLE_DESCRIPTIONS } from "~/domain/accounts";
import { STAFF_ROLES, type StaffRole } from "#db/schema";
import { FieldError } from "~/components/ui/Field";

/** The roles as checkboxes, each with what it opens; one error for the group. */
export function RoleFields({ idPrefix, checked, error }: { idPrefix: string; checked: readonly StaffRole[]; error?: string }) {
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset className="field role-fields" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend>Roles</legend>
      {STAFF_ROLES.map((role) => (
        <label key={role} className="role-fields__option">
          <input type="checkbox" name="roles" value={role} defaultChecked={checked.includes(role)} />
          <span>
            <strong>{role[0].toUpperCase() + role.slice(1)}</strong> <span className="muted">— {ROLE_DESCRIPTIONS[role]}</span>
          </span>
        </label>
      ))}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
