// The core subgraph as its own process: `npm start` runs it under the supervisor; `npm run start:core` (after a
// build) runs it alone, configured from the environment (DATABASE_URL required; migrations must be applied).
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { GatewayVerifier } from '../auth/gateway-token.js';
import { DatabaseAvailability } from '../db/availability.js';
import { ormConfig } from '../db/mikro-orm.config.js';
import { auditProtectionProblems } from '../db/roles.js';
import { logger } from '../observability/logger.js';
import { startHubServer } from '../hub/server.js';
import { reasonOf, requireDatabaseUrl, runPart, StartError } from '../supervisor/part.js';
import { TokenVerifier } from '../auth/tokens.js';
import { gatewayKeys, userIssuers } from './keys.js';

runPart('core', { portSetting: 'CORE_PORT' }, async (config) => {
  const clientUrl = requireDatabaseUrl(config, 'core subgraph');
  const keys = await gatewayKeys(config);
  const where = new URL(clientUrl).host;
  const database = new DatabaseAvailability(config.database);
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(ormConfig({ clientUrl, debugSql: config.debugSql, availability: database }));
    await orm.em.getConnection().execute('select 1');
  } catch (error) {
    throw new StartError(`cannot use the database at ${where} (DATABASE_URL): ${reasonOf(error)}`);
  }
  try {
    const pending = await orm.migrator.getPending();
    if (pending.length) {
      throw new StartError(`the database at ${where} lacks ${pending.length} migration(s) (${pending.map((m) => m.name).join(', ')}): run \`npm run migration:up\` with this DATABASE_URL`);
    }
    // The append-only audit trail holds only against a role that owns nothing and holds no more than it needs.
    const problems = await auditProtectionProblems(orm);
    if (problems.length) {
      const what = `the audit trail is not protected against the core's own database role: ${problems.join('; ')}. Connect the core as a role that owns nothing (DATABASE_URL) and run the migrations as the schema owner (MIGRATION_DATABASE_URL): README, "Database and migrations"`;
      if (config.nodeEnv === 'production') throw new StartError(what);
      logger.warn(what);
    }
    const core = await startHubServer(orm, {
      host: config.subgraphHost,
      port: config.corePort,
      gateway: new GatewayVerifier(keys, 'core'),
      // Behind another router: the users' own tokens, the agency looked up in this database.
      userTokens: new TokenVerifier(await userIssuers(config), config.audience),
      routerSecret: config.routerSecret,
      database,
      limits: config.limits,
      requestTimeoutMs: config.requestTimeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      targetingAlertExpiryHours: config.targetingAlertExpiryHours,
    });
    return {
      url: core.url,
      async stop() {
        await core.stop();
        database.close();
        await orm.close(true);
      },
    };
  } catch (error) {
    database.close();
    await orm.close(true);
    throw error;
  }
});
