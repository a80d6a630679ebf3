// The gateway as its own process: `npm start` runs it under the supervisor once the subgraphs listen;
// `npm run start:gateway` (after a build) runs it alone, configured from the environment: DATABASE_URL (rate-limit
// counters, shared by every gateway instance, and the audit trail it writes with the core), CORE_URL, the registry of member subgraphs, its signing key and
// the development issuer's key in DATA_DIR (created if missing).
import 'reflect-metadata';
import { auditPool } from '../audit-log/audit-log.js';
import { devSigner } from '../auth/dev-issuer.js';
import { gatewaySigner } from '../auth/gateway-token.js';
import { TokenVerifier } from '../auth/tokens.js';
import { startGateway } from '../gateway/server.js';
import { rateLimitPool } from '../limits/rate-limit.js';
import { requireDatabaseUrl, runPart } from '../supervisor/part.js';

runPart('gateway', { portSetting: 'PORT' }, async (config) => {
  const databaseUrl = requireDatabaseUrl(config, 'gateway');
  const signer = await gatewaySigner(config.dataDir);
  const issuers = [...config.trustedIssuers];
  if (config.devIssuer) issuers.push((await devSigner(config.dataDir)).issuer);
  const pool = rateLimitPool(databaseUrl);
  const audit = auditPool(databaseUrl);
  try {
    const gateway = await startGateway({
      host: config.host,
      port: config.port,
      core: { name: 'core', url: config.coreUrl },
      registry: { file: config.subgraphsFile, variables: { DEMO_MEMBER_PORT: String(config.demoMemberPort) } },
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
