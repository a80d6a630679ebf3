// The demo member-state subgraph as its own process: `npm start` runs it under the supervisor;
// `npm run start:member` (after a build) runs it alone. It needs no database server: its national data is a SQLite
// file in DATA_DIR. It checks the gateway's tokens with GATEWAY_JWKS, GATEWAY_JWKS_URL or the gateway's key in DATA_DIR,
// and users' own tokens (behind another router) against the trusted issuers, asking ALLIANCE_GRAPHQL_URL about agencies.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_MEMBER_SUBGRAPH_NAME, startMemberSubgraph } from '../member-subgraph/index.js';
import { runPart } from '../supervisor/part.js';
import { gatewayKeys, userIssuers } from './keys.js';

runPart('member', { portSetting: 'DEMO_MEMBER_PORT' }, async (config) => {
  const keys = await gatewayKeys(config);
  await mkdir(config.dataDir, { recursive: true });
  return startMemberSubgraph({
    name: DEMO_MEMBER_SUBGRAPH_NAME,
    host: config.subgraphHost,
    port: config.demoMemberPort,
    databaseFile: path.join(config.dataDir, 'member-subgraph.sqlite'),
    gatewayKeys: keys,
    users: { issuers: await userIssuers(config), audience: config.audience, allianceGraphqlUrl: config.allianceGraphqlUrl },
    routerSecret: config.routerSecret,
    // Only into an empty database; under `npm start` the supervisor's preparation step already seeded it, with
    // follow-ups of real core seizures.
    seedDemoData: true,
    bounds: { limits: config.limits, requestTimeoutMs: config.requestTimeoutMs, maxResponseBytes: config.maxResponseBytes },
  });
});
