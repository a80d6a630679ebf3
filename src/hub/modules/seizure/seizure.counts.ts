// Counts of seizures drawn from the rollup's cells (seizure-rollup.entity.ts) instead of the rows: a handful of
// cells per port, agency and year, whatever the number of seizures. Published as a count over the rows would be:
// exact for law enforcement, under disclosure control otherwise, keyed on the same records (each cell keeps the sum
// of its records' keys, and the key of a union of cells is the sum of theirs: common/disclosure.ts). The seizures
// a viewer sees only through a release grant join the cells as cells of one seizure each (seizure.rows.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { figuresFor, recordKeySql } from '../../common/disclosure.js';
import { columnOf, executeRaw, quoteIdentifier } from '../../common/sql.js';
import { SeizureRollup } from './seizure-rollup.entity.js';
import { QuantityUnit, Seizure } from './seizure.entity.js';
import type { SeizureCells } from './seizure.rows.js';

/** The rollup's columns a count or a statistic reads, in the order the released rows are projected onto them. */
const CELL_COLUMNS = ['year', 'port', 'originAgency', 'drugType', 'detectionMethod', 'seizures', 'keySum', 'kg', 'kgSeizures'] as const;

/**
 * The cells `where` selects, and the released rows as cells of one seizure each: a subquery with the rollup's
 * column names, so that whoever reads cells reads both.
 */
export function cellsAndReleasedRows(em: EntityManager, where: SeizureCells): { sql: string; params: unknown[] } {
  const cell = (property: string) => quoteIdentifier(columnOf(em, SeizureRollup, property));
  const cells = em.createQueryBuilder(SeizureRollup, 't').select('t.*').where(where.cells as never).toQuery();
  const cellsSql = `select ${CELL_COLUMNS.map((p) => `c.${cell(p)}`).join(', ')} from (${cells.sql}) c`;
  if (!where.released) return { sql: cellsSql, params: [...cells.params] };
  const row = (property: string) => `r.${quoteIdentifier(columnOf(em, Seizure, property))}`;
  const kg = `${row('unit')} = ?`;
  const projected: Record<(typeof CELL_COLUMNS)[number], string> = {
    year: `extract(year from ${row('seizedOn')})::smallint`,
    port: row('port'),
    originAgency: row('originAgency'),
    drugType: row('drugType'),
    detectionMethod: `${row('detectionMethod')}::text`,
    seizures: '1::bigint',
    keySum: recordKeySql(row('id')),
    kg: `case when ${kg} then ${row('quantity')} else 0 end`,
    kgSeizures: `case when ${kg} then 1 else 0 end::bigint`,
  };
  const rows = em.createQueryBuilder(Seizure, 't').select('t.*').where(where.released as never).toQuery();
  return {
    sql: `${cellsSql} union all select ${CELL_COLUMNS.map((p) => `${projected[p]} as ${cell(p)}`).join(', ')} from (${rows.sql}) r`,
    params: [...cells.params, QuantityUnit.KG, QuantityUnit.KG, ...rows.params],
  };
}

/** The published count of the cells' seizures, as an aggregate over cells `x`. */
function publishedCount(em: EntityManager, viewer: Viewer): string {
  const figures = figuresFor(viewer);
  const column = (property: string) => `x.${quoteIdentifier(columnOf(em, SeizureRollup, property))}`;
  return figures.count(`coalesce(sum(${column('seizures')}), 0)::bigint`, figures.unionKey(column('keySum')));
}

/** The number of seizures in the cells (and released rows) `where` selects, as the viewer gets it. */
export async function countInCells(em: EntityManager, viewer: Viewer, where: SeizureCells): Promise<number> {
  const source = cellsAndReleasedRows(em, where);
  const [row] = await executeRaw<{ n: number }[]>(em, `select ${publishedCount(em, viewer)} as "n" from (${source.sql}) x`, source.params);
  return Number(row!.n);
}

/** The same per parent (a port or a reporting agency), for nested lists under many parents at once. */
export async function countInCellsBy(em: EntityManager, viewer: Viewer, where: SeizureCells, parent: 'port' | 'originAgency', ids: readonly string[]): Promise<number[]> {
  const inParents = { [parent]: { $in: [...ids] } };
  const scoped: SeizureCells = {
    cells: { $and: [where.cells, inParents] } as SeizureCells['cells'],
    released: where.released ? ({ $and: [where.released, inParents] } as SeizureCells['released']) : null,
  };
  const source = cellsAndReleasedRows(em, scoped);
  const group = `x.${quoteIdentifier(columnOf(em, SeizureRollup, parent))}`;
  const rows = await executeRaw<{ group: string; n: number }[]>(em, `select ${group} as "group", ${publishedCount(em, viewer)} as "n" from (${source.sql}) x group by ${group}`, source.params);
  const counts = new Map(rows.map((r) => [String(r.group), Number(r.n)]));
  return ids.map((id) => counts.get(id) ?? 0);
}
