// The gateway as its own process: `npm start` runs it under the supervisor once the subgraphs listen;
// `npm run start:gateway` (after a build) runs it alone, configured from the environment: DATABASE_URL (rate-limit
// counters, shared by every gateway instance, the audit trail it writes with the core, and the member subgraphs
// administrators register), CORE_URL, the registry file of member subgraphs, its signing key and
// the development issuer's key in DATA_DIR (created if missing).
import 'reflect-metadata';
import { auditPool } from '../audit-log/audit-log.js';
import { ROUTER_SECRET_HEADER } from '../auth/subgraph-gate.js';
import { devSigner } from '../auth/dev-issuer.js';
import { TokenVerifier } from '../auth/tokens.js';
import { startGateway } from '../gateway/server.js';
import { rateLimitPool } from '../limits/rate-limit.js';
import { requireDatabaseUrl, runPart } from '../supervisor/part.js';
import { gatewaySigning, userIssuers } from './keys.js';

runPart('gateway', { portSetting: 'PORT' }, async (config) => {
  const databaseUrl = requireDatabaseUrl(config, 'gateway');
  const signer = await gatewaySigning(config);
  const issuers = await userIssuers(config);
  const pool = rateLimitPool(databaseUrl);
  const audit = auditPool(databaseUrl);
  try {
    const gateway = await startGateway({
      host: config.host,
      port: config.port,
      // With ROUTER_SECRET set, subgraphs want it from every router: the core gets it like a registered header.
      core: { name: 'core', url: config.coreUrl, ...(config.routerSecret ? { headers: [{ name: ROUTER_SECRET_HEADER, fromEnv: 'ROUTER_SECRET' }] } : {}) },
      registry: { file: config.subgraphsFile, variables: { DEMO_MEMBER_PORT: String(config.demoMemberPort) } },
      // Administrators' registrations (Mutation.registerSubgraph), read with the audit pool: SELECT on member_subgraph.
      registryDatabase: { pool: audit, pollMs: config.registryPollMs },
      signer,
      verifier: new TokenVerifier(issuers, config.audience),
      subgraphTimeoutMs: config.subgraphTimeoutMs,
      pollMs: config.subgraphPollMs,
      healthMs: config.subgraphHealthMs,
      readinessCacheMs: config.database.checkCacheMs,
      limits: config.limits,
      requestTimeoutMs: config.requestTimeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      rateLimits: { pool, limits: config.rateLimits },
      audit: { pool: audit },
      // PERSISTED_DOCUMENTS, PERSISTED_DOCUMENTS_ONLY: a manifest that cannot be served stops the start.
      persistedDocuments: config.persistedDocuments,
      // GraphiQL and the dashboard; the development sign-in only where the development issuer is trusted.
      web: { devSignIn: config.devIssuer ? { signer: await devSigner(config.dataDir), audience: config.audience } : undefined },
    });
    return {
      url: gateway.url,
      async stop() {
        await gateway.stop();
        await Promise.all([pool.end(), audit.end()]);
      },
    };
  } catch (error) {
    await Promise.all([pool.end(), audit.end()]);
    throw error;
  }
});
