// The supervisor's one-shot preparation, in a process of its own so that the supervisor never loads the ORM and
// stays small: migrations (as the schema owner, MIGRATION_DATABASE_URL, then the runtime role's privileges: see
// src/db/roles.ts), the demo data, the demo member subgraph's national data (with follow-ups of real core
// seizures and targeting alerts), and the gateway's signing key and the development issuer's key in DATA_DIR, so that the subgraphs
// find the gateway's public key before the gateway first starts.
import 'reflect-metadata';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { devSigner } from '../auth/dev-issuer.js';
import { migrate } from '../db/database.js';
import { roleOf } from '../db/roles.js';
import { loadDemoData } from '../db/demo-data/index.js';
import { ormConfig } from '../db/mikro-orm.config.js';
import { seedDemoData } from '../member-subgraph/demo-data.js';
import { MemberStorage } from '../member-subgraph/storage.js';
import { logger } from '../observability/logger.js';
import { requireDatabaseUrl, runTask } from '../supervisor/part.js';
import { gatewaySigning } from './keys.js';
import { demoAddressedAlerts, demoSeizureIds } from './member-demo.js';

runTask('prepare', async (config) => {
  const clientUrl = requireDatabaseUrl(config, 'preparation');
  await mkdir(config.dataDir, { recursive: true });
  await gatewaySigning(config);
  if (config.devIssuer) await devSigner(config.dataDir);

  const ownerUrl = config.migrationDatabaseUrl ?? clientUrl;
  const [owner, runtime] = await Promise.all([roleOf(ownerUrl), roleOf(clientUrl)]);
  if (owner === runtime) {
    logger.warn(`database: the role "${runtime}" of DATABASE_URL also runs the migrations and owns the schema, so it could rewrite the audit trail; set MIGRATION_DATABASE_URL to the owner role and DATABASE_URL to a role that owns nothing (README, "Database and migrations")`);
  }
  const orm = await MikroORM.init(ormConfig({ clientUrl: ownerUrl, debugSql: config.debugSql }));
  try {
    const applied = await migrate(orm, { runtimeUrl: clientUrl });
    logger.info({ applied, owner, runtime }, applied.length ? `database: applied ${applied.join(', ')}` : 'database: schema up to date');
    if (config.demoData) {
      await loadDemoData(orm, { seed: config.demoSeed, seizures: config.demoSeizures, log: (line) => logger.info(line) });
    }
    if (config.demoMemberSubgraph) {
      const file = path.join(config.dataDir, 'member-subgraph.sqlite');
      const storage = new MemberStorage(file);
      try {
        // A few real seizure and alert ids of the core's demo data get a synthetic national follow-up, so it shows in the demo.
        seedDemoData(storage, config.demoData ? await demoSeizureIds(orm) : [], config.demoData ? await demoAddressedAlerts(orm) : []);
      } finally {
        storage.close();
      }
      // National law-enforcement data: readable by the service's own user only.
      await chmod(file, 0o600);
    }
  } finally {
    await orm.close(true);
  }
});
