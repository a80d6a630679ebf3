import DataLoader from 'dataloader';
import type { Viewer } from '../../../auth/viewer.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { publishedRowCount } from '../../common/disclosure.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { columnOf, executeRaw, pivotOf, quoteIdentifier as quote, tableOf } from '../../common/sql.js';
import { Port } from '../port/index.js';
import { Seizure } from './seizure.entity.js';
import type { SeizureFilter } from './seizure.inputs.js';
import { countInCellsBy } from './seizure.counts.js';
import { seizureCellsWhere, seizureOrder, seizureWhere } from './seizure.rows.js';
import { visibleSeizures } from './seizure.visibility.js';

/** The transit ports' query, its table and column names from the ORM's metadata (Seizure.transitPorts, Port). */
function transitPortsSql(em: EntityManager, placeholders: string): string {
  const transit = pivotOf(em, Seizure, 'transitPorts');
  if (!transit.orderColumn) throw new Error('Seizure.transitPorts has no order column');
  const [pivot, seizure, port, position] = [transit.table, transit.parentColumn, transit.childColumn, transit.orderColumn].map(quote);
  return `select p.*, stp.${seizure} as "__seizure" from ${pivot} stp join ${quote(tableOf(em, Port))} p on p.${quote(columnOf(em, Port, 'id'))} = stp.${port}
       where stp.${seizure} in (${placeholders}) order by stp.${seizure}, stp.${position}`;
}

/**
 * Transit ports of each seizure in route order: one query per batch of seizures. The list is bounded
 * (at most 8 per seizure), so it needs no pagination.
 */
function transitPortsLoader(em: EntityManager) {
  return new DataLoader<string, Port[]>(async (seizureIds) => {
    const placeholders = seizureIds.map(() => '?').join(', ');
    const rows = await executeRaw<Record<string, unknown>[]>(em, transitPortsSql(em, placeholders), [...seizureIds]);
    const bySeizure = new Map<string, Port[]>();
    for (const { __seizure, ...data } of rows) {
      const key = String(__seizure);
      bySeizure.set(key, [...(bySeizure.get(key) ?? []), em.map(Port, data as never)]);
    }
    return seizureIds.map((id) => bySeizure.get(id) ?? []);
  });
}

export function seizureLoaders(em: EntityManager, viewer: Viewer) {
  const scope = (filter: SeizureFilter | null | undefined) => seizureWhere(viewer, filter);
  // The nested lists' totalCounts are published as the root list's (common/disclosure.ts), from the rollup's cells
  // when the filter allows (by port or reporting agency: the cells keep both).
  const count = publishedRowCount(viewer);
  const countsInCells = (parent: 'port' | 'originAgency') => (ids: readonly string[], filter: SeizureFilter | null | undefined) => {
    const cells = seizureCellsWhere(viewer, filter);
    return cells ? countInCellsBy(em, viewer, cells, parent, ids) : null;
  };
  return {
    byId: byKeyLoader(em, Seizure, 'id', visibleSeizures(viewer)),
    transitPorts: transitPortsLoader(em),
    /** Seizures by the port they were made in. */
    ofPort: new GroupedPages(em, Seizure, { foreignKey: 'port' }, seizureOrder, scope, count, countsInCells('port')),
    /** Seizures by reporting agency. */
    ofAgency: new GroupedPages(em, Seizure, { foreignKey: 'originAgency' }, seizureOrder, scope, count, countsInCells('originAgency')),
    /** Seizures linked to an investigation: those whose `investigations` hold it. */
    ofInvestigation: new GroupedPages(em, Seizure, { ownCollection: 'investigations' }, seizureOrder, scope, count),
  };
}
