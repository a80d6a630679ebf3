// Reading seizures: by id, the filtered list, pagination, route ports and the nested connections on
// ports, agencies and investigations. Writes are in seizures-mutations.test.ts. The reader is a law-enforcement
// analyst who may see every row and field here; what others see is in permissions.test.ts.
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Investigation } from '../src/hub/modules/investigation/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { Concealment, DrugType, Seizure } from '../src/hub/modules/seizure/index.js';
import {
  SeizureDetailDocument, SeizureInvestigationPagesDocument, SeizureListDocument, SeizurePageDocument, SeizurePageOfPortDocument,
  SeizurePagesByAgencyDocument, SeizurePagesByPortDocument, SeizurePortPagesTwiceDocument, SeizureReferenceDocument,
  SeizureRouteDocument, SeizureRoutesDocument, SeizureWithdrawalDocument, type SeizureFilter, type SeizurePageQuery,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let analyst: Client;

let antwerp: Port, rotterdam: Port, leHavre: Port, guayaquil: Port, balboa: Port, algeciras: Port;
let beCustoms: Agency, nlCustoms: Agency;
let operation: Investigation;
let s1: Seizure, s2: Seizure, s3: Seizure, s4: Seizure, s5: Seizure, s6: Seizure;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  guayaquil = await make.port({ unlocode: 'ECGYE', name: 'Guayaquil', country: 'EC' });
  balboa = await make.port({ unlocode: 'PABLB', name: 'Balboa', country: 'PA' });
  algeciras = await make.port({ unlocode: 'ESALG', name: 'Algeciras', country: 'ES' });
  beCustoms = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', country: 'BE' });
  nlCustoms = await make.agency({ code: 'NL-DOUANE', name: 'Dutch Customs', country: 'NL' });
  // Dutch customs take part, so their analyst sees the RED investigation and their own RED seizure (DEMO-S6).
  operation = await make.investigation({ codeName: 'DEMO-OP-RIVER', originAgency: beCustoms, participants: [nlCustoms] });

  s1 = await make.seizure({ reference: 'DEMO-S1', port: antwerp, originAgency: beCustoms, seizedOn: '2024-01-10', drugType: DrugType.COCAINE,
    concealment: Concealment.RIP_ON_RIP_OFF, containerNumber: 'CSQU3054383', tlp: Tlp.GREEN, originPort: guayaquil,
    transitPorts: [balboa, algeciras], destinationPort: antwerp, investigation: operation });
  s2 = await make.seizure({ reference: 'DEMO-S2', port: antwerp, originAgency: beCustoms, seizedOn: '2024-02-15', drugType: DrugType.CANNABIS_RESIN,
    concealment: Concealment.HIDDEN_IN_CARGO, tlp: Tlp.AMBER });
  s3 = await make.seizure({ reference: 'DEMO-S3', port: rotterdam, originAgency: nlCustoms, seizedOn: '2024-03-20', drugType: DrugType.COCAINE,
    concealment: Concealment.REEFER_UNIT, tlp: Tlp.GREEN, investigation: operation, destinationPort: rotterdam });
  s4 = await make.seizure({ reference: 'DEMO-S4', port: leHavre, originAgency: nlCustoms, seizedOn: '2023-12-31', drugType: DrugType.HEROIN, tlp: Tlp.AMBER });
  s5 = await make.seizure({ reference: 'DEMO-S5', port: rotterdam, originAgency: nlCustoms, seizedOn: '2024-03-20', drugType: DrugType.COCAINE,
    tlp: Tlp.GREEN, withdrawnAt: new Date('2024-04-01T10:00:00Z'), withdrawalReason: 'Duplicate report' });
  s6 = await make.seizure({ reference: 'DEMO-S6', port: rotterdam, originAgency: nlCustoms, seizedOn: '2024-03-20', drugType: DrugType.MDMA,
    tlp: Tlp.RED, investigation: operation });
  analyst = await hub.as({ agency: nlCustoms, roles: [Role.ANALYST] });
});
afterAll(() => hub.close());

/** Latest first, id breaking ties (descending), as the hub orders them. */
const ordered = (...seizures: Seizure[]) =>
  [...seizures].sort((a, b) => b.seizedOn.localeCompare(a.seizedOn) || b.id.localeCompare(a.id)).map((s) => s.reference);

