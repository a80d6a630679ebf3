// MikroORM's PostgreSQL driver with one change: a read outside a transaction that loses its connection (PostgreSQL
// restarted, a standby promoted) is run once more on a fresh connection. Reads change nothing, so running one twice
// is safe; statements inside a transaction and writes are never re-run here (mutations.ts decides for those).
import type { Configuration } from '@mikro-orm/core';
import { PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { metrics } from '../observability/metrics.js';
import { isConnectionFault, type DatabaseAvailability } from './availability.js';

const READ = /^\s*select\b/i;

function sqlOf(query: unknown): string {
  return typeof query === 'string' ? query : '';
}

/** The driver class for ormConfig's `driver`: reports connection faults to `availability` and retries lost reads. */
export function resilientDriver(availability: DatabaseAvailability): typeof PostgreSqlDriver {
  class ResilientConnection extends PostgreSqlConnection {
    override async execute<T>(...args: Parameters<PostgreSqlConnection['execute']>): Promise<T> {
      try {
        return await super.execute<never>(...args);
      } catch (error) {
        if (!isConnectionFault(error)) throw error;
        availability.suspect(error);
        const [query, , , ctx, loggerContext] = args;
        const aborted = (loggerContext as { signal?: AbortSignal } | undefined)?.signal?.aborted;
        if (ctx || aborted || !READ.test(sqlOf(query))) throw error;
        metrics.dbRetries.inc({ kind: 'read' });
        return super.execute<never>(...args);
      }
    }
  }

  return class ResilientPostgreSqlDriver extends PostgreSqlDriver {
    constructor(config: Configuration) {
      super(config);
      (this as unknown as { connection: PostgreSqlConnection }).connection = new ResilientConnection(config);
    }
  };
}
