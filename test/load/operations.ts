import { createHash } from 'node:crypto';

// The traffic mix of `npm run load`: who asks (four viewers, equal shares) and what each of them typically asks,
// taken from the README's example queries, with varying arguments. Each operation says for which viewers a
// FORBIDDEN error is the policy's expected answer (a withheld field); for anyone else it is counted as an error.

export type ViewerName = 'anonymous' | 'partner' | 'officer' | 'analyst';

export const VIEWERS: readonly ViewerName[] = ['anonymous', 'partner', 'officer', 'analyst'];

/** Who the signed-in viewers are (development issuer tokens). */
export const VIEWER_CLAIMS: Record<Exclude<ViewerName, 'anonymous'>, { agency: string; role: 'PARTNER' | 'OFFICER' | 'ANALYST' }> = {
  partner: { agency: 'DEMO-TERMINAL-BE', role: 'PARTNER' },
  officer: { agency: 'BE-AADA', role: 'OFFICER' },
  analyst: { agency: 'FR-DGDDI', role: 'ANALYST' },
};

export interface Operation {
  name: string;
  query: string;
  variables(random: Random): Record<string, unknown>;
  /** Viewers for whom FORBIDDEN on a field is the expected answer (fields their audience may not read). */
  forbiddenFor: readonly ViewerName[];
}

/** A small seeded generator (mulberry32), so a run's sequence of arguments can be repeated (LOAD_SEED). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** 1 to `max` distinct items. */
  some<T>(items: readonly T[], max: number): T[] {
    const count = 1 + Math.floor(this.next() * Math.min(max, items.length));
    return [...items].sort(() => this.next() - 0.5).slice(0, count);
  }
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      if ((r -= weight) < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
}

const PORTS = ['BEANR', 'NLRTM', 'FRLEH', 'DEHAM', 'ESALG', 'ITGIT', 'FRMRS', 'BEZEE', 'ESVLC', 'PTLIS'] as const;
/** Where the demo data has most seizures. */
const BUSY_PORTS = ['BEANR', 'NLRTM', 'ESALG', 'ESVLC', 'DEHAM', 'FRLEH'] as const;
const COUNTRIES = ['FR', 'NL', 'BE', 'DE', 'ES', 'IT', 'PT'] as const;
const DRUGS = ['COCAINE', 'HEROIN', 'CANNABIS_RESIN', 'HERBAL_CANNABIS', 'METHAMPHETAMINE', 'PRECURSORS'] as const;
const EXPERTISE = ['CONTAINER_TARGETING', 'RISK_ANALYSIS', 'SCANNING', 'DETECTION_DOGS', 'DOCUMENT_CONTROL'] as const;
const LANGUAGES = ['fr', 'nl', 'en', 'de', 'es'] as const;
const CATEGORIES = ['RISK_ASSESSMENT', 'TARGETED_CONTROLS', 'TRAINING', 'PUBLIC_PRIVATE_PARTNERSHIP', 'EQUIPMENT'] as const;
const SEARCHES = [undefined, 'reefer', 'container', 'scanner', 'port'] as const;
const EQUIPMENT = ['SCANNER', 'BOAT', 'DRONE', 'DETECTION_DOGS', 'VEHICLE'] as const;

function yearRange(random: Random): { seizedFrom: string; seizedTo: string } {
  const from = 2021 + Math.floor(random.next() * 5);
  const to = Math.min(2025, from + Math.floor(random.next() * 3));
  return { seizedFrom: `${from}-01-01`, seizedTo: `${to}-12-31` };
}

/** Fields a law-enforcement viewer reads and the others get as null with FORBIDDEN. */
const NOT_LAW_ENFORCEMENT: readonly ViewerName[] = ['anonymous', 'partner'];

