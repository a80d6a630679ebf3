// Seizure statistics: counts and exact KG sums per dimension combination, the viewer's TLP visibility, small-bucket
// suppression outside law enforcement, CONCEALMENT grouping for law enforcement only, argument checks, and one SQL
// statement for the aggregation. Expectations are counted by hand from the data below; outside law enforcement, a
// count that is not a multiple of 5 (and a KG sum) is published as README's disclosure-control method makes it of
// the seizures counted (test/support/disclosure.ts; test/disclosure-control.test.ts tests the method itself).
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { Concealment, DetectionMethod, DrugType, QuantityUnit, type Seizure } from '../src/hub/modules/seizure/index.js';
import {
  StatisticsCountsDocument, StatisticsWithPortsDocument, type SeizureFilter, type StatisticsCountsQuery, type StatisticsDimension,
} from './generated/operations.js';
import { publishedCount, publishedQuantity } from './support/disclosure.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let antwerp: Port, rotterdam: Port, leHavre: Port;
let beCustoms: Agency, nlCustoms: Agency;
let anonymous: Client, partner: Client, analyst: Client, beOfficer: Client, nlOfficer: Client;

type SeizureProps = Partial<Omit<Seizure, 'id' | 'version' | 'transitPorts' | 'investigations'>>;

/** Every seizure made below. */
const made: Seizure[] = [];

/** `count` seizures alike (each with its own reference). */
async function seizures(count: number, props: SeizureProps & { port: Port; originAgency: Agency }): Promise<void> {
  for (let i = 0; i < count; i++) made.push(await make.seizure({ quantity: '10', unit: QuantityUnit.KG, detectionMethod: DetectionMethod.SCANNER, ...props }));
}

/** The seizures `which` picks among those a viewer outside law enforcement counts: not withdrawn, CLEAR or (members) GREEN. */
function countedBy(viewer: 'anonymous' | 'partner', which: (seizure: Seizure) => boolean): Seizure[] {
  const labels = viewer === 'anonymous' ? [Tlp.CLEAR] : [Tlp.CLEAR, Tlp.GREEN];
  return made.filter((s) => !s.withdrawnAt && labels.includes(s.tlp) && which(s));
}

