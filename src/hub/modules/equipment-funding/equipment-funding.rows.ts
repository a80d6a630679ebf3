// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import type { EquipmentFunding } from './equipment-funding.entity.js';
import type { EquipmentFundingFilter } from './equipment-funding.inputs.js';
import { visibleEquipmentFundings } from './equipment-funding.visibility.js';

export const equipmentFundingOrder: SortKeys<EquipmentFunding> = [['year', 'desc']];

/** The one place that turns a filter into a query: the viewer's visibility, then the filter. */
export function equipmentFundingWhere(viewer: Viewer, filter: EquipmentFundingFilter | null | undefined): FilterQuery<EquipmentFunding> {
  const where: FilterQuery<EquipmentFunding>[] = [visibleEquipmentFundings(viewer)];
  if (filter?.years?.from != null) where.push({ year: { $gte: filter.years.from } });
  if (filter?.years?.to != null) where.push({ year: { $lte: filter.years.to } });
  if (filter?.equipmentTypes?.length) where.push({ equipmentType: { $in: filter.equipmentTypes } });
  if (filter?.beneficiaryAgencyIds?.length) where.push({ beneficiary: { $in: filter.beneficiaryAgencyIds } });
  if (filter?.funderAgencyIds?.length) where.push({ originAgency: { $in: filter.funderAgencyIds } });
  if (filter?.ports?.length) where.push({ port: { unlocode: { $in: filter.ports } } });
  if (filter?.country) where.push({ beneficiary: { country: filter.country } });
  return where.length ? { $and: where } : {};
}
