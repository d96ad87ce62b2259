/** The images domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { makerPortraitSvg, productImageSvg, svgResponse } from "./images.server";
export { checkImage, removeUploadedImage, saveProductImage, storeImage } from "./product-images.server";
export type { CheckedImage, SavedImage } from "./product-images.server";
export { UPLOAD_KEY, uploadDir, uploadStore } from "./store.server";
export type { UploadStore } from "./store.server";
export { productThumbnailJpeg, svgToJpeg } from "./raster.server";
export type { ThumbnailSubject } from "./raster.server";