/** The count published outside law enforcement for these seizures, `exact` of them (counted by hand). */
function published(exact: number, counted: Seizure[]): number {
  expect(counted).toHaveLength(exact);
  return publishedCount(counted.map((s) => s.id));
}

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  beCustoms = await make.agency({ code: 'BE-CUS', kind: AgencyKind.CUSTOMS, country: 'BE' });
  nlCustoms = await make.agency({ code: 'NL-CUS', kind: AgencyKind.CUSTOMS, country: 'NL' });
  const frCustoms = await make.agency({ code: 'FR-CUS', kind: AgencyKind.CUSTOMS, country: 'FR' });
  const operator = await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR, country: 'BE' });

  const be = { port: antwerp, originAgency: beCustoms };
  const cocaine = DrugType.COCAINE;
  // Seen by everyone (CLEAR):
  await seizures(6, { ...be, tlp: Tlp.CLEAR, seizedOn: '2023-05-01', drugType: cocaine, concealment: Concealment.RIP_ON_RIP_OFF }); // a
  await seizures(4, { ...be, tlp: Tlp.CLEAR, seizedOn: '2024-02-01', drugType: cocaine, detectionMethod: DetectionMethod.DETECTION_DOG, concealment: Concealment.HIDDEN_IN_CARGO }); // b
  await seizures(5, { port: rotterdam, originAgency: nlCustoms, tlp: Tlp.CLEAR, seizedOn: '2024-06-01', drugType: cocaine, concealment: Concealment.CONTAINER_STRUCTURE }); // e
  const leHavreFacts = { port: leHavre, originAgency: frCustoms, tlp: Tlp.CLEAR, seizedOn: '2022-09-01', detectionMethod: DetectionMethod.RANDOM_CONTROL };
  await seizures(1, { ...leHavreFacts, drugType: cocaine, quantity: '0.1' }); // g
  await seizures(1, { ...leHavreFacts, drugType: cocaine, quantity: '0.2' }); // g
  await seizures(1, { ...leHavreFacts, drugType: DrugType.MDMA, quantity: '500', unit: QuantityUnit.TABLETS }); // h
  // Members (GREEN):
  await seizures(5, { ...be, tlp: Tlp.GREEN, seizedOn: '2024-03-01', drugType: DrugType.CANNABIS_RESIN }); // c
  await seizures(1, { port: rotterdam, originAgency: nlCustoms, tlp: Tlp.GREEN, seizedOn: '2023-07-01', drugType: cocaine }); // f
  // Law enforcement (AMBER):
  await seizures(1, { ...be, tlp: Tlp.AMBER, seizedOn: '2024-04-01', drugType: cocaine, detectionMethod: DetectionMethod.INTELLIGENCE, concealment: Concealment.REEFER_UNIT }); // d
  // Belgian customs only (AMBER+STRICT, RED) and Dutch customs only (RED):
  await seizures(1, { ...be, tlp: Tlp.AMBER_STRICT, seizedOn: '2024-05-01', drugType: DrugType.HEROIN }); // i
  await seizures(1, { ...be, tlp: Tlp.RED, seizedOn: '2024-05-02', drugType: cocaine }); // j
  await seizures(1, { port: rotterdam, originAgency: nlCustoms, tlp: Tlp.RED, seizedOn: '2024-05-03', drugType: cocaine }); // k
  // Withdrawn (CLEAR): counted only with includeWithdrawn.
  await seizures(1, { ...be, tlp: Tlp.CLEAR, seizedOn: '2023-05-02', drugType: cocaine, withdrawnAt: new Date('2024-01-01T00:00:00Z'), withdrawalReason: 'Duplicate' }); // l

  anonymous = hub;
  partner = await hub.as({ agency: operator, roles: [Role.PARTNER] });
  analyst = await hub.as({ agency: frCustoms, roles: [Role.ANALYST] });
  beOfficer = await hub.as({ agency: beCustoms, roles: [Role.OFFICER] });
  nlOfficer = await hub.as({ agency: nlCustoms, roles: [Role.OFFICER] });
});
afterAll(() => hub.close());

type Statistics = StatisticsCountsQuery['seizureStatistics'];

async function statistics(client: Client, groupBy: StatisticsDimension[], filter?: SeizureFilter, first?: number): Promise<Statistics> {
  return (await client.query(StatisticsCountsDocument, { groupBy, filter, first })).seizureStatistics;
}

/** Buckets without their null fields (the dimensions not grouped by, and sums of no KG). */
function buckets(result: Statistics): Record<string, unknown>[] {
  return result.buckets.map((bucket) => Object.fromEntries(Object.entries(bucket).filter(([, value]) => value !== null)));
}

/** Seizures per port as [UN/LOCODE, count], with the totals. */
async function byPort(client: Client, filter?: SeizureFilter, first?: number) {
  const { seizureStatistics: s } = await client.query(StatisticsWithPortsDocument, { groupBy: ['PORT'], filter, first });
  return { ports: s.buckets.map((b) => [b.port!.unlocode, b.seizures]), suppressedBuckets: s.suppressedBuckets, hasMoreBuckets: s.hasMoreBuckets, seizures: s.seizures };
}

async function errorOf(client: Client, groupBy: StatisticsDimension[], filter?: SeizureFilter, first?: number) {
  const result = await client.send(StatisticsCountsDocument, { groupBy, filter, first });
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.extensions;
}

