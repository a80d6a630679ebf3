// Writes a request's audit rows in ONE multi-row INSERT when the response is ready: the only statement the
// audit adds to the response path, shared with the other requests finishing at the same moment (group commit,
// audit-batch.ts: each still waits for its rows' commit before its answer). The statement and the rows' JSON are
// the ones the gateway writes too (src/audit-log/): one way to write an audit row.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AuditBatcher } from '../../../audit-log/audit-batch.js';
import { auditInsertSql, auditRowsJson } from '../../../audit-log/audit-log.js';
import { executeRaw } from '../../common/sql.js';
import type { AuditRow, AuditTrail } from './audit.trail.js';

/** One group-commit queue per ORM (per database): every Apollo instance of the core shares it. */
const batchers = new WeakMap<MikroORM, AuditBatcher>();

/** The request's rows, at its end (outside any transaction); resolves once they are committed. */
export async function writeAudit(orm: MikroORM, trail: AuditTrail, operationName: string | null): Promise<number> {
  const rows = trail.rows();
  if (!rows.length) return 0;
  let batcher = batchers.get(orm);
  if (!batcher) batchers.set(orm, (batcher = new AuditBatcher((json) => executeRaw(orm.em.fork(), auditInsertSql('?'), [json]))));
  await batcher.write(auditRowsJson(trail.viewer, rows, operationName), rows.length);
  return rows.length;
}

/** Inserts `rows` for the trail's viewer; on a transaction's EntityManager, inside that transaction. */
export async function insertAuditRows(em: EntityManager, trail: AuditTrail, rows: AuditRow[], operationName: string | null): Promise<number> {
  if (!rows.length) return 0;
  await executeRaw(em, auditInsertSql('?'), [auditRowsJson(trail.viewer, rows, operationName)]);
  return rows.length;
}
