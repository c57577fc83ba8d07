// Public surface of the Places emulator and its synthetic world (re-exports only).
export { startPlacesEmulator, NO_FAULTS, type Faults, type PlacesEmulator, type PlacesEmulatorOptions, type UsageReport } from './server.ts';
export {
  BASE_DATE,
  DEFAULT_SEED,
  MAX_DAY,
  World,
  dateOfDay,
  generateWorld,
  getWorld,
  isListed,
  isLive,
  isSearchable,
  reviewCountAt,
  statusAt,
  truthMatching,
  worldAt,
  type AreaPlace,
  type Business,
  type BusinessStatus,
  type Corporation,
  type TruthQuery,
  type WorldSnapshot,
} from './dataset.ts';
export { AREAS, AREA_BY_KEY, findArea, inRect, type Area, type AreaKey, type Rect, type Town } from './areas.ts';
export { INDUSTRIES, INDUSTRY_BY_KEY, KEYWORD_TYPES, VOLUMES, type Industry, type IndustryKey } from './industries.ts';
export { CHAINS, type ChainDef } from './names.ts';
export { HARD_NEGATIVE_TEXTS, REFUSAL_TEXTS, siteTruth, type SiteSpec, type SiteTruth } from './sites.ts';
export { renderSite } from './site-pages.ts';
export { corporateCheckDigit, isValidCorporateNumber } from './japan.ts';