describe('counts per dimension (a law-enforcement analyst: every bucket, CLEAR to AMBER)', () => {
  test('by year, with the exact KG sums', async () => {
    const result = await statistics(analyst, ['YEAR']);
    expect(buckets(result)).toEqual([
      { year: 2024, seizures: 15, quantityKg: '150' },
      { year: 2023, seizures: 7, quantityKg: '70' },
      { year: 2022, seizures: 3, quantityKg: '0.3' }, // 0.1 + 0.2 kg; the 500 tablets are not kg
    ]);
    expect(result).toMatchObject({ suppressedBuckets: 0, hasMoreBuckets: false, seizures: 25 });
  });

  test('by detection method', async () => {
    expect(buckets(await statistics(analyst, ['DETECTION_METHOD'])).map((b) => [b.detectionMethod, b.seizures])).toEqual([
      ['SCANNER', 17], ['DETECTION_DOG', 4], ['RANDOM_CONTROL', 3], ['INTELLIGENCE', 1],
    ]);
  });

  test('by country and drug type', async () => {
    expect(buckets(await statistics(analyst, ['COUNTRY', 'DRUG_TYPE']))).toEqual([
      { country: 'BE', drugType: 'COCAINE', seizures: 11, quantityKg: '110' },
      { country: 'NL', drugType: 'COCAINE', seizures: 6, quantityKg: '60' },
      { country: 'BE', drugType: 'CANNABIS_RESIN', seizures: 5, quantityKg: '50' },
      { country: 'FR', drugType: 'COCAINE', seizures: 2, quantityKg: '0.3' },
      { country: 'FR', drugType: 'MDMA', seizures: 1 }, // tablets only: no kg sum
    ]);
  });

  test('by year, port and drug type: ties ordered by the dimension values in the order grouped', async () => {
    const { seizureStatistics: s } = await analyst.query(StatisticsWithPortsDocument, { groupBy: ['YEAR', 'PORT', 'DRUG_TYPE'] });
    expect(s.buckets.map((b) => [b.year, b.port!.unlocode, b.drugType, b.seizures])).toEqual([
      [2023, 'BEANR', 'COCAINE', 6],
      [2024, 'BEANR', 'CANNABIS_RESIN', 5],
      [2024, 'BEANR', 'COCAINE', 5],
      [2024, 'NLRTM', 'COCAINE', 5],
      [2022, 'FRLEH', 'COCAINE', 2],
      [2022, 'FRLEH', 'MDMA', 1],
      [2023, 'NLRTM', 'COCAINE', 1],
    ]);
    expect(s.buckets[0]!.port!.name).toBe('Antwerp');
  });

  test('only the grouped dimensions are set; a bucket without KG quantities has a null sum', async () => {
    const result = await statistics(analyst, ['DRUG_TYPE'], { ports: ['FRLEH'] });
    expect(result.buckets).toEqual([
      { year: null, month: null, country: null, drugType: 'COCAINE', detectionMethod: null, concealment: null, seizures: 2, quantityKg: '0.3' },
      { year: null, month: null, country: null, drugType: 'MDMA', detectionMethod: null, concealment: null, seizures: 1, quantityKg: null },
    ]);
  });

  test('the seizure filter applies before grouping', async () => {
    const result = await statistics(analyst, ['COUNTRY'], { drugTypes: ['COCAINE'], seizedFrom: '2024-01-01' });
    expect(buckets(result)).toEqual([
      { country: 'BE', seizures: 5, quantityKg: '50' },
      { country: 'NL', seizures: 5, quantityKg: '50' },
    ]);
    expect(result.seizures).toBe(10);
  });

  test('withdrawn seizures count only with includeWithdrawn', async () => {
    expect((await byPort(beOfficer)).ports[0]).toEqual(['BEANR', 18]);
    expect((await byPort(beOfficer, { includeWithdrawn: true })).ports[0]).toEqual(['BEANR', 19]);
  });

  test('first limits the buckets and hasMoreBuckets says more exist', async () => {
    const two = await statistics(analyst, ['YEAR'], undefined, 2);
    expect(two.buckets.map((b) => b.year)).toEqual([2024, 2023]);
    expect(two).toMatchObject({ hasMoreBuckets: true, seizures: 25 });
    expect((await statistics(analyst, ['YEAR'], undefined, 3)).hasMoreBuckets).toBe(false);
  });
});

