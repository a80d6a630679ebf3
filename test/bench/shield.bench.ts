// What the shield costs: the same HTTP request (100 seizures with their fields, as a law-enforcement analyst, so
// every field is allowed) against the hub with and without the shield, side by side, the audit of reads on in
// both (target: p50 ratio at most 1.15). Two more lines say what the whole policy costs: the shield and the audit
// against neither. `npm run bench:shield`.
import 'reflect-metadata';
import { newPrivateJwk, signerFrom } from '../../src/auth/dev-issuer.js';
import { TokenVerifier } from '../../src/auth/tokens.js';
import { Role } from '../../src/auth/viewer.js';
import { startHubServer } from '../../src/hub/server.js';
import { benchDatabase, compare, timedRequest } from './support.js';

const QUERY = `query SeizurePage {
  seizures(first: 100) {
    edges { node { id reference seizedOn drugType quantity unit detectionMethod tlp handlingCode containerNumber concealment vesselName riskIndicators } }
  }
}`;

const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const db = await benchDatabase();
try {
  const signer = await signerFrom('urn:bench:issuer', await newPrivateJwk('bench'));
  const verifier = new TokenVerifier([signer.issuer], 'port-alliance-hub');
  const guarded = await startHubServer(db.orm, { host: '127.0.0.1', port: 0, verifier });
  const unshielded = await startHubServer(db.orm, { host: '127.0.0.1', port: 0, verifier, shield: false });
  const open = await startHubServer(db.orm, { host: '127.0.0.1', port: 0, verifier, shield: false, auditReads: false });
  const token = await signer.sign({ subject: 'bench', agency: 'FR-DGDDI', roles: [Role.ANALYST] }, { audience: 'port-alliance-hub' });
  const headers = { authorization: `Bearer ${token}` };
  const body = JSON.stringify({ query: QUERY });
  await compare('Shield cost: 100 seizures × 13 fields over HTTP, reads audited in both', [
    { name: 'shield off', run: () => timedRequest(unshielded.url, body, headers) },
    { name: 'shield on', run: () => timedRequest(guarded.url, body, headers) },
  ], iterations);
  await compare('Whole read policy: shield + audit of reads vs neither', [
    { name: 'neither', run: () => timedRequest(open.url, body, headers) },
    { name: 'shield + audit', run: () => timedRequest(guarded.url, body, headers) },
  ], iterations);
  await Promise.all([guarded.stop(), unshielded.stop(), open.stop()]);
} finally {
  await db.close();
}