/**
 * The statements that did the reading. Since access control, a signed-in request also looks up the token's
 * agency first and writes its audit trail (AMBER rows were read) last: one statement each per request.
 */
/** The statements that read seizures: a signed-in request (the gateway vouches for the viewer, so no lookup) ends
 * with the one audit insert. */
function readingStatements(): string[] {
  expect(hub.statements.at(-1)).toMatch(/^\[query\] insert into "audit_event"/);
  return hub.statements.slice(0, -1);
}

async function references(filter: SeizureFilter | null): Promise<string[]> {
  const data = await analyst.query(SeizureListDocument, { filter, first: 100 });
  expect(data.seizures.totalCount).toBe(data.seizures.edges.length);
  return data.seizures.edges.map((e) => e.node.reference);
}

test('a seizure by id, with its port, reporting agency, route and investigations', async () => {
  const data = await analyst.query(SeizureDetailDocument, { id: s1.id });
  expect(data.seizure).toEqual({
    id: s1.id, reference: 'DEMO-S1', seizedOn: '2024-01-10', drugType: 'COCAINE', quantity: '100', unit: 'KG',
    detectionMethod: 'SCANNER', concealment: 'RIP_ON_RIP_OFF', containerNumber: 'CSQU3054383', tlp: 'GREEN', version: 1,
    withdrawnAt: null, port: { unlocode: 'BEANR' }, reportingAgency: { code: 'BE-AAD' }, originPort: { unlocode: 'ECGYE' },
    destinationPort: { unlocode: 'BEANR' }, transitPorts: [{ unlocode: 'PABLB' }, { unlocode: 'ESALG' }],
    route: [{ unlocode: 'ECGYE' }, { unlocode: 'PABLB' }, { unlocode: 'ESALG' }, { unlocode: 'BEANR' }],
    investigations: { totalCount: 1, edges: [{ node: { codeName: 'DEMO-OP-RIVER' } }] },
  });
});

test('a withdrawn seizure is still readable by id, with when and why', async () => {
  const data = await analyst.query(SeizureWithdrawalDocument, { id: s5.id });
  expect(data.seizure).toEqual({ withdrawnAt: '2024-04-01T10:00:00.000Z', withdrawalReason: 'Duplicate report' });
});

test('an unknown or malformed seizure id is NOT_FOUND', async () => {
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
    const res = await analyst.send(SeizureReferenceDocument, { id });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }
});

test('the route skips missing ends: only a destination, or nothing at all', async () => {
  const partial = await make.seizure({ port: leHavre, originAgency: beCustoms, transitPorts: [algeciras], destinationPort: leHavre, withdrawnAt: new Date() });
  const bare = await make.seizure({ port: leHavre, originAgency: beCustoms, withdrawnAt: new Date() });
  const a = await analyst.query(SeizureRouteDocument, { id: partial.id });
  expect(a.seizure).toEqual({ originPort: null, transitPorts: [{ unlocode: 'ESALG' }], route: [{ unlocode: 'ESALG' }, { unlocode: 'FRLEH' }], investigations: { totalCount: 0, edges: [] } });
  const b = await analyst.query(SeizureRouteDocument, { id: bare.id });
  expect(b.seizure).toEqual({ originPort: null, transitPorts: [], route: [], investigations: { totalCount: 0, edges: [] } });
});

test('the list is latest first, id breaking ties, and leaves withdrawn seizures out by default', async () => {
  expect(await references(null)).toEqual(ordered(s1, s2, s3, s4, s6));
  expect(await references({ includeWithdrawn: false })).toEqual(ordered(s1, s2, s3, s4, s6));
  expect(await references({ includeWithdrawn: true, ports: ['NLRTM'] })).toEqual(ordered(s3, s5, s6));
});

