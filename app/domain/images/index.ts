/** The images domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { MAX_IMAGE_BYTES } from "./image-info";
export { PORTRAIT_SIZE, isHandle, makerPortraitUrl, productImageUrl } from "./urls";
export { finishSlug } from "./materials";
