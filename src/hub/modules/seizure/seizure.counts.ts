// Counts of seizures drawn from the rollup's cells (seizure-rollup.entity.ts) instead of the rows: a handful of
// cells per port, agency and year, whatever the number of seizures. Published as a count over the rows would be:
// exact for law enforcement, under disclosure control otherwise, keyed on the same records (each cell keeps the sum
// of its records' keys, and the key of a union of cells is the sum of theirs: common/disclosure.ts).
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { figuresFor } from '../../common/disclosure.js';
import { columnOf, executeRaw, quoteIdentifier } from '../../common/sql.js';
import { SeizureRollup } from './seizure-rollup.entity.js';

/** The published count of the cells' seizures, as an aggregate over cells `x`. */
function publishedCount(em: EntityManager, viewer: Viewer): string {
  const figures = figuresFor(viewer);
  const column = (property: string) => `x.${quoteIdentifier(columnOf(em, SeizureRollup, property))}`;
  return figures.count(`coalesce(sum(${column('seizures')}), 0)::bigint`, figures.unionKey(column('keySum')));
}

/** The number of seizures in the cells `where` selects, as the viewer gets it. */
export async function countInCells(em: EntityManager, viewer: Viewer, where: FilterQuery<SeizureRollup>): Promise<number> {
  const inner = em.createQueryBuilder(SeizureRollup, 't').select('t.*').where(where as never).toQuery();
  const [row] = await executeRaw<{ n: number }[]>(em, `select ${publishedCount(em, viewer)} as "n" from (${inner.sql}) x`, [...inner.params]);
  return Number(row!.n);
}

/** The same per parent (a port or a reporting agency), for nested lists under many parents at once. */
export async function countInCellsBy(em: EntityManager, viewer: Viewer, where: FilterQuery<SeizureRollup>, parent: 'port' | 'originAgency', ids: readonly string[]): Promise<number[]> {
  const scoped = { $and: [where, { [parent]: { $in: [...ids] } }] } as FilterQuery<SeizureRollup>;
  const inner = em.createQueryBuilder(SeizureRollup, 't').select('t.*').where(scoped as never).toQuery();
  const group = `x.${quoteIdentifier(columnOf(em, SeizureRollup, parent))}`;
  const rows = await executeRaw<{ group: string; n: number }[]>(em, `select ${group} as "group", ${publishedCount(em, viewer)} as "n" from (${inner.sql}) x group by ${group}`, [...inner.params]);
  const counts = new Map(rows.map((r) => [String(r.group), Number(r.n)]));
  return ids.map((id) => counts.get(id) ?? 0);
}
