// Writes a request's audit rows in ONE multi-row INSERT when the response is ready: the only statement the
// audit adds to the response path. INSERT is the only statement the hub ever runs on this table.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { executeRaw } from '../../common/sql.js';
import type { AuditRow, AuditTrail } from './audit.trail.js';

/** The request's rows, at its end (outside any transaction). */
export async function writeAudit(orm: MikroORM, trail: AuditTrail, operationName: string | null): Promise<number> {
  return insertAuditRows(orm.em.fork(), trail, trail.rows(), operationName);
}

/** Inserts `rows` for the trail's viewer; on a transaction's EntityManager, inside that transaction. */
export async function insertAuditRows(em: EntityManager, trail: AuditTrail, rows: AuditRow[], operationName: string | null): Promise<number> {
  if (!rows.length) return 0;
  const { viewer } = trail;
  // All rows travel as one JSON parameter (arrays included), so the statement text never depends on the data.
  const json = rows.map((row) => ({
    id: randomUUID(),
    kind: row.kind,
    viewer_subject: viewer.subject,
    viewer_name: viewer.name,
    agency_id: viewer.agencyId,
    roles: [...viewer.roles],
    operation_name: operationName?.slice(0, 200) ?? null,
    record_ids: row.recordIds,
    fields: row.fields,
    outcome: row.outcome,
    detail: row.detail,
  }));
  await executeRaw(
    em,
    `insert into "audit_event" ("id", "at", "kind", "viewer_subject", "viewer_name", "agency_id", "roles", "operation_name", "record_ids", "fields", "outcome", "detail")
     select "id", now(), "kind", "viewer_subject", "viewer_name", "agency_id", "roles", "operation_name", "record_ids", "fields", "outcome", "detail"
     from json_populate_recordset(null::"audit_event", ?::json)`,
    [JSON.stringify(json)],
  );
  return rows.length;
}
