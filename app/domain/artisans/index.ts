/** The artisans domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { COUNTY_NAMES, artisanListSchema, artisanNumbersSchema, parseArtisanForm, settlementsOf } from "./forms";
export type { ArtisanNumbers } from "./forms";
export {
  ARTISAN_LANGUAGES,
  DICTIONARIES,
  ERROR_KEYS,
  formatClock,
  formatDay,
  formatMoment,
  isLang,
  languageForRequest,
  localeFor,
  skillName,
  t,
  translator,
} from "./i18n";
export type { ErrorKey, Lang } from "./i18n";
export {
  PORTRAIT_SIZE,
  cleanText,
  escapeLike,
  fullName,
  isMakerHandle,
  memberSince,
  pageCount,
  pageParam,
  parseDirectoryParams,
  summarize,
} from "./makers";
