import { Form } from "@remix-run/react";

/** Deactivate an active artisan (their open offers go back to dispatch), or reactivate one. */
export function StatusSection({ active }: { active: boolean }) {
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
        <button type="submit" className={`button button--small${active ? " button--ghost ops-admin__danger" : ""}`}>
          {active ? "Deactivate artisan" : "Reactivate artisan"}
        </button>
      </Form>
    </section>
  );
}
