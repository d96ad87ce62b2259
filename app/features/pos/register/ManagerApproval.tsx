import { PlainField } from "./PlainField";

/** A discount above 20% rung up by a cashier: a manager's email and password approve it (the same
 * password they sign in with: the register has no separate PIN; the field's name stays managerPin). */
export function ManagerApproval({ values }: { values: Record<string, string> }) {
  return (
    <fieldset className="pos-approval">
      <legend>Manager approval for a discount above 20%</legend>
      <PlainField id="manager-email" name="managerEmail" label="Manager email" type="email" defaultValue={values.managerEmail ?? ""} />
      <PlainField id="manager-pin" name="managerPin" label="Manager password" type="password" />
    </fieldset>
  );
}
