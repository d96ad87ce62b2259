import type { LoaderFunctionArgs } from "@remix-run/node";
import { sqlClient } from "~/lib/db.server";

/** 200 when the database answers within a second, 503 otherwise. */
export async function loader(_args: LoaderFunctionArgs) {
  const started = Date.now();
  const database = await Promise.race([
    sqlClient()`select 1`.then(
      () => "up" as const,
      () => "down" as const,
    ),
    new Promise<"down">((resolve) => setTimeout(() => resolve("down"), 1000).unref()),
  ]);
  const ok = database === "up";
  return Response.json({ ok, database, ms: Date.now() - started }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
