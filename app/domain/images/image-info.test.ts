import { describe, expect, it } from "vitest";
import { imageInfo } from "./image-info";

/** Smallest headers that carry a size: enough for the sniffer, not a whole image. */
function pngHeader(width: number, height: number) {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

function jpegHeader(width: number, height: number) {
  // SOI, an APP0 segment of 16 bytes, then SOF0 with the size.
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0)];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, ...new Array(9).fill(0)];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

function webpHeader(kind: "VP8 " | "VP8L" | "VP8X", width: number, height: number) {
  const b = new Uint8Array(40);
  b.set(
    [..."RIFF"].map((c) => c.charCodeAt(0)),
    0,
  );
  b.set(
    [..."WEBP"].map((c) => c.charCodeAt(0)),
    8,
  );
  b.set(
    [...kind].map((c) => c.charCodeAt(0)),
    12,
  );
  const view = new DataView(b.buffer);
  if (kind === "VP8 ") {
    view.setUint16(26, width, true);
    view.setUint16(28, height, true);
  } else if (kind === "VP8L") {
    const w = width - 1;
    const h = height - 1;
    b[20] = 0x2f;
    b[21] = w & 0xff;
    b[22] = ((w >> 8) & 0x3f) | ((h & 0x3) << 6);
    b[23] = (h >> 2) & 0xff;
    b[24] = (h >> 10) & 0x0f;
  } else {
    const w = width - 1;
    const h = height - 1;
    b.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff], 24);
    b.set([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 27);
  }
  return b;
}

describe("imageInfo", () => {
  it("reads a PNG's size", () => {
    expect(imageInfo(pngHeader(1200, 900))).toEqual({ ext: "png", contentType: "image/png", width: 1200, height: 900 });
  });

  it("reads a JPEG's size past the segments before the frame", () => {
    expect(imageInfo(jpegHeader(640, 480))).toEqual({ ext: "jpg", contentType: "image/jpeg", width: 640, height: 480 });
  });

  it("reads lossy, lossless and extended WebP sizes", () => {
    expect(imageInfo(webpHeader("VP8 ", 800, 600))).toMatchObject({ ext: "webp", width: 800, height: 600 });
    expect(imageInfo(webpHeader("VP8L", 1001, 777))).toMatchObject({ ext: "webp", width: 1001, height: 777 });
    expect(imageInfo(webpHeader("VP8X", 4000, 3000))).toMatchObject({ ext: "webp", width: 4000, height: 3000 });
  });

  it("refuses anything else, whatever it is called", () => {
    expect(imageInfo(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'></svg>"))).toBeNull();
    expect(imageInfo(new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000"))).toBeNull();
    expect(imageInfo(new Uint8Array(0))).toBeNull();
    expect(imageInfo(pngHeader(0, 10))).toBeNull();
    expect(imageInfo(jpegHeader(10, 10).subarray(0, 12))).toBeNull();
  });
});
