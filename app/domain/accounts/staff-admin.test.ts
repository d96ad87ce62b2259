import { describe, expect, it } from "vitest";
import { staffChangeRefusal, staffFormSchema } from "./staff-admin";

const admin = (id: number, active = true) => ({ id, roles: ["admin"] as const, active });

describe("staffChangeRefusal", () => {
  it("lets an admin change anyone else while another admin remains", () => {
    expect(staffChangeRefusal({ actorId: 1, target: admin(2), after: { roles: ["ops"], active: true }, activeAdmins: 2 })).toBeNull();
    expect(staffChangeRefusal({ actorId: 1, target: admin(2), after: { roles: ["admin"], active: false }, activeAdmins: 2 })).toBeNull();
    expect(
      staffChangeRefusal({
        actorId: 1,
        target: { id: 3, roles: ["ops"], active: true },
        after: { roles: ["ops"], active: false },
        activeAdmins: 1,
      }),
    ).toBeNull();
  });

  it("refuses deactivating oneself or dropping one's own admin role", () => {
    expect(staffChangeRefusal({ actorId: 1, target: admin(1), after: { roles: ["admin"], active: false }, activeAdmins: 3 })).toMatch(
      /can't deactivate your own/,
    );
    expect(staffChangeRefusal({ actorId: 1, target: admin(1), after: { roles: ["ops"], active: true }, activeAdmins: 3 })).toMatch(
      /can't remove your own admin/,
    );
    // Renaming oneself keeps the role: fine.
    expect(
      staffChangeRefusal({ actorId: 1, target: admin(1), after: { roles: ["admin", "ops"], active: true }, activeAdmins: 1 }),
    ).toBeNull();
  });

  it("keeps the last active admin", () => {
    expect(staffChangeRefusal({ actorId: 9, target: admin(2), after: { roles: ["ops"], active: true }, activeAdmins: 1 })).toMatch(
      /at least one active admin/,
    );
    // An inactive admin is not the last one: reactivating or demoting it changes nothing about the count.
    expect(
      staffChangeRefusal({ actorId: 9, target: admin(2, false), after: { roles: ["ops"], active: false }, activeAdmins: 1 }),
    ).toBeNull();
  });
});

describe("staffFormSchema", () => {
  it("normalises the email and keeps roles in their canonical order without repeats", () => {
    const parsed = staffFormSchema.parse({ name: " Amina ", email: " Amina@Soko.TEST ", roles: ["hub", "admin", "hub"] });
    expect(parsed).toEqual({ name: "Amina", email: "amina@soko.test", roles: ["admin", "hub"] });
  });

  it("refuses no roles, unknown roles and a name on two lines", () => {
    expect(staffFormSchema.safeParse({ name: "A", email: "a@soko.test", roles: [] }).success).toBe(false);
    expect(staffFormSchema.safeParse({ name: "A", email: "a@soko.test", roles: ["root"] }).success).toBe(false);
    expect(staffFormSchema.safeParse({ name: "A\nB", email: "a@soko.test", roles: ["ops"] }).success).toBe(false);
  });
});
