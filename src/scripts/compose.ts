// `npm run compose`: writes schema/supergraph.graphql (the core and the demo member subgraph, composed locally)
// and schema/api.graphql (the API clients of the gateway see). The committed supergraph names the subgraphs at
// their `npm start` addresses; routers override them (deploy/), or a deployment composes its own:
// `npm run compose -- --out supergraph.graphql --core-url https://core.internal/graphql --member-url https://…`.
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { API_SCHEMA_FILE, composeDemoSupergraph, DEMO_SUBGRAPH_URLS, printApiSchema, SUPERGRAPH_FILE } from './supergraph.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, 'core-url': { type: 'string' }, 'member-url': { type: 'string' } } });
const urls = { core: values['core-url'] ?? DEMO_SUBGRAPH_URLS.core, member: values['member-url'] ?? DEMO_SUBGRAPH_URLS.member };
for (const [name, url] of Object.entries(urls)) {
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`--${name}-url must be an http(s) URL, got "${url}"`);
}
const supergraph = await composeDemoSupergraph(urls);
if (values.out) {
  await writeFile(values.out, supergraph);
  console.log(`Wrote ${values.out} (core: ${urls.core}, member: ${urls.member})`);
} else {
  if (values['core-url'] || values['member-url']) throw new Error('--core-url and --member-url need --out: the committed schema/supergraph.graphql keeps the npm start addresses');
  await writeFile(SUPERGRAPH_FILE, supergraph);
  await writeFile(API_SCHEMA_FILE, printApiSchema(supergraph));
  console.log(`Wrote ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`);
}