describe('TLP visibility: rows a viewer may not see are not counted', () => {
  test.each([
    // anonymous: CLEAR only (Le Havre's 3 are suppressed, see below)
    ['anonymous', () => anonymous, [['BEANR', 10], ['NLRTM', 5]], 15],
    // an analyst of a third agency: CLEAR, GREEN and AMBER
    ['an analyst', () => analyst, [['BEANR', 16], ['NLRTM', 6], ['FRLEH', 3]], 25],
    // the originating officer: also Belgian customs' own AMBER+STRICT and RED seizures
    ['the originating officer', () => beOfficer, [['BEANR', 18], ['NLRTM', 6], ['FRLEH', 3]], 27],
    // another agency's officer: not Belgian customs' AMBER+STRICT and RED, but its own RED one
    ["another agency's officer", () => nlOfficer, [['BEANR', 16], ['NLRTM', 7], ['FRLEH', 3]], 26],
  ] as const)('%s', async (_who, client, ports, total) => {
    const result = await byPort(client());
    expect(result.ports).toEqual(ports);
    expect(result.seizures).toBe(total);
  });

  test('a partner: CLEAR and GREEN (6 and 21 are published rounded to a multiple of 5)', async () => {
    const result = await byPort(partner);
    const rotterdamSeizures = countedBy('partner', (s) => s.port === rotterdam);
    expect(result.ports).toEqual([['BEANR', 15], ['NLRTM', published(6, rotterdamSeizures)]]);
    // Le Havre's 3 are suppressed: not in the total
    expect(result.seizures).toBe(published(21, countedBy('partner', (s) => s.port !== leHavre)));
  });
});

describe('small buckets (< 5 seizures) are suppressed outside law enforcement', () => {
  test('anonymous: left out, counted in suppressedBuckets, not in seizures', async () => {
    const result = await statistics(anonymous, ['YEAR', 'PORT']);
    // (2023, Antwerp) 6 and (2024, Rotterdam) 5 are shown (6 rounded: 5 or 10, first either way); (2024, Antwerp) 4
    // and (2022, Le Havre) 3 are not.
    const antwerp2023 = countedBy('anonymous', (s) => s.port === antwerp && s.seizedOn.startsWith('2023'));
    const rotterdam2024 = countedBy('anonymous', (s) => s.port === rotterdam && s.seizedOn.startsWith('2024'));
    expect(result.buckets.map((b) => b.seizures)).toEqual([published(6, antwerp2023), 5]);
    expect(result).toMatchObject({ suppressedBuckets: 2, hasMoreBuckets: false, seizures: published(11, [...antwerp2023, ...rotterdam2024]) });
    const cocaine = countedBy('anonymous', (s) => s.drugType === DrugType.COCAINE);
    expect(buckets(await statistics(anonymous, ['DRUG_TYPE']))).toEqual([
      { drugType: 'COCAINE', seizures: published(17, cocaine), quantityKg: publishedQuantity(cocaine.map((s) => s.id), '150.3') },
    ]);
  });

  test('a partner: the single MDMA seizure is not shown', async () => {
    const result = await statistics(partner, ['DRUG_TYPE']);
    const cocaine = countedBy('partner', (s) => s.drugType === DrugType.COCAINE);
    expect(buckets(result).map((b) => [b.drugType, b.seizures])).toEqual([['COCAINE', published(18, cocaine)], ['CANNABIS_RESIN', 5]]);
    const shown = countedBy('partner', (s) => s.drugType !== DrugType.MDMA);
    expect(result).toMatchObject({ suppressedBuckets: 1, seizures: published(23, shown) });
  });

  test('law enforcement gets every bucket, however small', async () => {
    const analystView = await statistics(analyst, ['DRUG_TYPE']);
    expect(analystView.buckets.map((b) => [b.drugType, b.seizures])).toEqual([['COCAINE', 19], ['CANNABIS_RESIN', 5], ['MDMA', 1]]);
    expect(analystView).toMatchObject({ suppressedBuckets: 0, seizures: 25 });
    const officerView = await statistics(beOfficer, ['DRUG_TYPE']);
    expect(officerView.buckets.map((b) => [b.drugType, b.seizures])).toEqual([['COCAINE', 20], ['CANNABIS_RESIN', 5], ['HEROIN', 1], ['MDMA', 1]]);
  });

  test('first pages the shown buckets; seizures still counts every shown bucket', async () => {
    expect(await byPort(anonymous, undefined, 1)).toEqual({ ports: [['BEANR', 10]], suppressedBuckets: 1, hasMoreBuckets: true, seizures: 15 });
  });

  test('a filter that leaves only small buckets gives no bucket and no count', async () => {
    expect(await statistics(anonymous, ['DRUG_TYPE'], { ports: ['FRLEH'] })).toEqual({ buckets: [], suppressedBuckets: 2, hasMoreBuckets: false, seizures: 0 });
  });
});

