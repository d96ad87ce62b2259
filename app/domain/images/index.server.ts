/** The images domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { makerPortraitSvg, productImageSvg, svgResponse } from "./images.server";
export { removeUploadedImage, saveProductImage } from "./product-images.server";
export type { SavedImage } from "./product-images.server";
export { UPLOAD_KEY, uploadDir, uploadStore } from "./store.server";
export { productThumbnailJpeg, svgToJpeg } from "./raster.server";
export type { ThumbnailSubject } from "./raster.server";
