// Writes a request's audit rows in ONE multi-row INSERT when the response is ready: the only statement the
// audit adds to the response path. The statement and the rows' JSON are the ones the gateway writes too
// (src/audit-log/): one way to write an audit row.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { auditInsertSql, auditRowsJson } from '../../../audit-log/audit-log.js';
import { executeRaw } from '../../common/sql.js';
import type { AuditRow, AuditTrail } from './audit.trail.js';

/** The request's rows, at its end (outside any transaction). */
export async function writeAudit(orm: MikroORM, trail: AuditTrail, operationName: string | null): Promise<number> {
  return insertAuditRows(orm.em.fork(), trail, trail.rows(), operationName);
}

/** Inserts `rows` for the trail's viewer; on a transaction's EntityManager, inside that transaction. */
export async function insertAuditRows(em: EntityManager, trail: AuditTrail, rows: AuditRow[], operationName: string | null): Promise<number> {
  if (!rows.length) return 0;
  await executeRaw(em, auditInsertSql('?'), [auditRowsJson(trail.viewer, rows, operationName)]);
  return rows.length;
}