test('each filter narrows the list', async () => {
  expect(await references({ ports: ['BEANR', 'FRLEH'] })).toEqual(ordered(s1, s2, s4));
  expect(await references({ ports: ['beanr'] })).toEqual(ordered(s1, s2));
  expect(await references({ country: 'NL' })).toEqual(ordered(s3, s6));
  expect(await references({ country: 'NL', ports: ['BEANR'] })).toEqual([]);
  expect(await references({ agencyIds: [beCustoms.id] })).toEqual(ordered(s1, s2));
  expect(await references({ agencyIds: [beCustoms.id, nlCustoms.id] })).toEqual(ordered(s1, s2, s3, s4, s6));
  expect(await references({ drugTypes: ['COCAINE', 'HEROIN'] })).toEqual(ordered(s1, s3, s4));
  expect(await references({ seizedFrom: '2024-02-15' })).toEqual(ordered(s2, s3, s6));
  expect(await references({ seizedTo: '2024-01-10' })).toEqual(ordered(s1, s4));
  expect(await references({ seizedFrom: '2024-01-01', seizedTo: '2024-02-15' })).toEqual(ordered(s1, s2));
  expect(await references({ concealments: ['RIP_ON_RIP_OFF', 'REEFER_UNIT'] })).toEqual(ordered(s1, s3));
  expect(await references({ tlps: ['AMBER', 'RED'] })).toEqual(ordered(s2, s4, s6));
  expect(await references({ containerNumber: 'csqu 305438 3' })).toEqual(['DEMO-S1']);
  expect(await references({ country: 'NL', drugTypes: ['COCAINE'], includeWithdrawn: true })).toEqual(ordered(s3, s5));
});

test('bad filter values are BAD_USER_INPUT naming the filter field', async () => {
  const cases: [SeizureFilter, string][] = [
    [{ ports: Array.from({ length: 51 }, () => 'BEANR') }, 'filter.ports'],
    [{ ports: ['BE-ANR'] }, 'filter.ports'],
    [{ country: 'XX' }, 'filter.country'],
    [{ agencyIds: ['nope'] }, 'filter.agencyIds'],
    [{ seizedFrom: '2024-02-30' }, 'filter.seizedFrom'],
    [{ containerNumber: 'CSQU3054384' }, 'filter.containerNumber'],
  ];
  for (const [filter, field] of cases) {
    const res = await analyst.send(SeizureListDocument, { filter, first: 10 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringContaining(field) });
  }
});

test('filtering on operational details is for law enforcement only, or the filter would reveal them', async () => {
  const operator = await make.agency({ code: 'DEMO-OPERATOR', kind: AgencyKind.PRIVATE_OPERATOR });
  const partner = await hub.as({ agency: operator, roles: [Role.PARTNER] });
  const cases: [Client, SeizureFilter, string][] = [
    [partner, { containerNumber: 'CSQU3054383' }, 'filter.containerNumber'],
    [partner, { concealments: ['RIP_ON_RIP_OFF'] }, 'filter.concealments'],
    [hub, { containerNumber: 'CSQU3054383' }, 'filter.containerNumber'],
  ];
  for (const [client, filter, field] of cases) {
    const list = await client.send(SeizureListDocument, { filter, first: 10 });
    expect(list.data ?? null).toBeNull();
    expect(list.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', field }]);
    const nested = await client.send(SeizurePageOfPortDocument, { unlocode: 'BEANR', filter });
    expect(nested.errors?.map((e) => ({ path: e.path, ...e.extensions }))).toEqual([{ path: ['port', 'seizures'], code: 'FORBIDDEN', field }]);
  }
  // The basic facts remain filterable for members: a partner sees the GREEN seizures only (DEMO-S2 is AMBER).
  expect((await partner.query(SeizureListDocument, { filter: { ports: ['BEANR'], drugTypes: ['COCAINE', 'CANNABIS_RESIN'] } }))
    .seizures.edges.map((e) => e.node.reference)).toEqual(['DEMO-S1']);
});

test('pagination walks every page once, in order, with a stable total', async () => {
  const zeebrugge = await make.port({ unlocode: 'BEZEE', name: 'Zeebrugge', country: 'BE' });
  const made: Seizure[] = [];
  // Several seizures share a date, so the id tie-breaker decides between them across page boundaries.
  for (const seizedOn of ['2022-05-01', '2022-05-01', '2022-05-01', '2022-06-01', '2022-04-01', '2022-05-01', '2022-06-01']) {
    made.push(await make.seizure({ port: zeebrugge, originAgency: beCustoms, seizedOn }));
  }
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    // annotated: `after` is reassigned from `data` below, which TypeScript cannot infer around
    const data: SeizurePageQuery = await analyst.query(SeizurePageDocument, { first: 3, after, filter: { ports: ['BEZEE'] } });
    expect(data.seizures.totalCount).toBe(7);
    seen.push(...data.seizures.edges.map((e) => e.node.reference));
    expect(data.seizures.pageInfo.endCursor).toBe(data.seizures.edges.at(-1)?.cursor ?? null);
    if (!data.seizures.pageInfo.hasNextPage) break;
    after = data.seizures.pageInfo.endCursor;
  }
  expect(seen).toEqual(ordered(...made));
  expect(new Set(seen).size).toBe(7);
});

