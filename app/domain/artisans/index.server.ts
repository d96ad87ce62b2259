/** The artisans domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  NUMBERS_ARE_FINANCE,
  artisanDetail,
  artisanNumbers,
  changeArtisanNumbers,
  deactivateArtisan,
  listArtisans,
  listSkills,
  onboardArtisan,
  reactivateArtisan,
  updateArtisan,
} from "./artisans.server";
export { getPublicMaker, listPublicMakers, searchPublicMakers } from "./makers.server";
export type { MakerCard } from "./makers.server";
