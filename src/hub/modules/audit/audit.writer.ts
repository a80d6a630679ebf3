// Writes a request's audit rows in ONE multi-row INSERT when the response is ready: the only statement the
// audit adds to the response path. INSERT is the only statement the hub ever runs on this table.
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { AuditTrail } from './audit.trail.js';

export async function writeAudit(orm: MikroORM, trail: AuditTrail, operationName: string | null): Promise<number> {
  const rows = trail.rows();
  if (!rows.length) return 0;
  const { viewer } = trail;
  const params: unknown[] = [];
  const values = rows.map((row) => {
    params.push(randomUUID(), row.kind, viewer.subject, viewer.name, viewer.agencyId, [...viewer.roles], operationName, row.recordIds, row.fields, row.outcome, row.detail);
    return '(?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  });
  await orm.em.getConnection().execute(
    `insert into "audit_event" ("id", "at", "kind", "viewer_subject", "viewer_name", "agency_id", "roles", "operation_name", "record_ids", "fields", "outcome", "detail") values ${values.join(', ')}`,
    params,
  );
  return rows.length;
}
