import { readFile } from 'node:fs/promises';
import { API_SCHEMA_FILE, composeDemoSupergraph, printApiSchema, SUPERGRAPH_FILE } from '../src/scripts/supergraph.js';
import { HUB_SCHEMA_FILE, printHubSchema } from '../src/hub/print-schema.js';

test('schema/hub.graphql matches the code (run `npm run schema` after changing the graph)', async () => {
  const committed = await readFile(HUB_SCHEMA_FILE, 'utf8');
  expect(committed).toBe(await printHubSchema());
});

test('schema/supergraph.graphql and schema/api.graphql match the subgraphs (run `npm run compose` after changing one)', async () => {
  const supergraph = await composeDemoSupergraph();
  expect(await readFile(SUPERGRAPH_FILE, 'utf8')).toBe(supergraph);
  expect(await readFile(API_SCHEMA_FILE, 'utf8')).toBe(printApiSchema(supergraph));
});