describe('MONTH: calendar months, counted over the rows within a bounded period', () => {
  const lawEnforcementLabels = [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER]; // an analyst of another agency: not AMBER+STRICT or RED
  const inPeriod = (s: Seizure, from: string, to: string) => s.seizedOn >= from && s.seizedOn <= to;
  const monthOf = (s: Seizure) => s.seizedOn.slice(0, 7);

  /** The cells of `seizures` by `key`, as [key, seizures], most first, then by key (the API's order). */
  function cellsOf(seizures: Seizure[], key: (s: Seizure) => string): [string, Seizure[]][] {
    const cells = new Map<string, Seizure[]>();
    for (const s of seizures) cells.set(key(s), [...(cells.get(key(s)) ?? []), s]);
    return [...cells].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1));
  }

  test('law enforcement: every month with seizures, exact counts and KG sums, computed from the rows made', async () => {
    const [from, to] = ['2023-01-01', '2024-12-31'];
    const counted = made.filter((s) => !s.withdrawnAt && lawEnforcementLabels.includes(s.tlp) && inPeriod(s, from, to));
    const expected = cellsOf(counted, monthOf).map(([month, cell]) => ({ month, seizures: cell.length, quantityKg: String(cell.reduce((kg, s) => kg + Number(s.quantity), 0)) }));
    const result = await statistics(analyst, ['MONTH'], { seizedFrom: from, seizedTo: to });
    expect(buckets(result)).toEqual(expected);
    expect(expected.map((b) => b.month)).toEqual(['2023-05', '2024-03', '2024-06', '2024-02', '2023-07', '2024-04']); // the data, as counted by hand
    expect(result).toMatchObject({ suppressedBuckets: 0, hasMoreBuckets: false, seizures: counted.length });
  });

  test('a partner: each (month, drug type) cell published or suppressed on its own', async () => {
    const [from, to] = ['2023-01-01', '2024-12-31'];
    const counted = countedBy('partner', (s) => inPeriod(s, from, to));
    const cells = cellsOf(counted, (s) => `${monthOf(s)} ${s.drugType}`);
    const shown = cells.filter(([, cell]) => cell.length >= 5);
    const result = await statistics(partner, ['MONTH', 'DRUG_TYPE'], { seizedFrom: from, seizedTo: to });
    // 2023-05 cocaine 6, 2024-03 cannabis resin 5, 2024-06 cocaine 5 shown; 2024-02 cocaine 4 and 2023-07 cocaine 1 not.
    expect(shown.map(([key]) => key)).toEqual(['2023-05 COCAINE', '2024-03 CANNABIS_RESIN', '2024-06 COCAINE']);
    expect(result.buckets.map((b) => [`${b.month} ${b.drugType}`, b.seizures]).sort()).toEqual(shown.map(([key, cell]) => [key, publishedCount(cell.map((s) => s.id))]).sort());
    expect(result.suppressedBuckets).toBe(cells.length - shown.length);
    expect(result.suppressedBuckets).toBe(2);
    expect(result.seizures).toBe(publishedCount(shown.flatMap(([, cell]) => cell.map((s) => s.id))));
    // The same cells as a month's own DRUG_TYPE statistics: 2024-02's 4 cocaine seizures are suppressed there too.
    const february = await statistics(partner, ['DRUG_TYPE'], { seizedFrom: '2024-02-01', seizedTo: '2024-02-29' });
    expect(february).toMatchObject({ buckets: [], suppressedBuckets: 1, seizures: 0 });
  });

  test('with the filters: ports, drug types, and a period that starts and ends inside months', async () => {
    const filter = { ports: ['NLRTM', 'BEANR'], drugTypes: ['COCAINE' as const], seizedFrom: '2023-05-02', seizedTo: '2024-06-01' };
    const counted = made.filter((s) => !s.withdrawnAt && lawEnforcementLabels.includes(s.tlp) && s.drugType === DrugType.COCAINE && s.port !== leHavre && inPeriod(s, filter.seizedFrom, filter.seizedTo));
    const result = await statistics(analyst, ['MONTH', 'PORT'], filter);
    const expected = cellsOf(counted, (s) => `${monthOf(s)} ${s.port.unlocode}`).map(([key, cell]) => [key, cell.length]);
    // 2023-05-01's six are before the period; 2024-06-01's five (Rotterdam) are on its last day.
    expect(expected).toEqual([['2024-06 NLRTM', 5], ['2024-02 BEANR', 4], ['2023-07 NLRTM', 1], ['2024-04 BEANR', 1]]);
    const { seizureStatistics: s } = await analyst.query(StatisticsWithPortsDocument, { groupBy: ['MONTH', 'PORT'], filter });
    expect(s.buckets.map((b) => [`${b.month} ${b.port!.unlocode}`, b.seizures])).toEqual(expected);
    expect(buckets(result).map((b) => b.month)).toEqual(expected.map(([key]) => String(key).slice(0, 7)));
    // Outside law enforcement only the Rotterdam June cell is shown (the partner does not see the AMBER April one).
    const partnerView = await statistics(partner, ['MONTH', 'DRUG_TYPE'], filter);
    expect(buckets(partnerView)).toEqual([{ month: '2024-06', drugType: 'COCAINE', seizures: 5, quantityKg: publishedQuantity(countedBy('partner', (x) => x.seizedOn === '2024-06-01').map((x) => x.id), '50') }]);
    expect(partnerView.suppressedBuckets).toBe(2); // 2024-02 (4) and 2023-07 (1)
  });

  test.each([
    ['no period', undefined, 'filter.seizedFrom'],
    ['no end', { seizedFrom: '2024-01-01' }, 'filter.seizedTo'],
    ['61 months', { seizedFrom: '2019-01-01', seizedTo: '2024-01-31' }, 'filter.seizedTo'],
  ] as const)('grouping by MONTH with %s is BAD_USER_INPUT, nothing computed', async (_case, filter, field) => {
    let extensions: Record<string, unknown> | undefined;
    const statements = await hub.statementsDuring(async () => { extensions = await errorOf(partner, ['MONTH'], filter); });
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(statements).toBe(0);
  });

  test('60 months is accepted, in one statement over the rows', async () => {
    await hub.statementsDuring(() => analyst.query(StatisticsCountsDocument, { groupBy: ['MONTH'], filter: { seizedFrom: '2020-01-01', seizedTo: '2024-12-31' } }));
    expect(hub.statements).toHaveLength(1);
    expect(hub.statements[0]).toMatch(/^\[query\] with bucket as \(/);
    expect(hub.statements[0]).not.toContain('seizure_rollup');
  });
});

