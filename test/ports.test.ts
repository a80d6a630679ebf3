import { Factories } from './support/factories.js';
import { startTestHub, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
});
afterAll(() => hub.close());

test('lists ports by name with a total', async () => {
  await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE', memberSince: '2024-01-24' });
  await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL', memberSince: '2024-01-24' });
  await make.port({ unlocode: 'MQFDF', name: 'Fort-de-France', country: 'MQ', overseas: true });
  const data = await hub.query<{ ports: { totalCount: number; edges: { node: { unlocode: string } }[] } }, Record<string, never>>(
    '{ ports(first: 10) { totalCount edges { node { unlocode } } } }',
  );
  expect(data.ports.totalCount).toBe(3);
  expect(data.ports.edges.map((e) => e.node.unlocode)).toEqual(['BEANR', 'MQFDF', 'NLRTM']);
});
