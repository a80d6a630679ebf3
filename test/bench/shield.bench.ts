// What the shield costs: the same HTTP request (100 seizures with their fields, as a law-enforcement analyst, so
// every field is allowed) against the core's schema with and without the shield, side by side, the audit of reads
// on in both (target: p50 ratio at most 1.15). Two more lines say what the whole policy costs: the shield and the
// audit against neither, one request at a time and then BENCH_CONCURRENCY (20) at once (where concurrent requests'
// audit rows share one INSERT: group commit). The variants are served alike, by policy-variants.ts.
// `npm run bench:shield`.
import 'reflect-metadata';
import { newPrivateJwk } from '../../src/auth/dev-issuer.js';
import { gatewaySignerFrom, GatewayVerifier } from '../../src/auth/gateway-token.js';
import { Role } from '../../src/auth/viewer.js';
import { Agency } from '../../src/hub/modules/agency/index.js';
import { serveVariant } from './policy-variants.js';
import { benchDatabase, compare, compareConcurrent, saveComparisons, timedRequest } from './support.js';

const QUERY = `query SeizurePage {
  seizures(first: 100) {
    edges { node { id reference seizedOn drugType quantity unit detectionMethod tlp handlingCode containerNumber concealment vesselName riskIndicators } }
  }
}`;

const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const db = await benchDatabase();
try {
  // Straight to the core subgraph, as the gateway calls it (test/bench/gateway.bench.ts measures the gateway).
  const signer = await gatewaySignerFrom(await newPrivateJwk('bench'));
  const gateway = new GatewayVerifier(signer.jwks, 'core');
  const guarded = await serveVariant(db.orm, 'shield + audit', gateway);
  const unshielded = await serveVariant(db.orm, 'audit only', gateway);
  const open = await serveVariant(db.orm, 'neither', gateway);
  const agency = await db.orm.em.fork().findOneOrFail(Agency, { code: 'FR-DGDDI' });
  const viewer = { subject: 'urn:bench#analyst', name: null, agencyId: agency.id, agencyKind: agency.kind, roles: new Set([Role.ANALYST]) };
  // Gateway tokens live a minute: a fresh one for each request (signed before the clock starts).
  const headers = async () => ({ authorization: `Bearer ${await signer.sign(viewer, 'core')}` });
  const body = JSON.stringify({ query: QUERY });
  await compare('Shield cost: 100 seizures × 13 fields over HTTP, reads audited in both', [
    { name: 'shield off', run: async () => timedRequest(unshielded.url, body, await headers()) },
    { name: 'shield on', run: async () => timedRequest(guarded.url, body, await headers()) },
  ], iterations, 30, 1.15);
  await compare('Whole read policy: shield + audit of reads vs neither', [
    { name: 'neither', run: async () => timedRequest(open.url, body, await headers()) },
    { name: 'shield + audit', run: async () => timedRequest(guarded.url, body, await headers()) },
  ], iterations, 30, 1.1);
  await compareConcurrent('Whole read policy under concurrent requests: shield + audit of reads vs neither', [
    { name: 'neither', run: async () => timedRequest(open.url, body, await headers()) },
    { name: 'shield + audit', run: async () => timedRequest(guarded.url, body, await headers()) },
  ], { concurrency: Number(process.env.BENCH_CONCURRENCY ?? 20), rounds: Number(process.env.BENCH_ROUNDS ?? 6), perWorker: 10 });
  await Promise.all([guarded.stop(), unshielded.stop(), open.stop()]);
  await saveComparisons('shield');
} finally {
  await db.close();
}
