/**
 * Who did something, as people read it. Events and the audit log record an actor as a short key
 * ("staff:12", "artisan:360", "customer:42", "buyer:7", "dispatch", "job:payout_run"); pages show a
 * name, and a link to the person's page where operations has one. Pure: the names come from
 * `resolveActors` (actors.server.ts).
 */

export type ActorKind = "staff" | "artisan" | "customer" | "buyer" | "system";

export type ActorView = {
  /** The key as recorded. */
  actor: string;
  /** "Njeri Odhiambo", "Dispatch engine". */
  name: string;
  kind: ActorKind;
  /** The /ops page about this person, or null. */
  href: string | null;
  /** The ops route `href` opens (to leave the link out for staff who may not open it). */
  route: "ops.artisans.$id" | "ops.retailers.$id" | null;
};

export type ActorRef = { kind: "staff" | "artisan" | "customer" | "buyer"; id: number };

/** "artisan:360" → { kind: "artisan", id: 360 }; anything that is not a person by id → null. */
export function actorRef(actor: string): ActorRef | null {
  const match = /^(staff|artisan|customer|buyer):(\d{1,10})$/.exec(actor);
  if (!match) return null;
  const id = Number(match[2]);
  return id > 0 && id <= 2_147_483_647 ? { kind: match[1] as ActorRef["kind"], id } : null;
}

const SYSTEM_NAMES: Record<string, string> = {
  system: "System",
  dispatch: "Dispatch engine",
  anonymous: "Not signed in",
  stripe: "Stripe",
  local: "Test card provider",
  seed: "Demo data",
};

const KIND_WORDS: Record<ActorRef["kind"], string> = {
  staff: "Staff member",
  artisan: "Artisan",
  customer: "Shopper",
  buyer: "Retail buyer",
};

/**
 * How an actor reads without looking anyone up: system actors by name ("Dispatch engine",
 * "Job: payout run"), a shopper or applicant by email, a person whose row is gone as "Artisan #360".
 */
export function describeActor(actor: string | null): ActorView {
  const key = actor ?? "system";
  const system = SYSTEM_NAMES[key];
  if (system) return view(key, system, "system");
  const ref = actorRef(key);
  if (ref) return view(key, `${KIND_WORDS[ref.kind]} #${ref.id}`, ref.kind);
  if (key.startsWith("hub:")) return view(key, "Nairobi hub", "system");
  const job = /^job:(.+)$/.exec(key);
  if (job) return view(key, `Job: ${job[1].replace(/_/g, " ")}`, "system");
  const email = /^(customer|applicant):(.+@.+)$/.exec(key);
  if (email) return view(key, email[2], email[1] === "customer" ? "customer" : "buyer");
  return view(key, key, "system");
}

function view(actor: string, name: string, kind: ActorKind): ActorView {
  return { actor, name, kind, href: null, route: null };
}
