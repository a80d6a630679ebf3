// Start: config → database (embedded or DATABASE_URL) → migrate → demo data → core subgraph → demo member
// subgraph → gateway (the one address clients use).
import 'reflect-metadata';
import path from 'node:path';
import { devSigner } from './auth/dev-issuer.js';
import { gatewaySigner, GatewayVerifier } from './auth/gateway-token.js';
import { TokenVerifier } from './auth/tokens.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { loadDemoData } from './db/demo-data/index.js';
import { startGateway } from './gateway/server.js';
import { startHubServer } from './hub/server.js';
import { Seizure } from './hub/modules/seizure/index.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEMO_MEMBER_SUBGRAPH_NAME, startMemberSubgraph } from './member-subgraph/index.js';

async function demoSeizureIds(orm: MikroORM): Promise<string[]> {
  const seizures = await orm.em.fork().find(Seizure, { port: { unlocode: { $in: ['BEANR', 'NLRTM', 'FRLEH'] } } }, { orderBy: { seizedOn: 'desc' }, limit: 6, fields: ['id'] });
  return seizures.map((s) => s.id);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  const stops: (() => Promise<void>)[] = [() => db.close()];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const applied = await migrate(db.orm);
  console.log(`Database (${db.source}): ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
  if (config.demoData) {
    await loadDemoData(db.orm, { seed: config.demoSeed, seizures: config.demoSeizures, log: (line) => console.log(line) });
  }

  const signer = await gatewaySigner(config.dataDir);
  const core = await startHubServer(db.orm, { host: '127.0.0.1', port: config.corePort, gateway: new GatewayVerifier(signer.jwks, 'core') });
  stops.push(() => core.stop());
  if (config.demoMemberSubgraph) {
    const member = await startMemberSubgraph({
      name: DEMO_MEMBER_SUBGRAPH_NAME,
      host: '127.0.0.1',
      port: config.demoMemberPort,
      databaseFile: path.join(config.dataDir, 'member-subgraph.sqlite'),
      gatewayKeys: signer.jwks,
      seedDemoData: true,
      // A few real seizure ids of the core's demo data get a synthetic national follow-up, so it shows in the demo.
      demoFollowUpSeizureIds: await demoSeizureIds(db.orm),
    });
    stops.push(() => member.stop());
  }

  const issuers = [...config.trustedIssuers];
  if (config.devIssuer) issuers.push((await devSigner(config.dataDir)).issuer);
  const gateway = await startGateway({
    host: config.host,
    port: config.port,
    core: { name: 'core', url: core.url },
    registry: { file: config.subgraphsFile, variables: { DEMO_MEMBER_PORT: String(config.demoMemberPort) } },
    signer,
    verifier: new TokenVerifier(issuers, config.audience),
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    pollMs: config.subgraphPollMs,
  });
  stops.push(() => gateway.stop());
  console.log(`Port Alliance Hub ready at ${gateway.url}`);
  if (config.devIssuer) console.log('Development tokens: npm run token -- --role ANALYST --agency FR-DGDDI');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
