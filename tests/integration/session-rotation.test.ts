/**
 * SESSION_SECRET rotation ("new,old": the first signs, every one verifies) and cookies on an https
 * site. This file sets its own configuration before the app reads it (env() is read once per process).
 */
import { createHmac } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { statusToken, verifyStatusToken } from "~/domain/orders/status-link.server";
import { workingDraftCookie } from "~/domain/wholesale/drafts.server";
import { loader as auditLoader } from "~/routes/ops.audit";
import { redirectWithFlash } from "~/lib/flash.server";
import { db } from "~/lib/db.server";
import { cartCookie, endSession, startSession } from "~/lib/session.server";
import { call, get } from "./artisan-support";

const NEW = "the-new-secret-after-rotation-0123456789";
const OLD = "the-old-secret-before-rotation-0123456789";
const RETIRED = "a-retired-secret-no-longer-listed-012345";
process.env.SESSION_SECRET = `${NEW},${OLD}`;
process.env.PUBLIC_URL = "https://shop.soko.example";

const signedWith = (secret: string, name = "__soko_session") => createCookie(name, { secrets: [secret] });
const pair = (setCookie: string) => setCookie.split(";")[0];

let adminId: number;
beforeAll(async () => {
  adminId = (await createStaff(db, { roles: ["admin"] })).id;
});

describe("rotating SESSION_SECRET", () => {
  it("keeps sessions signed with the old secret open, signs new ones with the new secret, refuses a secret no longer listed", async () => {
    const issued = await startSession(null, { kind: "staff", id: adminId });
    const id = await signedWith(NEW).parse(pair(issued));
    expect(typeof id).toBe("string");
    expect(await signedWith(OLD).parse(pair(issued))).toBeFalsy(); // signed with the first secret only

    // The same session, as a browser kept it from before the rotation.
    const beforeRotation = pair(await signedWith(OLD).serialize(id));
    expect((await call(auditLoader, get("/ops/audit", beforeRotation))).status).toBe(200);
    const retired = pair(await signedWith(RETIRED).serialize(id));
    expect((await call(auditLoader, get("/ops/audit", retired))).location).toBe("/ops/login?redirectTo=%2Fops%2Faudit");
  });

  it("keeps emailed order links made with the old secret working and makes new ones with the new secret", () => {
    const withSecret = (secret: string) => createHmac("sha256", secret).update("order-status:SK-100042").digest("base64url").slice(0, 32);
    expect(statusToken("SK-100042")).toBe(withSecret(NEW));
    expect(verifyStatusToken("SK-100042", withSecret(NEW))).toBe(true);
    expect(verifyStatusToken("SK-100042", withSecret(OLD))).toBe(true);
    expect(verifyStatusToken("SK-100042", withSecret(RETIRED))).toBe(false);
  });

  it("reads a cart cookie signed with the old secret", async () => {
    const old = pair(await signedWith(OLD, "__soko_cart").serialize("cart-123"));
    expect(await cartCookie().parse(old)).toBe("cart-123");
    expect(await signedWith(NEW, "__soko_cart").parse(pair(await cartCookie().serialize("cart-456")))).toBe("cart-456");
  });
});

describe("on an https site", () => {
  it("marks every cookie Secure (and HttpOnly)", async () => {
    const cookies = [
      await startSession(null, { kind: "staff", id: adminId }),
      await endSession(get("/")),
      (await redirectWithFlash(get("/"), "/", { kind: "success", message: "Saved." })).headers.get("Set-Cookie")!,
      await cartCookie().serialize("cart-1"),
      await workingDraftCookie(1, 2),
    ];
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
    }
  });
});
