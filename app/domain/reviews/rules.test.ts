import { describe, expect, it } from "vitest";
import {
  compareHelpfulFirst,
  defaultAuthorName,
  makerCredit,
  ratingSentence,
  reviewFormSchema,
  reviewWritable,
  reviewsPageParam,
  summarizeRatings,
} from "./rules";

describe("summarizeRatings", () => {
  it("averages approved stars to one decimal and lists them five stars first", () => {
    // 1×1, 0×2, 1×3, 2×4, 4×5: 1 + 3 + 8 + 20 = 32 over 8 = 4.0
    expect(summarizeRatings([1, 0, 1, 2, 4])).toEqual({ count: 8, average: 4, distribution: [4, 2, 1, 0, 1] });
  });

  it("rounds half up on the exact sum (4.25 → 4.3, 4.75 → 4.8), with no floating-point drift", () => {
    expect(summarizeRatings([0, 0, 0, 3, 1]).average).toBe(4.3);
    expect(summarizeRatings([0, 0, 0, 1, 3]).average).toBe(4.8);
    expect(summarizeRatings([0, 0, 2, 0, 1]).average).toBe(3.7);
  });

  it("has no average without reviews, and ignores junk counts", () => {
    expect(summarizeRatings([])).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
    expect(summarizeRatings([-3, Number.NaN, 0, 0, 2])).toEqual({ count: 2, average: 5, distribution: [2, 0, 0, 0, 0] });
  });

  it("says it in words", () => {
    expect(ratingSentence(summarizeRatings([0, 0, 0, 1, 1]))).toBe("4.5 out of 5 stars from 2 reviews");
    expect(ratingSentence(summarizeRatings([0, 0, 0, 0, 1]))).toBe("5.0 out of 5 stars from 1 review");
    expect(ratingSentence(summarizeRatings([]))).toBe("No reviews yet");
  });
});

describe("compareHelpfulFirst", () => {
  it("puts the most helpful first, then the newest, then the later id", () => {
    const reviews = [
      { id: 1, helpfulCount: 0, createdAt: "2026-10-01T00:00:00Z" },
      { id: 2, helpfulCount: 5, createdAt: "2026-09-01T00:00:00Z" },
      { id: 3, helpfulCount: 0, createdAt: "2026-11-01T00:00:00Z" },
      { id: 4, helpfulCount: 5, createdAt: "2026-10-15T00:00:00Z" },
      { id: 5, helpfulCount: 0, createdAt: "2026-11-01T00:00:00Z" },
      { id: 6, helpfulCount: 1, createdAt: "2026-01-01T00:00:00Z" },
    ];
    expect([...reviews].sort(compareHelpfulFirst).map((r) => r.id)).toEqual([4, 2, 6, 5, 3, 1]);
  });
});

describe("reviewWritable", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const delivered = new Date("2026-11-20T00:00:00Z");
  it("lets a delivered order's buyer write, and change a review until it is moderated", () => {
    expect(reviewWritable({ orderStatus: "delivered", deliveredAt: delivered, now, existing: null }).ok).toBe(true);
    expect(reviewWritable({ orderStatus: "delivered", deliveredAt: delivered, now, existing: "pending" }).ok).toBe(true);
    expect(reviewWritable({ orderStatus: "delivered", deliveredAt: delivered, now, existing: "approved" }).ok).toBe(false);
    expect(reviewWritable({ orderStatus: "delivered", deliveredAt: delivered, now, existing: "rejected" }).ok).toBe(false);
  });
  it("refuses before delivery and after a year", () => {
    expect(reviewWritable({ orderStatus: "shipped", deliveredAt: null, now, existing: null })).toEqual({
      ok: false,
      message: "Pieces can be reviewed once the order has been delivered.",
    });
    const longAgo = new Date("2025-11-30T00:00:00Z");
    expect(reviewWritable({ orderStatus: "delivered", deliveredAt: longAgo, now, existing: null }).ok).toBe(false);
  });
});

describe("the review form", () => {
  it("takes 1–5 whole stars, a one-line title, some words and a name", () => {
    const ok = reviewFormSchema.safeParse({ rating: "4", title: " Lovely ", body: "Light and well made.", authorName: "Amina W." });
    expect(ok.success && ok.data).toEqual({ rating: 4, title: "Lovely", body: "Light and well made.", authorName: "Amina W." });
    for (const rating of ["0", "6", "4.5", "", "five"])
      expect(reviewFormSchema.safeParse({ rating, title: "t", body: "Light and well made.", authorName: "A" }).success).toBe(false);
    expect(reviewFormSchema.safeParse({ rating: "5", title: "a\nb", body: "Light and well made.", authorName: "A" }).success).toBe(false);
    expect(reviewFormSchema.safeParse({ rating: "5", title: "Nice", body: "short", authorName: "A" }).success).toBe(false);
  });
});

describe("small rules", () => {
  it("shows a first name and an initial by default", () => {
    expect(defaultAuthorName("Amina  Wanjiru Otieno")).toBe("Amina O.");
    expect(defaultAuthorName("Cher")).toBe("Cher");
    expect(defaultAuthorName(null)).toBe("");
  });
  it("reads the review page number, anything odd is page 1", () => {
    expect(reviewsPageParam("3")).toBe(3);
    for (const v of [null, "", "0", "-1", "2.5", "abc", "99999"]) expect(reviewsPageParam(v)).toBe(1);
  });
  it("names the maker only with her consent to a public profile", () => {
    const maker = { firstName: "Wanjiru", lastName: "Kamau", handle: "wanjiru-kamau", county: "Kiambu", publicProfile: true };
    expect(makerCredit(maker)).toEqual({ text: "Made by Wanjiru Kamau", href: "/makers/wanjiru-kamau" });
    expect(makerCredit({ ...maker, publicProfile: false })).toEqual({ text: "Made by a Soko artisan in Kiambu", href: null });
    expect(makerCredit(null)).toBeNull();
  });
});
