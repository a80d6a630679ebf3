// `npm run docs:policy`: writes the table of restricted fields into README.md ("Who may see what"), from the
// field policy the shield, the marks and the audit are generated from.
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { policyTable, README_FILE, withTable } from '../hub/policy/policy-docs.js';
import { fieldPolicy } from '../hub/schema.js';

await writeFile(README_FILE, withTable(await readFile(README_FILE, 'utf8'), policyTable(fieldPolicy)));
console.log(`Wrote the field policy table in ${README_FILE}`);
