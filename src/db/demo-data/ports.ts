// The port directory from src/db/demo-data/sea-ports.json (marchah/sea-ports, MIT; see LICENSE-sea-ports.md beside it).
// Every entry is either imported or reported with the reason it was skipped; nothing is dropped silently.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unlocodeProblem } from '../../hub/common/validators.js';
import { MEMBER_SINCE } from './alliance.js';
import { countryCodeFor, isOverseas } from './countries.js';

export interface PortRow {
  unlocode: string;
  name: string;
  city: string | null;
  province: string | null;
  country: string;
  longitude: number | null;
  latitude: number | null;
  timezone: string | null;
  overseas: boolean;
  memberSince: string | null;
}

export interface PortImportReport {
  /** Entries in the data file. */
  total: number;
  imported: number;
  skipped: { code: string; reason: string }[];
  /** Imported with null coordinates (missing or out of range in the file). */
  withoutCoordinates: number;
  /** Imported, but a field was corrected or dropped; says which and why. */
  notes: { code: string; note: string }[];
}

const TEXT_MAX = 120; // length of the name, city and province columns

/** The project root: the nearest folder above this file with a package.json (from src/ under jest or dist/src/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('demo data: no package.json above src/db/demo-data');
    dir = parent;
  }
  return dir;
}

export function readSeaPorts(file = path.join(projectRoot(), 'src', 'db', 'demo-data', 'sea-ports.json')): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** [longitude, latitude] in range, or null. */
function coordinates(value: unknown): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return null;
  return [lon, lat];
}

type Outcome = { row: PortRow; notes: string[] } | { skip: string };

function importEntry(code: string, raw: unknown): Outcome {
  if (typeof raw !== 'object' || raw === null) return { skip: 'entry is not an object' };
  const entry = raw as Record<string, unknown>;
  const codeProblem = unlocodeProblem(code);
  if (codeProblem) return { skip: `UN/LOCODE ${codeProblem}${typeof entry.country === 'string' ? ` (country in the file: "${entry.country}")` : ''}` };
  const name = text(entry.name);
  if (!name) return { skip: 'no name' };
  if (name.length > TEXT_MAX) return { skip: `name longer than ${TEXT_MAX} characters` };
  const countryName = text(entry.country);
  if (!countryName) return { skip: 'no country' };
  const mapped = countryCodeFor(countryName);
  if (!mapped) return { skip: `country "${countryName}" is not an ISO 3166-1 country name` };

  const notes: string[] = [];
  // The UN/LOCODE is the port's identity and its prefix is a valid ISO code (checked above): when the
  // free-text country disagrees, the code wins, so the port is filed where users looking it up expect it.
  const country = code.slice(0, 2);
  if (mapped !== country) notes.push(`country "${countryName}" is ${mapped}, kept ${country} from the UN/LOCODE`);

  const position = coordinates(entry.coordinates);
  if (!position && entry.coordinates !== undefined) notes.push(`coordinates ${JSON.stringify(entry.coordinates)} are not [longitude, latitude] in range; imported without`);
  let timezone = text(entry.timezone);
  if (timezone && !isTimeZone(timezone)) {
    notes.push(`time zone "${timezone}" is not an IANA zone; dropped`);
    timezone = null;
  }
  const bounded = (field: 'city' | 'province') => {
    const value = text(entry[field]);
    if (value && value.length > TEXT_MAX) {
      notes.push(`${field} longer than ${TEXT_MAX} characters; dropped`);
      return null;
    }
    return value;
  };
  const [longitude, latitude] = position ?? [null, null];
  return {
    notes,
    row: {
      unlocode: code,
      name,
      city: bounded('city'),
      province: bounded('province'),
      country,
      longitude,
      latitude,
      timezone,
      overseas: isOverseas(country, longitude, latitude),
      memberSince: MEMBER_SINCE.get(code) ?? null,
    },
  };
}

/** Maps every entry of the data file to a port row, or to a skipped entry with its reason. */
export function importSeaPorts(entries: Record<string, unknown>): { rows: PortRow[]; report: PortImportReport } {
  const rows: PortRow[] = [];
  const report: PortImportReport = { total: 0, imported: 0, skipped: [], withoutCoordinates: 0, notes: [] };
  for (const [code, raw] of Object.entries(entries)) {
    report.total++;
    const outcome = importEntry(code, raw);
    if ('skip' in outcome) {
      report.skipped.push({ code, reason: outcome.skip });
      continue;
    }
    rows.push(outcome.row);
    report.imported++;
    if (outcome.row.latitude === null) report.withoutCoordinates++;
    report.notes.push(...outcome.notes.map((note) => ({ code, note })));
  }
  return { rows, report };
}
