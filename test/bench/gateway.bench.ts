// What the gateway costs: the same core-only query (a page of 20 seizures with their port and reporting agency,
// as a law-enforcement analyst) through the gateway vs straight to the core subgraph, side by side.
// `npm run bench:gateway`. Target: p50 ratio at most 1.3.
import 'reflect-metadata';
import { newPrivateJwk, signerFrom } from '../../src/auth/dev-issuer.js';
import { gatewaySignerFrom, GatewayVerifier } from '../../src/auth/gateway-token.js';
import { TokenVerifier } from '../../src/auth/tokens.js';
import { Role } from '../../src/auth/viewer.js';
import { startGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Agency } from '../../src/hub/modules/agency/index.js';
import { startHubServer } from '../../src/hub/server.js';
import { benchDatabase, compare, saveComparisons, timedRequest } from './support.js';

const QUERY = `query SeizuresWithPorts {
  seizures(first: 20) { edges { node { reference seizedOn drugType quantity unit port { unlocode name } reportingAgency { code } } } }
}`;

const iterations = Number(process.env.BENCH_ITERATIONS ?? 400);
const db = await benchDatabase();
try {
  const signer = await gatewaySignerFrom(await newPrivateJwk('bench-gateway'));
  const core = await startHubServer(db.orm, { host: '127.0.0.1', port: 0, gateway: new GatewayVerifier(signer.jwks, 'core'), database: db.database });
  const idp = await signerFrom('urn:bench:idp', await newPrivateJwk('bench-idp'));
  const gateway = await startGateway({
    host: '127.0.0.1', port: 0, core: { name: 'core', url: core.url }, registry: { entries: [] }, signer,
    verifier: new TokenVerifier([idp.issuer], 'port-alliance-hub'), logger: silentLogger,
    audit: { pool: await db.orm.em.getConnection().getNativeClient() },
  });
  const agency = await db.orm.em.fork().findOneOrFail(Agency, { code: 'FR-DGDDI' });
  const userToken = await idp.sign({ subject: 'bench', agency: 'FR-DGDDI', roles: [Role.ANALYST] }, { audience: 'port-alliance-hub', expiresIn: '1h' });
  const viewer = { subject: 'urn:bench:idp#bench', name: null, agencyId: agency.id, agencyKind: agency.kind, roles: new Set([Role.ANALYST]) };
  const body = JSON.stringify({ query: QUERY });
  await compare('Gateway overhead: a core-only query (20 seizures with port and agency)', [
    // What the gateway itself sends: a fresh viewer token per request (signed before the clock starts).
    { name: 'straight to the core subgraph', run: async () => timedRequest(core.url, body, { authorization: `Bearer ${await signer.sign(viewer, 'core')}` }) },
    { name: 'through the gateway', run: async () => timedRequest(gateway.url, body, { authorization: `Bearer ${userToken}` }) },
  ], iterations, 30, 1.3);
  await saveComparisons('gateway');
  await gateway.stop();
  await core.stop();
} finally {
  await db.close();
}
