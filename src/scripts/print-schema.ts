// `npm run schema`: prints the hub's SDL to schema/hub.graphql.
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { HUB_SCHEMA_FILE, printHubSchema } from '../hub/print-schema.js';

await writeFile(HUB_SCHEMA_FILE, await printHubSchema());
console.log(`Wrote ${HUB_SCHEMA_FILE}`);
