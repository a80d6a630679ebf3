import { readFile } from 'node:fs/promises';
import { HUB_SCHEMA_FILE, printHubSchema } from '../src/hub/print-schema.js';

test('schema/hub.graphql matches the code (run `npm run schema` after changing the graph)', async () => {
  const committed = await readFile(HUB_SCHEMA_FILE, 'utf8');
  expect(committed).toBe(await printHubSchema());
});
