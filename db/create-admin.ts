/**
 * `npm run admin:create -- --email you@example.com --name "Your Name"`: the first admin outside
 * demo mode. The password comes from ADMIN_PASSWORD or is asked for on the terminal.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { hashSecret } from "../app/domain/accounts/password.server";
import { createDb, schema } from "./client";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to create the admin in.");
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (12 characters or more): ");
  rl.close();
}
const input = z
  .object({
    email: z.string().trim().toLowerCase().email("--email must be an email address"),
    name: z.string().trim().min(1, "--name is required"),
    password: z.string().min(12, "The password must have 12 characters or more"),
  })
  .safeParse({ ...values, password });
if (!input.success) {
  for (const issue of input.error.issues) console.error(issue.message);
  process.exit(2);
}
const { db, sql } = createDb(url, { max: 1 });
try {
  const [created] = await db
    .insert(schema.staffUsers)
    .values({ email: input.data.email, name: input.data.name, passwordHash: await hashSecret(input.data.password), roles: ["admin"] })
    .onConflictDoNothing()
    .returning({ id: schema.staffUsers.id });
  if (!created) {
    console.error(`A staff user with the email ${input.data.email} already exists.`);
    process.exitCode = 1;
  } else {
    console.log(`Admin ${input.data.email} created. Sign in at /ops/login.`);
  }
} finally {
  await sql.end();
}
