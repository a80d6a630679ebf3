import { Role } from '../src/auth/viewer.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { Factories } from './support/factories.js';
import { startTestHub, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
});
afterAll(() => hub.close());

type AgencyPage = { agencies: { totalCount: number; edges: { node: { code: string; kind: string; country: string | null } }[] } };

test('agency list filters by country, kind and text, and nests ports both ways', async () => {
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const zeebrugge = await make.port({ unlocode: 'BEZEE', name: 'Zeebrugge', country: 'BE' });
  const rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE', ports: [antwerp, zeebrugge] });
  await make.agency({ code: 'BE-FEDPOL', name: 'Belgian Federal Police', kind: AgencyKind.POLICE, country: 'BE', ports: [antwerp] });
  await make.agency({ code: 'NL-DOUANE', name: 'Dutch Customs', kind: AgencyKind.CUSTOMS, country: 'NL', ports: [rotterdam] });
  await make.agency({ code: 'EU-EUROPOL', name: 'Europol', kind: AgencyKind.EU_BODY, country: null });

  const q = `query($filter: AgencyFilter) { agencies(filter: $filter) { totalCount edges { node { code kind country } } } }`;
  const byCountry = await hub.query<AgencyPage, { filter: object }>(q, { filter: { country: 'be' } });
  expect(byCountry.agencies.edges.map((e) => e.node.code)).toEqual(['BE-AAD', 'BE-FEDPOL']);
  const byKind = await hub.query<AgencyPage, { filter: object }>(q, { filter: { kinds: ['CUSTOMS'] } });
  expect(byKind.agencies.totalCount).toBe(2);
  const byText = await hub.query<AgencyPage, { filter: object }>(q, { filter: { search: 'europ' } });
  expect(byText.agencies.edges.map((e) => e.node.code)).toEqual(['EU-EUROPOL']);

  const nested = await hub.query<{ port: { agencies: { totalCount: number; edges: { node: { code: string; ports: { totalCount: number; edges: { node: { unlocode: string } }[] } } }[] } } }, Record<string, never>>(
    `{ port(unlocode: "BEANR") { agencies(first: 1) { totalCount edges { node { code ports { totalCount edges { node { unlocode } } } } } } } }`,
  );
  expect(nested.port.agencies.totalCount).toBe(2);
  expect(nested.port.agencies.edges).toHaveLength(1);
  expect(nested.port.agencies.edges[0]!.node.code).toBe('BE-AAD');
  expect(nested.port.agencies.edges[0]!.node.ports.edges.map((e) => e.node.unlocode)).toEqual(['BEANR', 'BEZEE']);
});

test('agency by id: found, and NOT_FOUND for an unknown id', async () => {
  const agency = await make.agency({ name: 'Guardia di Finanza', kind: AgencyKind.POLICE, country: 'IT' });
  const found = await hub.query<{ agency: { name: string } }, { id: string }>('query($id: ID!) { agency(id: $id) { name } }', { id: agency.id });
  expect(found.agency.name).toBe('Guardia di Finanza');
  const missing = await hub.send('query($id: ID!) { agency(id: $id) { name } }', { id: '00000000-0000-4000-8000-000000000000' });
  expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});

test('a signed-in client is accepted; a bad token is refused with UNAUTHENTICATED and no data', async () => {
  const agency = await make.agency({ kind: AgencyKind.CUSTOMS });
  const client = await hub.as({ agency, roles: [Role.ANALYST] });
  await expect(client.query('{ ports(first: 1) { totalCount } }')).resolves.toBeDefined();
  const refused = await hub.send('{ ports(first: 1) { totalCount } }', {}, { authorization: 'Bearer not-a-token' });
  expect(refused.data ?? null).toBeNull();
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
