// README.md's table of restricted fields ("Who may see what") must say what the declarations say.
import { readFile } from 'node:fs/promises';
import { policyTable, README_FILE, tableIn, TABLE_END, TABLE_START } from '../src/hub/policy/policy-docs.js';
import { fieldPolicy } from '../src/hub/schema.js';

test('the README field policy table matches the declarations (run `npm run docs:policy` after changing one)', async () => {
  const committed = tableIn(await readFile(README_FILE, 'utf8'));
  if (committed === null) throw new Error(`${README_FILE} has lost its ${TABLE_START} … ${TABLE_END} markers`);
  const expected = policyTable(fieldPolicy);
  if (committed !== expected) {
    const only = (a: string, b: string) => a.split('\n').filter((line) => !b.split('\n').includes(line));
    throw new Error([
      `${README_FILE}'s field policy table disagrees with src/hub/modules/*/*.rules.ts: run \`npm run docs:policy\`.`,
      'In the README only:', ...only(committed, expected),
      'In the declarations only:', ...only(expected, committed),
    ].join('\n'));
  }
});