describe('CONCEALMENT is an operational detail', () => {
  test('law enforcement may group by it (no concealment reported: a null bucket)', async () => {
    const result = await statistics(beOfficer, ['CONCEALMENT']);
    expect(result.buckets.map((b) => [b.concealment, b.seizures])).toEqual([
      [null, 11], ['RIP_ON_RIP_OFF', 6], ['CONTAINER_STRUCTURE', 5], ['HIDDEN_IN_CARGO', 4], ['REEFER_UNIT', 1],
    ]);
    expect(result.seizures).toBe(27);
  });

  test.each([['a partner', () => partner], ['anonymous', () => anonymous]] as const)('%s may not group by it: FORBIDDEN, nothing computed', async (_who, client) => {
    let extensions: Record<string, unknown> | undefined;
    const statements = await hub.statementsDuring(async () => { extensions = await errorOf(client(), ['YEAR', 'CONCEALMENT']); });
    expect(extensions).toMatchObject({ code: 'FORBIDDEN', field: 'groupBy' });
    expect(statements).toBe(0); // refused before any SQL (and nothing to audit: no record was read)
  });

  test('nor filter by it (the seizure lists’ check)', async () => {
    expect(await errorOf(partner, ['YEAR'], { concealments: ['RIP_ON_RIP_OFF'] })).toMatchObject({ code: 'FORBIDDEN', field: 'filter.concealments' });
  });
});

