import { Link } from "@remix-run/react";
import type { ErrorWords } from "~/lib/error-words";

/** A surface's error page body: the status, what went wrong, and one way back. */
export function ErrorSection({ className, words, back }: { className: string; words: ErrorWords; back: { to: string; label: string } }) {
  return (
    <section className={className}>
      <p className="eyebrow">Error {words.status}</p>
      <h1>{words.title}</h1>
      <p>{words.detail}</p>
      <p>
        <Link className="button" to={back.to}>
          {back.label}
        </Link>
      </p>
    </section>
  );
}
