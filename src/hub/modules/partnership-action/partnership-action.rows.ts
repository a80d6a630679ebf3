// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import type { PartnershipAction } from './partnership-action.entity.js';
import type { PartnershipActionFilter } from './partnership-action.inputs.js';
import { visiblePartnershipActions } from './partnership-action.visibility.js';

export const partnershipActionOrder: SortKeys<PartnershipAction> = [['createdAt', 'desc']];

/** The one place that turns a filter into a query: the viewer's visibility, then the filter. */
export function partnershipActionWhere(viewer: Viewer, filter: PartnershipActionFilter | null | undefined): FilterQuery<PartnershipAction> {
  const where: FilterQuery<PartnershipAction>[] = [visiblePartnershipActions(viewer)];
  if (filter?.statuses?.length) where.push({ status: { $in: filter.statuses } });
  // $some is an EXISTS subquery on the pivot: no duplicate rows when several values match.
  if (filter?.partnerAgencyIds?.length) where.push({ partners: { $some: { id: { $in: filter.partnerAgencyIds } } } });
  if (filter?.ports?.length) where.push({ ports: { $some: { unlocode: { $in: filter.ports } } } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  return where.length ? { $and: where } : {};
}
