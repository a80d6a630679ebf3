// English country names of the port data file → ISO 3166-1 alpha-2, through the maintained
// i18n-iso-countries tables (official names and their aliases), then a short table of real naming variants.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/**
 * Names the library does not know but that are real spellings of a current country: ISO 3166's own
 * "Name, qualifier" form and the UN spelling "Viet Nam". Nothing else belongs here; a name that is not a
 * current country (e.g. "Netherlands Antilles", dissolved in 2010) is reported as skipped, not guessed.
 */
const NAME_VARIANTS: Readonly<Record<string, string>> = {
  'Bolivia, Plurinational State of': 'BO',
  'Congo, The Democratic Republic of the': 'CD',
  'Iran, Islamic Republic of': 'IR',
  "Korea, Democratic People's Republic of": 'KP',
  'Tanzania, United Republic of': 'TZ',
  'Viet Nam': 'VN',
};

/** ISO 3166-1 alpha-2 for an English country name, or undefined when neither the library nor the variants know it. */
export function countryCodeFor(name: string): string | undefined {
  const trimmed = name.trim();
  return (
    countries.getAlpha2Code(trimmed, 'en') ??
    // Same tables, ignoring accents: "Réunion" is listed as "Reunion".
    countries.getSimpleAlpha2Code(trimmed, 'en') ??
    NAME_VARIANTS[trimmed]
  );
}

/**
 * Member states' overseas countries and territories and outermost regions that have their own ISO code.
 * These ports are `overseas`; the alliance's customs work there is largely French (MILDECA funds it).
 */
const OVERSEAS_COUNTRIES: ReadonlySet<string> = new Set([
  // France, outermost regions: Guadeloupe, Martinique, French Guiana, Réunion, Mayotte, Saint-Martin
  'GP', 'MQ', 'GF', 'RE', 'YT', 'MF',
  // France, overseas countries and territories: Saint-Barthélemy, Saint-Pierre-et-Miquelon, New Caledonia,
  // French Polynesia, Wallis-et-Futuna, French Southern Territories
  'BL', 'PM', 'NC', 'PF', 'WF', 'TF',
  // Netherlands, Caribbean: Aruba, Curaçao, Sint Maarten, Bonaire/Sint Eustatius/Saba
  'AW', 'CW', 'SX', 'BQ',
  // Denmark: Greenland (overseas country) and the Faroe Islands (outside the EU)
  'GL', 'FO',
]);

/**
 * Outermost regions that carry their mainland's code (ES, PT), recognised by position because the file's
 * province and time-zone fields are not reliable there (e.g. Horta is filed under Asia/Calcutta).
 */
const OUTERMOST_REGIONS_BY_POSITION = [
  { country: 'ES', region: 'Canary Islands', lon: [-18.5, -13.0], lat: [27.4, 29.6] },
  { country: 'PT', region: 'Madeira', lon: [-17.6, -16.0], lat: [32.3, 33.2] },
  { country: 'PT', region: 'Azores', lon: [-31.6, -24.5], lat: [36.8, 40.0] },
] as const;

export function isOverseas(country: string, longitude: number | null, latitude: number | null): boolean {
  if (OVERSEAS_COUNTRIES.has(country)) return true;
  if (longitude === null || latitude === null) return false;
  return OUTERMOST_REGIONS_BY_POSITION.some(
    (r) => r.country === country && longitude >= r.lon[0] && longitude <= r.lon[1] && latitude >= r.lat[0] && latitude <= r.lat[1],
  );
}
