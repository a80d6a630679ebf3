// Writes a request's audit rows in ONE multi-row INSERT when the response is ready: the only statement the
// audit adds to the response path. INSERT is the only statement the hub ever runs on this table.
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { AuditTrail } from './audit.trail.js';

export async function writeAudit(orm: MikroORM, trail: AuditTrail, operationName: string | null): Promise<number> {
  const rows = trail.rows();
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
  await orm.em.getConnection().execute(
    `insert into "audit_event" ("id", "at", "kind", "viewer_subject", "viewer_name", "agency_id", "roles", "operation_name", "record_ids", "fields", "outcome", "detail")
     select "id", now(), "kind", "viewer_subject", "viewer_name", "agency_id", "roles", "operation_name", "record_ids", "fields", "outcome", "detail"
     from json_populate_recordset(null::"audit_event", ?::json)`,
    [JSON.stringify(json)],
  );
  return rows.length;
}
