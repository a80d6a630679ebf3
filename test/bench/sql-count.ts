// How many SQL statements one request costs the core (`node dist/test/bench/sql-count.js`): the throughput
// bench's core-only query, sent to an in-process core whose pg client counts what it sends.
import 'reflect-metadata';
import pg from 'pg';
import { newPrivateJwk } from '../../src/auth/dev-issuer.js';
import { gatewaySignerFrom, GatewayVerifier } from '../../src/auth/gateway-token.js';
import { Role } from '../../src/auth/viewer.js';
import { Agency } from '../../src/hub/modules/agency/index.js';
import { startHubServer } from '../../src/hub/server.js';
import { silentLogger } from '../../src/observability/logger.js';
import { benchDatabase, timedRequest } from './support.js';

const QUERY = process.env.QUERY ?? 'query CoreOnly { seizures(first: 20) { totalCount edges { node { reference drugType quantity port { unlocode name } } } } }';
const seen: string[] = [];
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
  seen.push(String(text).slice(0, 160).replace(/\s+/g, ' '));
  return original.apply(this, args);
};
const db = await benchDatabase(300);
try {
  const signer = await gatewaySignerFrom(await newPrivateJwk('bench'));
  const core = await startHubServer(db.orm, { host: '127.0.0.1', port: 0, gateway: new GatewayVerifier(signer.jwks, 'core'), database: db.database, logger: silentLogger });
  const agency = await db.orm.em.fork().findOneOrFail(Agency, { code: 'FR-DGDDI' });
  const viewer = { subject: 'urn:bench#analyst', name: null, agencyId: agency.id, agencyKind: agency.kind, roles: new Set([Role.ANALYST]) };
  for (let i = 0; i < 3; i++) {
    seen.length = 0;
    await timedRequest(core.url, JSON.stringify({ query: QUERY }), { authorization: `Bearer ${await signer.sign(viewer, 'core')}` });
    console.log(`request ${i + 1}: ${seen.length} statements`);
  }
  for (const s of seen) console.log(`  ${s}`);
  await core.stop();
} finally {
  await db.close();
}
