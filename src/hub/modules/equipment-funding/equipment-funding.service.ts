import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Port } from '../port/index.js';
import { EquipmentFunding } from './equipment-funding.entity.js';
import { equipmentFundingOrder, equipmentFundingWhere } from './equipment-funding.rows.js';
import type { EquipmentFundingFilter } from './equipment-funding.inputs.js';

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
    return ctx.loaders.equipmentFunding.ofBeneficiary.load(agency.id, filter, page);
  },

  fundingsOfPort(ctx: HubContext, port: Port, filter: EquipmentFundingFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.equipmentFunding.ofPort.load(port.id, filter, page);
  },
};
