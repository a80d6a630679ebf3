// `npm run compose`: writes schema/supergraph.graphql (the core and the demo member subgraph, composed locally)
// and schema/api.graphql (the API clients of the gateway see).
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { API_SCHEMA_FILE, composeDemoSupergraph, printApiSchema, SUPERGRAPH_FILE } from './supergraph.js';

const supergraph = await composeDemoSupergraph();
await writeFile(SUPERGRAPH_FILE, supergraph);
await writeFile(API_SCHEMA_FILE, printApiSchema(supergraph));
console.log(`Wrote ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`);
