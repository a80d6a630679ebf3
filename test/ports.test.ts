import { PortByCodeDocument, PortByIdDocument, PortsDocument } from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE', memberSince: '2024-01-24', latitude: 51.22, longitude: 4.4 });
  await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL', memberSince: '2024-01-24' });
  await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR', memberSince: '2024-03-01' });
  await make.port({ unlocode: 'MQFDF', name: 'Fort-de-France', country: 'MQ', overseas: true });
  await make.port({ unlocode: 'ECGYE', name: 'Guayaquil', country: 'EC' });
});
afterAll(() => hub.close());

const codes = (data: { ports: { edges: { node: { unlocode: string } }[] } }) => data.ports.edges.map((e) => e.node.unlocode);

test('lists ports by name with a total that ignores the page size', async () => {
  const data = await hub.query(PortsDocument, { first: 2 });
  expect(codes(data)).toEqual(['BEANR', 'MQFDF']); // Antwerp, Fort-de-France
  expect(data.ports.totalCount).toBe(5);
  expect(data.ports.pageInfo.hasNextPage).toBe(true);
});

test('walking the pages with `after` returns every port once, in order', async () => {
  const seen: string[] = [];
  let after: string | null | undefined;
  let pages = 0;
  do {
    const data = await hub.query(PortsDocument, { first: 2, after });
    seen.push(...codes(data));
    after = data.ports.pageInfo.hasNextPage ? data.ports.pageInfo.endCursor : undefined;
    pages++;
  } while (after);
  expect(pages).toBe(3);
  expect(seen).toEqual(['BEANR', 'MQFDF', 'ECGYE', 'FRLEH', 'NLRTM']);
});

test('filters: country, search, member and overseas', async () => {
  expect(codes(await hub.query(PortsDocument, { filter: { country: 'nl' } }))).toEqual(['NLRTM']);
  expect(codes(await hub.query(PortsDocument, { filter: { search: 'HAV' } }))).toEqual(['FRLEH']);
  expect(codes(await hub.query(PortsDocument, { filter: { search: 'ecgy' } }))).toEqual(['ECGYE']);
  expect(codes(await hub.query(PortsDocument, { filter: { member: true } }))).toEqual(['BEANR', 'FRLEH', 'NLRTM']);
  expect(codes(await hub.query(PortsDocument, { filter: { member: false } }))).toEqual(['MQFDF', 'ECGYE']);
  expect(codes(await hub.query(PortsDocument, { filter: { overseas: true } }))).toEqual(['MQFDF']);
  const combined = await hub.query(PortsDocument, { filter: { member: true, country: 'BE' } });
  expect(codes(combined)).toEqual(['BEANR']);
  expect(combined.ports.totalCount).toBe(1);
});

test('a LIKE wildcard in the search text matches literally', async () => {
  expect(codes(await hub.query(PortsDocument, { filter: { search: '%%' } }))).toEqual([]);
});

test('one port by UN/LOCODE (case-insensitive input) or by id', async () => {
  const byCode = await hub.query(PortByCodeDocument, { unlocode: 'beanr' });
  expect(byCode.port).toMatchObject({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE', memberSince: '2024-01-24' });
  const byId = await hub.query(PortByIdDocument, { id: byCode.port.id });
  expect(byId.port.unlocode).toBe('BEANR');
});

test('an unknown port is NOT_FOUND; a malformed UN/LOCODE is BAD_USER_INPUT naming the argument', async () => {
  const missing = await hub.send(PortByCodeDocument, { unlocode: 'BEZZZ' });
  expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const malformed = await hub.send(PortByCodeDocument, { unlocode: 'BE-ANR' });
  expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unlocode' });
  const badCountry = await hub.send(PortByCodeDocument, { unlocode: 'XXANR' });
  expect(badCountry.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(badCountry.errors?.[0]?.message).toContain('not an ISO 3166-1 country code');
  const inline = await hub.send('{ port(unlocode: "B1") { name } }');
  expect(inline.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('port() needs exactly one of id and unlocode', async () => {
  const neither = await hub.send('{ port { name } }');
  expect(neither.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const both = await hub.send('query($id: ID) { port(id: $id, unlocode: "BEANR") { name } }', { id: 'x' });
  expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('page size is bounded and cursors are checked', async () => {
  const tooMany = await hub.send(PortsDocument, { first: 101 });
  expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  const zero = await hub.send(PortsDocument, { first: 0 });
  expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  const forged = await hub.send(PortsDocument, { after: 'bm90LWEtY3Vyc29y' });
  expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  expect(forged.data ?? null).toBeNull();
});
