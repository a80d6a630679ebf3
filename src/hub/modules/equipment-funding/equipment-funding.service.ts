import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs, type SortKeys } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Port } from '../port/index.js';
import { EquipmentFunding } from './equipment-funding.entity.js';
import { visibleEquipmentFundings } from './equipment-funding.visibility.js';
import type { EquipmentFundingFilter } from './equipment-funding.inputs.js';

export const equipmentFundingOrder: SortKeys<EquipmentFunding> = [['year', 'desc']];

/** The one place that turns a filter into a query (access control will add the viewer's visibility here). */
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


export const equipmentFundingService = {
  list(ctx: HubContext, filter: EquipmentFundingFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, EquipmentFunding, equipmentFundingWhere(ctx.viewer, filter), equipmentFundingOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<EquipmentFunding> {
    return loadOrNotFound(ctx.loaders.equipmentFunding.byId, id, 'EquipmentFunding');
  },

  async portOf(ctx: HubContext, funding: EquipmentFunding): Promise<Port | null> {
    return funding.port ? ctx.loaders.port.byId.load(funding.port.id) : null;
  },

  fundingsOfBeneficiary(ctx: HubContext, agency: Agency, filter: EquipmentFundingFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.equipmentFunding.ofBeneficiary.load(agency.id, equipmentFundingWhere(ctx.viewer, filter), page, filter);
  },

  fundingsOfPort(ctx: HubContext, port: Port, filter: EquipmentFundingFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.equipmentFunding.ofPort.load(port.id, equipmentFundingWhere(ctx.viewer, filter), page, filter);
  },
};
