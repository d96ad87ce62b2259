import { describe, expect, it } from "vitest";
import { photoNumber, productPhotoPath } from "./photos";

describe("product photo pages", () => {
  it("numbers a product's pictures from 1", () => {
    expect(productPhotoPath("kisii-ring", 2)).toBe("/products/kisii-ring/photos/2");
    expect(photoNumber("1", 3)).toBe(1);
    expect(photoNumber("3", 3)).toBe(3);
  });

  it("names no picture for anything else", () => {
    for (const param of [undefined, "", "0", "4", "01", "-1", "1.5", "2a", "9999"]) expect(photoNumber(param, 3)).toBeNull();
  });
});
