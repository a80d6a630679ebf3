// The one way to write audit rows into `audit_event`, shared by the core (its reads and changes: hub/modules/audit)
// and the gateway (reads of fields other subgraphs serve, and reads it refused: gateway/audit.ts). Both run the same
// statement with the same JSON: a request's rows travel as ONE parameter, so the statement text never depends on
// the data, and the columns are listed explicitly, so columns added to the table later (filled by defaults or
// triggers) change nothing here. INSERT is the only statement either ever runs on this table.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Viewer } from '../auth/viewer.js';
import { logger } from '../observability/logger.js';
import { clientOperationName } from './operation-name.js';

export type AuditKindName = 'READ' | 'WRITE';
export type AuditOutcomeName = 'ALLOWED' | 'DENIED' | 'FAILED';

/** One row of the trail, before it is stamped with its viewer, operation and time. */
export interface AuditLogRow {
  kind: AuditKindName;
  /** Ids of the records read or changed. */
  recordIds: readonly string[];
  /** `Type.field` names read, or the mutation field (`Mutation.recordSeizure`) of a change. */
  fields: readonly string[];
  outcome: AuditOutcomeName;
  /** Error code of a refused or failed change (FORBIDDEN for refused reads). */
  detail: string | null;
  /** The natural keys a change names (e.g. `{ reference, agencyId }`); none for reads. */
  keys?: Readonly<Record<string, string>>;
}

const COLUMNS = ['id', 'kind', 'viewer_subject', 'viewer_name', 'agency_id', 'roles', 'operation_name', 'record_ids', 'fields', 'outcome', 'detail', 'keys'] as const;
const list = COLUMNS.map((c) => `"${c}"`).join(', ');

/**
 * The INSERT of a request's rows; `parameter` is the driver's placeholder for the rows' JSON (`?` for MikroORM's
 * connection, `$1` for node-postgres).
 */
export function auditInsertSql(parameter: '?' | '$1'): string {
  return `insert into "audit_event" ("at", ${list}) select now(), ${list} from json_populate_recordset(null::"audit_event", ${parameter}::json)`;
}

/** The rows' JSON, each stamped with the viewer and the client's operation name (cut to its column's 200 characters). */
export function auditRowsJson(viewer: Viewer, rows: readonly AuditLogRow[], operationName: string | null): string {
  return JSON.stringify(rows.map((row) => ({
    id: randomUUID(),
    kind: row.kind,
    viewer_subject: viewer.subject,
    viewer_name: viewer.name,
    agency_id: viewer.agencyId,
    roles: [...viewer.roles],
    operation_name: clientOperationName(operationName),
    record_ids: row.recordIds,
    fields: row.fields,
    outcome: row.outcome,
    detail: row.detail,
    keys: row.keys ?? {},
  })));
}

/** Writes `rows` with node-postgres (the gateway's pool); returns how many. */
export async function insertAuditRows(pool: pg.Pool, viewer: Viewer, rows: readonly AuditLogRow[], operationName: string | null): Promise<number> {
  if (!rows.length) return 0;
  await pool.query(auditInsertSql('$1'), [auditRowsJson(viewer, rows, operationName)]);
  return rows.length;
}

/**
 * A small pool for the gateway's audit rows. A connection that PostgreSQL drops emits 'error'; without a listener
 * that would end the process, so it is logged and the pool discards the connection. A request whose rows cannot
 * be written is answered without its data (gateway/audit.ts), so waits are short.
 */
export function auditPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 2000, keepAlive: true, application_name: 'port-alliance-hub-gateway-audit' });
  const warn = (error: Error) => logger.warn({ err: error.message }, 'audit store connection lost');
  pool.on('error', warn);
  pool.on('connect', (client) => client.on('error', warn));
  return pool;
}