test('page size is 1 to 100, and a cursor must come from the hub', async () => {
  for (const [args, field] of [[{ first: 101 }, 'first'], [{ first: 0 }, 'first'], [{ after: 'garbage' }, 'after']] as const) {
    const res = await analyst.send(SeizurePageDocument, args);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  }
  const hundred = await analyst.query(SeizurePageDocument, { first: 100 });
  expect(hundred.seizures.edges.length).toBeGreaterThan(0);
});

test('ports nest their seizures, batched, with the same filter and paging', async () => {
  const notMdma: SeizureFilter = { drugTypes: ['COCAINE', 'HEROIN', 'CANNABIS_RESIN'] };
  hub.statements.length = 0;
  const data = await analyst.query(SeizurePagesByPortDocument, { portsFirst: 100, first: 1, filter: notMdma });
  const byPort = Object.fromEntries(data.ports.edges.map((e) => [e.node.unlocode, e.node.seizures]));
  // ports page, one windowed page query and one grouped count for all ports together
  expect(readingStatements()).toHaveLength(3);
  expect(byPort.BEANR).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { reference: 'DEMO-S2' } }] });
  expect(byPort.NLRTM).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, edges: [{ node: { reference: 'DEMO-S3' } }] });
  expect(byPort.FRLEH).toMatchObject({ totalCount: 1, edges: [{ node: { reference: 'DEMO-S4' } }] });
  expect(byPort.ESALG).toMatchObject({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });

  const next = await analyst.query(SeizurePageOfPortDocument, { unlocode: 'BEANR', first: 1, after: byPort.BEANR!.pageInfo.endCursor, filter: notMdma });
  expect(next.port.seizures).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, edges: [{ node: { reference: 'DEMO-S1' } }] });

  const withdrawn = await analyst.query(SeizurePortPagesTwiceDocument, { unlocode: 'NLRTM', withWithdrawn: { includeWithdrawn: true } });
  expect(withdrawn.port.all.edges.map((e) => e.node.reference)).toEqual(ordered(s3, s6));
  expect(withdrawn.port.withWithdrawn.edges.map((e) => e.node.reference)).toEqual(ordered(s3, s5, s6));
});

test('agencies nest the seizures they reported', async () => {
  const data = await analyst.query(SeizurePagesByAgencyDocument, {
    agencyFilter: { search: 'customs' }, filter: { seizedFrom: '2024-01-01', seizedTo: '2024-12-31' } });
  const byAgency = Object.fromEntries(data.agencies.edges.map((e) => [e.node.code, e.node.reportedSeizures.edges.map((x) => x.node.reference)]));
  expect(byAgency).toEqual({ 'BE-AAD': ordered(s1, s2), 'NL-DOUANE': ordered(s3, s6) });
});

test('an investigation nests its linked seizures', async () => {
  const data = await analyst.query(SeizureInvestigationPagesDocument, { id: s1.id, narrowFilter: { drugTypes: ['COCAINE'] }, narrowFirst: 1 });
  expect(data.seizure.investigations.edges.map((e) => e.node.codeName)).toEqual(['DEMO-OP-RIVER']);
  const { seizures, narrow: cocaine } = data.seizure.investigations.edges[0]!.node;
  expect(seizures.edges.map((e) => e.node.reference)).toEqual(ordered(s1, s3, s6));
  expect(cocaine).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { reference: 'DEMO-S3' } }] });
});

test('route ports of many seizures load in a fixed number of statements', async () => {
  hub.statements.length = 0;
  const data = await analyst.query(SeizureRoutesDocument, { first: 100, filter: { includeWithdrawn: true } });
  expect(data.seizures.edges.length).toBeGreaterThan(10);
  // the page, the transit ports, the ports by id, the agencies: each one statement for the whole page
  expect(readingStatements()).toHaveLength(4);
  const s1Route = data.seizures.edges.find((e) => e.node.reference === 'DEMO-S1')!.node.route!.map((p) => p.unlocode);
  expect(s1Route).toEqual(['ECGYE', 'PABLB', 'ESALG', 'BEANR']);
});
