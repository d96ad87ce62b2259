import { Form } from "@remix-run/react";
import { ConfirmCheck } from "~/features/ops/shared/ConfirmCheck";

/**
 * Deactivate an active artisan (their open offers go back to dispatch), or reactivate one.
 * Deactivating takes her offers from her at once, so it asks for a tick first, as deactivating staff does.
 */
export function StatusSection({ active, name, error }: { active: boolean; name: string; error?: string }) {
  return (
    <section className="ops-admin__section" aria-labelledby="status-title">
      <h2 id="status-title">{active ? "Deactivate" : "Reactivate"}</h2>
      <p className="muted">
        {active
          ? "They stop getting offers; their open offers go back to dispatch at once. Accepted work stays with them. Earnings owed are still paid."
          : "They can be offered work again."}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value={active ? "deactivate" : "reactivate"} />
        {active ? (
          <ConfirmCheck id="deactivate-confirm" error={error}>
            Yes, deactivate {name}
          </ConfirmCheck>
        ) : null}
        <button type="submit" className={`button button--small${active ? " button--ghost ops-admin__danger" : ""}`}>
          {active ? "Deactivate artisan" : "Reactivate artisan"}
        </button>
      </Form>
    </section>
  );
}
