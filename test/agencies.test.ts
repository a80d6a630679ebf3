import { Role } from '../src/auth/viewer.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { AgenciesDocument, AgencyByIdDocument, PortAgenciesDocument } from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
});
afterAll(() => hub.close());

const codes = (data: { agencies: { edges: { node: { code: string } }[] } }) => data.agencies.edges.map((e) => e.node.code);

test('agency list filters by country, kind and text, and nests ports both ways', async () => {
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const zeebrugge = await make.port({ unlocode: 'BEZEE', name: 'Zeebrugge', country: 'BE' });
  const rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE', ports: [antwerp, zeebrugge] });
  await make.agency({ code: 'BE-FEDPOL', name: 'Belgian Federal Police', kind: AgencyKind.POLICE, country: 'BE', ports: [antwerp] });
  await make.agency({ code: 'NL-DOUANE', name: 'Dutch Customs', kind: AgencyKind.CUSTOMS, country: 'NL', ports: [rotterdam] });
  await make.agency({ code: 'EU-EUROPOL', name: 'Europol', kind: AgencyKind.EU_BODY, country: null });

  expect(codes(await hub.query(AgenciesDocument, { filter: { country: 'be' } }))).toEqual(['BE-AAD', 'BE-FEDPOL']);
  const byKind = await hub.query(AgenciesDocument, { filter: { kinds: ['CUSTOMS'] } });
  expect(byKind.agencies.totalCount).toBe(2);
  expect(codes(byKind)).toEqual(['BE-AAD', 'NL-DOUANE']);
  expect(codes(await hub.query(AgenciesDocument, { filter: { search: 'europ' } }))).toEqual(['EU-EUROPOL']);
  const europol = await hub.query(AgenciesDocument, { filter: { kinds: ['EU_BODY'] } });
  expect(europol.agencies.edges[0]!.node.country).toBeNull();

  const nested = await hub.query(PortAgenciesDocument, { unlocode: 'BEANR', first: 1 });
  expect(nested.port.agencies.totalCount).toBe(2);
  expect(nested.port.agencies.edges).toHaveLength(1);
  expect(nested.port.agencies.edges[0]!.node.code).toBe('BE-AAD');
  expect(nested.port.agencies.edges[0]!.node.ports.edges.map((e) => e.node.unlocode)).toEqual(['BEANR', 'BEZEE']);
});

test('agency list pages with cursors', async () => {
  const first = await hub.query(AgenciesDocument, { first: 2 });
  expect(first.agencies.pageInfo.hasNextPage).toBe(true);
  const rest = await hub.query(AgenciesDocument, { first: 100, after: first.agencies.pageInfo.endCursor });
  expect(rest.agencies.pageInfo.hasNextPage).toBe(false);
  expect([...codes(first), ...codes(rest)]).toEqual(codes(await hub.query(AgenciesDocument, { first: 100 })));
});

test('agency by id: found, and NOT_FOUND for an unknown or malformed id', async () => {
  const agency = await make.agency({ name: 'Guardia di Finanza', kind: AgencyKind.POLICE, country: 'IT' });
  const found = await hub.query(AgencyByIdDocument, { id: agency.id });
  expect(found.agency).toMatchObject({ name: 'Guardia di Finanza', kind: 'POLICE', country: 'IT' });
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
    const missing = await hub.send(AgencyByIdDocument, { id });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }
});

test('a signed-in client is accepted; a bad token is refused with UNAUTHENTICATED and no data', async () => {
  const agency = await make.agency({ kind: AgencyKind.CUSTOMS });
  const client = await hub.as({ agency, roles: [Role.ANALYST] });
  await expect(client.query(AgenciesDocument, { first: 1 })).resolves.toBeDefined();
  const refused = await hub.send(AgenciesDocument, { first: 1 }, { authorization: 'Bearer not-a-token' });
  expect(refused.data ?? null).toBeNull();
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