describe('arguments', () => {
  test.each([
    ['no dimension', []],
    ['four dimensions', ['YEAR', 'COUNTRY', 'PORT', 'DRUG_TYPE']],
    ['a dimension twice', ['YEAR', 'DRUG_TYPE', 'YEAR']],
  ] as const)('groupBy with %s is BAD_USER_INPUT', async (_case, groupBy) => {
    expect(await errorOf(analyst, [...groupBy])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });

  test.each([0, -1, 1001])('first = %i is BAD_USER_INPUT', async (first) => {
    expect(await errorOf(analyst, ['YEAR'], undefined, first)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('first = 1000 is accepted', async () => {
    expect((await statistics(analyst, ['YEAR'], undefined, 1000)).buckets).toHaveLength(3);
  });
});

describe('one SQL statement for the aggregation', () => {
  // What else a request may run, and why it does not here: the viewer comes from the gateway's signed token, so the
  // core subgraph looks up no agency for it (before the gateway, a signed-in request began with a select from
  // "agency"); the audit trail is written only when AMBER-or-above records or law-enforcement fields were read, and
  // statistics return no record, so there is no insert into "audit_event" either.
  test('whatever the viewer, the number of buckets and of dimensions', async () => {
    for (const [client, groupBy] of [[analyst, ['YEAR', 'COUNTRY', 'DRUG_TYPE']], [beOfficer, ['CONCEALMENT']], [anonymous, ['DRUG_TYPE']]] as const) {
      await hub.statementsDuring(() => client.query(StatisticsCountsDocument, { groupBy: [...groupBy] }));
      expect(hub.statements).toHaveLength(1);
      expect(hub.statements[0]).toMatch(/^\[query\] with bucket as \(/);
    }
  });

  test("the buckets' ports are loaded in one batch", async () => {
    await hub.statementsDuring(() => analyst.query(StatisticsWithPortsDocument, { groupBy: ['YEAR', 'PORT', 'DRUG_TYPE'] }));
    // the aggregation, then one query for the 3 ports of the 7 buckets
    expect(hub.statements).toHaveLength(2);
    expect(hub.statements[0]).toMatch(/^\[query\] with bucket as \(/);
    expect(hub.statements[1]).toMatch(/^\[query\] select .* from "port" .* in \(\?, \?, \?\)/);
  });
});
