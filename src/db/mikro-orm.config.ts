import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations/index.js';
import type { DatabaseAvailability } from './availability.js';
import { entities } from './entities.js';
import { resilientDriver } from './resilient-driver.js';

export interface OrmOptions {
  clientUrl: string;
  debugSql?: boolean;
  /** Called with every SQL statement the ORM runs (the statement-count test listens here). */
  onQuery?: (sql: string) => void;
  /**
   * For a serving process (the core): a bounded pool with a wait timeout, a statement timeout as backstop, and the
   * outage handling of availability.ts. Without it (migrations, demo data, scripts): a plain pool, no timeouts.
   */
  availability?: DatabaseAvailability;
}

/** pg pool options of a serving process: bounded waits, and dead connections noticed by TCP keepalive. */
function servingPool(availability: DatabaseAvailability) {
  const { poolWaitMs, statementTimeoutMs } = availability.settings;
  return {
    connectionTimeoutMillis: poolWaitMs,
    keepAlive: true,
    statement_timeout: statementTimeoutMs,
    // A transaction left open by a crashed request must not hold its locks for long.
    idle_in_transaction_session_timeout: statementTimeoutMs,
    application_name: 'port-alliance-hub',
    onPoolCreated: (pool: Parameters<DatabaseAvailability['attach']>[0]) => availability.attach(pool),
  };
}

export function ormConfig({ clientUrl, debugSql = false, onQuery, availability }: OrmOptions): Options {
  return defineConfig({
    clientUrl,
    ...(availability ? { driver: resilientDriver(availability), driverOptions: servingPool(availability) } : {}),
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // No hidden global context: every request forks its own EntityManager (hub/context.ts).
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: availability?.settings.poolMax ?? 10 },
    // Tables and columns owned by hand-written SQL, not entities, never diffed: rate-limiter-flexible's counters
    // (src/limits/rate-limit.ts), the idempotency keys (src/hub/common/idempotency.ts) and the audit trail's hash
    // chain (migrations/Migration20261130100000_audit_chain.ts).
    schemaGenerator: { skipTables: ['rate_limit', 'idempotency_key', 'audit_chain_head'], skipColumns: { audit_event: ['seq', 'hash'] } },
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
