// The core graph as a Federation 2 subgraph: entity keys, reference resolution through the loaders.
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { Factories } from './support/factories.js';
import { startTestHub, type TestHub } from './support/hub.js';

// Federation fields are not part of the client API (schema/hub.graphql): these requests are strings.
const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on Port { unlocode name } ... on Agency { code } }
}`;
type Entities = { _entities: ({ __typename: string; unlocode?: string; name?: string; code?: string } | null)[] };

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  const make = new Factories(hub.orm);
  for (let i = 0; i < 60; i++) await make.port({ unlocode: `NL${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}Q`, name: `Haven ${i}`, country: 'NL' });
  await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  await make.agency({ code: 'NL-DOUANE', kind: AgencyKind.CUSTOMS, country: 'NL' });
});
afterAll(() => hub.close());

test('the SDL declares the entity keys, Port also by UN/LOCODE, and a shareable PageInfo', async () => {
  const res = await hub.query<{ _service: { sdl: string } }, Record<string, never>>('{ _service { sdl } }');
  const sdl = res._service.sdl;
  expect(sdl).toMatch(/type Port @key\(fields: "id"\) @key\(fields: "unlocode"\)/);
  for (const type of ['Agency', 'Referent', 'Seizure', 'BestPractice', 'Investigation', 'PartnershipAction', 'EquipmentFunding']) {
    expect(sdl).toMatch(new RegExp(`type ${type} @key\\(fields: "id"\\)`));
  }
  expect(sdl).toMatch(/type PageInfo @shareable/);
});

test('a port is resolved by UN/LOCODE or by id; an unknown one is null', async () => {
  const byCode = await hub.query<Entities, { representations: object[] }>(ENTITIES, { representations: [{ __typename: 'Port', unlocode: 'NLRTM' }, { __typename: 'Port', unlocode: 'NLZZZ' }] });
  expect(byCode._entities).toEqual([{ __typename: 'Port', unlocode: 'NLRTM', name: 'Rotterdam' }, null]);
  const portId = (await hub.query<{ port: { id: string } }, Record<string, never>>('{ port(unlocode: "NLRTM") { id } }')).port.id;
  const byId = await hub.query<Entities, { representations: object[] }>(ENTITIES, { representations: [{ __typename: 'Port', id: portId }] });
  expect(byId._entities[0]?.unlocode).toBe('NLRTM');
});

test('references are batched: 60 ports cost the same SQL as 2', async () => {
  const codes = (await hub.query<{ ports: { edges: { node: { unlocode: string } }[] } }, Record<string, never>>('{ ports(first: 61) { edges { node { unlocode } } } }')).ports.edges.map((e) => e.node.unlocode);
  const resolve = (n: number) => hub.query<Entities, { representations: object[] }>(ENTITIES, { representations: codes.slice(0, n).map((unlocode) => ({ __typename: 'Port', unlocode })) });
  const two = await hub.statementsDuring(() => resolve(2));
  const sixty = await hub.statementsDuring(() => resolve(60));
  expect(sixty).toBe(two);
  expect((await resolve(60))._entities.filter(Boolean)).toHaveLength(60);
});
