import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct, createSkill } from "#db/seed/factories";
import {
  getPublicMaker,
  listPublicCounties,
  listPublicMakers,
  productsMakerCanMake,
  searchPublicMakers,
} from "~/domain/artisans/makers.server";
import { MAKERS_PAGE_SIZE, parseDirectoryParams } from "~/domain/artisans/makers";
import { db } from "~/lib/db.server";
import { loader as directoryLoader } from "~/routes/makers._index";
import { loader as profileLoader, meta as profileMeta } from "~/routes/makers.$handle";

const params = (qs: string) => parseDirectoryParams(new URLSearchParams(qs));

async function callDirectory(qs: string) {
  const request = new Request(`http://localhost/makers?${qs}`);
  return directoryLoader({ request, params: {}, context: {} });
}

async function callProfile(handle: string) {
  const request = new Request(`http://localhost/makers/${handle}`);
  return profileLoader({ request, params: { handle }, context: {} });
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    const result = await promise;
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

beforeAll(async () => {
  // 30 consenting makers in Nairobi, 3 in Kisumu; plus people who must never show.
  for (let i = 0; i < 30; i++) {
    await createArtisan(db, {
      firstName: "Achieng",
      lastName: `Nairobi${String(i).padStart(2, "0")}`,
      county: "Nairobi",
      settlement: "Kibera",
      handle: `achieng-nairobi-${i}`,
    });
  }
  for (let i = 0; i < 3; i++) {
    await createArtisan(db, {
      firstName: "Otieno",
      lastName: `Lake${i}`,
      county: "Kisumu",
      settlement: "Nyalenda",
      handle: `otieno-lake-${i}`,
    });
  }
  await createArtisan(db, {
    firstName: "Hidden",
    lastName: "Private",
    county: "Nairobi",
    settlement: "Kibera",
    handle: "hidden-private",
    publicProfile: false,
  });
  await createArtisan(db, {
    firstName: "Gone",
    lastName: "Inactive",
    county: "Nairobi",
    settlement: "Kibera",
    handle: "gone-inactive",
    active: false,
  });
  await createArtisan(db, {
    firstName: "Secret",
    lastName: "County",
    county: "Turkana",
    settlement: "Lodwar",
    handle: "secret-county",
    publicProfile: false,
  });
});

describe("the directory", () => {
  it("lists only active, consenting makers, 24 a page, first name and last initial", async () => {
    const first = await listPublicMakers(params(""));
    expect(first.total).toBe(33);
    expect(first.pageCount).toBe(2);
    expect(first.makers).toHaveLength(MAKERS_PAGE_SIZE);
    const second = await listPublicMakers(params("page=2"));
    expect(second.makers).toHaveLength(33 - MAKERS_PAGE_SIZE);
    const all = [...first.makers, ...second.makers];
    expect(new Set(all.map((m) => m.handle)).size).toBe(33);
    const names = all.map((m) => m.name);
    expect(names.some((n) => /Hidden|Gone|Secret/.test(n))).toBe(false);
    expect(names).toContain("Otieno L.");
    expect(all.every((m) => m.portraitUrl.startsWith("/images/makers/"))).toBe(true);
  });

  it("filters by county and offers only counties with public makers", async () => {
    const kisumu = await listPublicMakers(params("county=Kisumu"));
    expect(kisumu.total).toBe(3);
    expect(kisumu.makers.every((m) => m.county === "Kisumu")).toBe(true);
    expect(await listPublicCounties()).toEqual(["Kisumu", "Nairobi"]);
    expect((await listPublicMakers(params("county=Turkana"))).total).toBe(0);
  });

  it("searches name and settlement, never non-consenting makers", async () => {
    expect((await listPublicMakers(params("q=nyalenda"))).total).toBe(3);
    expect((await listPublicMakers(params("q=otieno lake1"))).makers.map((m) => m.handle)).toEqual(["otieno-lake-1"]);
    expect((await listPublicMakers(params("q=Hidden"))).total).toBe(0);
    expect((await listPublicMakers(params("q=Lodwar"))).total).toBe(0);
    expect((await searchPublicMakers("private")).length).toBe(0);
    expect((await searchPublicMakers("kibera")).length).toBeGreaterThan(0);
  });

  it("treats LIKE wildcards literally", async () => {
    expect((await listPublicMakers(params("q=%25"))).total).toBe(0);
    expect((await listPublicMakers(params("q=_"))).total).toBe(0);
  });

  it("has no makers on a page past the end, and says how many pages there are", async () => {
    const result = await listPublicMakers(params("page=999"));
    expect(result).toMatchObject({ makers: [], page: 999, pageCount: 2, total: 33 });
    expect((await listPublicMakers(params("page=2"))).makers.length).toBe(33 - MAKERS_PAGE_SIZE);
  });

  it.each(["page=abc", "page=99999999999999", "page=-1"])("answers 400 to a page that isn't one: %s", async (qs) => {
    expect(await status(callDirectory(qs))).toBe(400);
  });

  it.each([
    "county=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%00%27%3B%20drop%20table%20artisans%3B--",
    `q=${"x".repeat(5000)}`,
    "q=%F0%9F%92%8D&county=%E2%80%AE",
  ])("answers bad parameters without an error: %s", async (qs) => {
    expect(await status(callDirectory(qs.slice(0, 300)))).toBe(200);
  });
});

describe("a maker's profile", () => {
  it("answers 404 for unknown, non-consenting, inactive and malformed handles", async () => {
    for (const handle of ["nobody-here", "hidden-private", "gone-inactive", "Achieng-Nairobi-1", "../etc/passwd", "x".repeat(200)]) {
      expect(await status(callProfile(handle)), handle).toBe(404);
    }
  });

  it("shows the full name, place, skills and the products whose skills the maker has", async () => {
    const brass = await createSkill(db, { slug: "brass-casting", name: "Brass casting" });
    const beads = await createSkill(db, { slug: "beadwork", name: "Beadwork" });
    const horn = await createSkill(db, { slug: "horn-carving", name: "Horn carving" });
    const { artisan } = await createArtisan(db, {
      firstName: "Wanjiru",
      lastName: "Kamau",
      handle: "wanjiru-kamau",
      county: "Nairobi",
      settlement: "Kariobangi",
      bio: "I learnt brass casting from my mother.",
      piecesMade: 412,
      skills: [brass, beads],
    });
    const brassOnly = await createProduct(db, { title: "Brass Drop Earrings", skills: [brass] });
    const both = await createProduct(db, { title: "Beaded Brass Cuff", skills: [brass, beads] });
    const needsHorn = await createProduct(db, { title: "Horn and Brass Ring", skills: [brass, horn] });
    const draft = await createProduct(db, { title: "Draft Brass Hoop", skills: [brass], status: "draft" });
    const noSkills = await createProduct(db, { title: "Plain Chain" });

    const canMake = (await productsMakerCanMake(artisan.id)).map((p) => p.handle);
    expect(canMake).toEqual(expect.arrayContaining([brassOnly.product.handle, both.product.handle]));
    expect(canMake).not.toContain(needsHorn.product.handle);
    expect(canMake).not.toContain(draft.product.handle);
    expect(canMake).not.toContain(noSkills.product.handle);

    const profile = await getPublicMaker("wanjiru-kamau");
    expect(profile).toMatchObject({
      firstName: "Wanjiru",
      lastName: "Kamau",
      settlement: "Kariobangi",
      county: "Nairobi",
      piecesMade: 412,
      skills: ["Beadwork", "Brass casting"],
    });
    expect(profile!.products[0]).toMatchObject({
      image: { url: expect.stringMatching(/^\/images\/products\//) },
      price: { amount: 4800, currency: "USD" },
    });
    expect(JSON.stringify(profile)).not.toMatch(/latitude|longitude|phone|pin/i);

    const data = (await callProfile("wanjiru-kamau")) as Awaited<ReturnType<typeof profileLoader>>;
    expect(data.canonical).toMatch(/\/makers\/wanjiru-kamau$/);
    const tags = profileMeta({ data, params: { handle: "wanjiru-kamau" }, location: { pathname: "/makers/wanjiru-kamau" } } as never);
    expect(tags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: expect.stringContaining("Wanjiru Kamau") }),
        expect.objectContaining({ tagName: "link", rel: "canonical", href: data.canonical }),
        expect.objectContaining({
          property: "og:image",
          content: expect.stringMatching(/^https?:\/\/.+\/images\/makers\/wanjiru-kamau\.svg$/),
        }),
      ]),
    );
  });

  it("shows at most 12 products", async () => {
    const skill = await createSkill(db, { slug: "filigree" });
    const { artisan } = await createArtisan(db, { skills: [skill] });
    for (let i = 0; i < 14; i++) await createProduct(db, { title: `Filigree Piece ${i}`, skills: [skill] });
    expect(await productsMakerCanMake(artisan.id)).toHaveLength(12);
  });
});
