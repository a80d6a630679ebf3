// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import type { Investigation } from './investigation.entity.js';
import type { InvestigationFilter } from './investigation.inputs.js';
import { visibleInvestigations } from './investigation.visibility.js';

export const investigationOrder: SortKeys<Investigation> = [['openedOn', 'desc']];

/** The one place that turns a filter into a query: the viewer's visibility, then the filter. */
export function investigationWhere(viewer: Viewer, filter: InvestigationFilter | null | undefined): FilterQuery<Investigation> {
  const where: FilterQuery<Investigation>[] = [visibleInvestigations(viewer)];
  if (filter?.statuses?.length) where.push({ status: { $in: filter.statuses } });
  if (filter?.leadAgencyIds?.length) where.push({ originAgency: { $in: filter.leadAgencyIds } });
  if (filter?.participantAgencyIds?.length) {
    // $some is an EXISTS subquery on the pivot: no duplicate rows when several participants match.
    where.push({ participants: { $some: { id: { $in: filter.participantAgencyIds } } } });
  }
  if (filter?.openedFrom) where.push({ openedOn: { $gte: filter.openedFrom } });
  if (filter?.openedTo) where.push({ openedOn: { $lte: filter.openedTo } });
  if (filter?.search) where.push({ codeName: { $ilike: `%${escapeLike(filter.search)}%` } });
  return where.length ? { $and: where } : {};
}
