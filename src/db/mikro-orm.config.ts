import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations/index.js';
import { entities } from './entities.js';

export interface OrmOptions {
  clientUrl: string;
  debugSql?: boolean;
  /** Called with every SQL statement the ORM runs (the statement-count test listens here). */
  onQuery?: (sql: string) => void;
}

export function ormConfig({ clientUrl, debugSql = false, onQuery }: OrmOptions): Options {
  return defineConfig({
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // No hidden global context: every request forks its own EntityManager (hub/context.ts).
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10 },
    // rate-limiter-flexible owns its counters' table (src/limits/rate-limit.ts): not an entity, never diffed.
    schemaGenerator: { skipTables: ['rate_limit'] },
    migrations: {
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
      migrationsList,
      snapshot: true,
      snapshotOnMigrate: false,
      allOrNothing: true,
    },
    debug: debugSql || onQuery !== undefined ? ['query'] : false,
    logger: (message) => {
      if (onQuery) onQuery(message);
      if (debugSql) console.log(message);
    },
    colors: false,
  });
}