export const OPERATIONS = {
  // The port dashboard of a partner front-end: agencies, latest seizures and their routes, national data.
  portDashboard: {
    name: 'portDashboard',
    query: `query PortDashboard($unlocode: UnLocode!) {
  port(unlocode: $unlocode) { name country memberSince
    agencies(first: 5) { edges { node { code name kind } } }
    seizures(first: 10) { totalCount edges { node { reference seizedOn drugType quantity unit route { unlocode } } } }
    nationalTargeting { containersScreened hitRate } } }`,
    variables: (r) => ({ unlocode: r.pick(PORTS) }),
    // route: law enforcement; nationalTargeting: any signed-in member.
    forbiddenFor: NOT_LAW_ENFORCEMENT,
  },
  portDirectory: {
    name: 'portDirectory',
    query: `query PortDirectory($country: CountryCode) {
  ports(filter: { country: $country, member: true }, first: 20) { totalCount edges { node { unlocode name overseas memberSince } } } }`,
    variables: (r) => ({ country: r.pick(COUNTRIES) }),
    forbiddenFor: [],
  },
  agencyDirectory: {
    name: 'agencyDirectory',
    query: `query AgencyDirectory($country: CountryCode) {
  agencies(filter: { kinds: [CUSTOMS, POLICE], country: $country }, first: 20) { edges { node { code name kind ports(first: 5) { edges { node { unlocode } } } } } } }`,
    variables: (r) => ({ country: r.pick(COUNTRIES) }),
    forbiddenFor: [],
  },
  seizureSearch: {
    name: 'seizureSearch',
    query: `query SeizureSearch($filter: SeizureFilter) {
  seizures(filter: $filter, first: 20) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { reference seizedOn drugType quantity unit containerNumber concealment port { unlocode } reportingAgency { code } } } } }`,
    variables: (r) => ({ filter: { ports: r.some(BUSY_PORTS, 2), ...(r.next() < 0.6 ? { drugTypes: r.some(DRUGS, 2) } : {}), ...yearRange(r) } }),
    // containerNumber, concealment: law enforcement.
    forbiddenFor: NOT_LAW_ENFORCEMENT,
  },
  statistics: {
    name: 'statistics',
    query: `query SeizureStatistics($filter: SeizureFilter) {
  seizureStatistics(groupBy: [YEAR, DRUG_TYPE], filter: $filter) { seizures suppressedBuckets buckets { year drugType seizures quantityKg } } }`,
    variables: (r) => (r.next() < 0.5 ? { filter: null } : { filter: { country: r.pick(COUNTRIES) } }),
    forbiddenFor: [],
  },
  referentSearch: {
    name: 'referentSearch',
    query: `query ReferentSearch($filter: ReferentFilter) {
  referents(filter: $filter, first: 20) { totalCount edges { node { fullName expertise languages email agency { name } ports(first: 5) { edges { node { unlocode } } } } } } }`,
    variables: (r) => ({ filter: { ports: r.some(PORTS, 2), expertise: r.some(EXPERTISE, 2), ...(r.next() < 0.5 ? { languages: [r.pick(LANGUAGES)] } : {}) } }),
    // email: contact details, law enforcement only.
    forbiddenFor: NOT_LAW_ENFORCEMENT,
  },
  bestPractices: {
    name: 'bestPractices',
    query: `query BestPractices($filter: BestPracticeFilter) {
  bestPractices(filter: $filter, first: 20) { totalCount edges { node { title summary language adoptingPorts { totalCount } } } } }`,
    variables: (r) => ({ filter: { categories: r.some(CATEGORIES, 2), ...(r.pick(SEARCHES) ? { search: r.pick(SEARCHES) } : {}) } }),
    forbiddenFor: [],
  },
  partnershipActions: {
    name: 'partnershipActions',
    query: `query PartnershipActions {
  partnershipActions(first: 5) { totalCount edges { node { title status commitments partners { edges { node { name kind } } } } } } }`,
    variables: () => ({}),
    forbiddenFor: [],
  },
  investigations: {
    name: 'investigations',
    query: `query Investigations($statuses: [InvestigationStatus!]) {
  investigations(filter: { statuses: $statuses }, first: 20) { totalCount
    edges { node { codeName status openedOn leadAgency { name } participants(first: 10) { edges { node { code } } } seizures(first: 5) { totalCount edges { node { reference drugType quantity unit } } } } } } }`,
    variables: (r) => ({ statuses: r.next() < 0.7 ? ['ACTIVE'] : null }),
    forbiddenFor: [],
  },
  equipmentFundings: {
    name: 'equipmentFundings',
    query: `query EquipmentFundings($types: [EquipmentType!]) {
  equipmentFundings(filter: { equipmentTypes: $types }, first: 20) { totalCount edges { node { year amountEur funder { code } beneficiary { name } port { unlocode } } } } }`,
    variables: (r) => ({ types: r.some(EQUIPMENT, 2) }),
    forbiddenFor: [],
  },
} satisfies Record<string, Operation>;

type OperationName = keyof typeof OPERATIONS;

/** What each viewer asks, with weights: a public portal, a terminal's front-end, a customs officer, an analyst. */
export const MIX: Record<ViewerName, readonly (readonly [OperationName, number])[]> = {
  anonymous: [['portDashboard', 3], ['portDirectory', 2], ['agencyDirectory', 1], ['statistics', 2], ['bestPractices', 2], ['seizureSearch', 1]],
  partner: [['portDashboard', 3], ['seizureSearch', 2], ['referentSearch', 2], ['statistics', 1], ['bestPractices', 1], ['partnershipActions', 1]],
  officer: [['portDashboard', 3], ['seizureSearch', 3], ['investigations', 2], ['referentSearch', 1], ['statistics', 1]],
  analyst: [['seizureSearch', 3], ['statistics', 3], ['portDashboard', 2], ['investigations', 1], ['equipmentFundings', 1], ['bestPractices', 1]],
};

/** What a token check sends (every viewer, partners by id). */
export const TOKEN_CHECK = 'query TokenCheck { __typename }';

/**
 * The load's own manifest of persisted documents: partners send only these, by id (src/gateway/persisted-documents.ts),
 * as a partner front-end's generated manifest would hold them.
 */
export function loadManifest(): Record<string, string> {
  const texts = [TOKEN_CHECK, ...Object.values(OPERATIONS).map((o: Operation) => o.query)];
  return Object.fromEntries(texts.map((text) => [documentIdOf(text), text]));
}

export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** The body a viewer sends: partners the document's id, the others its text. */
export function requestBody(viewer: ViewerName, query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(viewer === 'partner' ? { documentId: documentIdOf(query), variables } : { query, variables });
}

export function pickRequest(random: Random): { viewer: ViewerName; operation: Operation; variables: Record<string, unknown> } {
  const viewer = random.pick(VIEWERS);
  const operation: Operation = OPERATIONS[random.weighted(MIX[viewer])];
  return { viewer, operation, variables: operation.variables(random) };
}
