import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Port } from '../port/index.js';
import { PartnershipAction } from './partnership-action.entity.js';
import { partnershipActionOrder, partnershipActionWhere } from './partnership-action.rows.js';
import type { PartnershipActionFilter } from './partnership-action.inputs.js';

export const partnershipActionService = {
  list(ctx: HubContext, filter: PartnershipActionFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, PartnershipAction, partnershipActionWhere(ctx.viewer, filter), partnershipActionOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<PartnershipAction> {
    return loadOrNotFound(ctx.loaders.partnershipAction.byId, id, 'PartnershipAction');
  },

  partnersOf(ctx: HubContext, action: PartnershipAction, page: PageArgs) {
    return ctx.loaders.partnershipAction.partners.load(action.id, null, page);
  },

  portsOf(ctx: HubContext, action: PartnershipAction, page: PageArgs) {
    return ctx.loaders.partnershipAction.ports.load(action.id, null, page);
  },

  actionsOfPartner(ctx: HubContext, agency: Agency, filter: PartnershipActionFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.partnershipAction.ofPartner.load(agency.id, filter, page);
  },

  actionsOfPort(ctx: HubContext, port: Port, filter: PartnershipActionFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.partnershipAction.ofPort.load(port.id, filter, page);
  },
};
