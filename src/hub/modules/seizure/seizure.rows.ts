// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { forbidden } from '../../common/errors.js';
import { mayRead } from '../../policy/field-policy.js';
import type { SortKeys } from '../../common/pagination.js';
import { ALL_METHODS, type SeizureRollup } from './seizure-rollup.entity.js';
import type { Seizure } from './seizure.entity.js';
import type { SeizureFilter } from './seizure.inputs.js';
import { seizurePolicy } from './seizure.rules.js';
import { releasedOnlySeizures, visibleSeizureCells, visibleSeizures } from './seizure.visibility.js';

/** Latest first; id breaks ties so pages never overlap. */
export const seizureOrder: SortKeys<Seizure> = [['seizedOn', 'desc']];

/** Filters that would reveal a field's values, and the field: allowed to whoever may read that field. */
const revealing = [['containerNumber', 'containerNumber'], ['concealments', 'concealment']] as const;

/** Filtering on operational details follows the fields' own policy (seizure.rules.ts): else a filter would reveal them. */
function requireMayFilterOnOperationalDetails(viewer: Viewer, filter: SeizureFilter | null | undefined): void {
  if (!filter) return;
  for (const [argument, field] of revealing) {
    const value = filter[argument];
    const used = Array.isArray(value) ? value.length > 0 : value != null;
    if (used && !mayRead(seizurePolicy, 'Seizure', field, viewer)) throw forbidden(`Not allowed to filter seizures by ${argument}`, `filter.${argument}`);
  }
}

/**
 * The filter's conditions on what a seizure and its rollup cells both keep, under the same property names (port,
 * reporting agency, drug type, label): one list for the rows and the cells, so they cannot drift apart.
 */
function sharedConditions(filter: SeizureFilter | null | undefined): FilterQuery<Seizure & SeizureRollup>[] {
  const where: FilterQuery<Seizure & SeizureRollup>[] = [];
  if (filter?.ports?.length) where.push({ port: { unlocode: { $in: filter.ports } } });
  if (filter?.country) where.push({ port: { country: filter.country } });
  if (filter?.agencyIds?.length) where.push({ originAgency: { $in: filter.agencyIds } });
  if (filter?.drugTypes?.length) where.push({ drugType: { $in: filter.drugTypes } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  return where;
}

/** The one place seizure lists are filtered: the viewer's visibility, then the filter. */
export function seizureWhere(viewer: Viewer, filter: SeizureFilter | null | undefined): FilterQuery<Seizure> {
  requireMayFilterOnOperationalDetails(viewer, filter);
  const where: FilterQuery<Seizure>[] = [visibleSeizures(viewer), ...(sharedConditions(filter) as FilterQuery<Seizure>[])];
  if (!filter?.includeWithdrawn) where.push({ withdrawnAt: null });
  if (filter?.seizedFrom) where.push({ seizedOn: { $gte: filter.seizedFrom } });
  if (filter?.seizedTo) where.push({ seizedOn: { $lte: filter.seizedTo } });
  if (filter?.concealments?.length) where.push({ concealment: { $in: filter.concealments } });
  if (filter?.containerNumber) where.push({ containerNumber: filter.containerNumber });
  return { $and: where };
}

/** The year a period bound covers whole: `from` on 1 January, `to` on 31 December; null otherwise. */
function wholeYear(date: string, bound: 'from' | 'to'): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [, year, month, day] = match;
  return (bound === 'from' ? month === '01' && day === '01' : month === '12' && day === '31') ? Number(year) : null;
}

/**
 * Where counts find exactly the seizures `seizureWhere` selects without reading them: the rollup's `cells`, which keep
 * a seizure's label and reporting agency but cannot know to whom it was released, plus the `released` rows the viewer
 * sees only through a release grant (none for a viewer without an agency), counted one by one through the grant index.
 */
export interface SeizureCells {
  cells: FilterQuery<SeizureRollup>;
  released: FilterQuery<Seizure> | null;
}

/**
 * The rollup cells (seizure-rollup.entity.ts) and released rows holding exactly the seizures `seizureWhere` selects,
 * or null when the filter names something the cells do not keep (concealment, container number, a period that is not
 * whole years): the rows are then counted themselves. Counts drawn from cells cost the same however many seizures
 * there are. `byDetectionMethod`: the cells of each method, for statistics grouped by it; otherwise those of all methods.
 */
export function seizureCellsWhere(viewer: Viewer, filter: SeizureFilter | null | undefined, options: { byDetectionMethod?: boolean } = {}): SeizureCells | null {
  requireMayFilterOnOperationalDetails(viewer, filter);
  if (filter?.concealments?.length || filter?.containerNumber) return null;
  // Each seizure is in two cells: its method's, and that of all methods (fewer cells to read when methods do not matter).
  const methods: FilterQuery<SeizureRollup> = options.byDetectionMethod ? { detectionMethod: { $ne: ALL_METHODS } } : { detectionMethod: ALL_METHODS };
  const cells: FilterQuery<SeizureRollup>[] = [visibleSeizureCells(viewer), methods, ...(sharedConditions(filter) as FilterQuery<SeizureRollup>[])];
  if (!filter?.includeWithdrawn) cells.push({ withdrawn: false });
  if (filter?.seizedFrom) {
    const year = wholeYear(filter.seizedFrom, 'from');
    if (year === null) return null;
    cells.push({ year: { $gte: year } });
  }
  if (filter?.seizedTo) {
    const year = wholeYear(filter.seizedTo, 'to');
    if (year === null) return null;
    cells.push({ year: { $lte: year } });
  }
  // The released rows go through the list's own filter, so they cannot drift from the rows it lists.
  const released = releasedOnlySeizures(viewer);
  return { cells: { $and: cells }, released: released ? { $and: [released, seizureWhere(viewer, filter)] } : null };
}
