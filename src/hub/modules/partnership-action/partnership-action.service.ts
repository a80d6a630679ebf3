import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs, type SortKeys } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Port } from '../port/index.js';
import { PartnershipAction } from './partnership-action.entity.js';
import { visiblePartnershipActions } from './partnership-action.visibility.js';
import type { PartnershipActionFilter } from './partnership-action.inputs.js';

export const partnershipActionOrder: SortKeys<PartnershipAction> = [['createdAt', 'desc']];

/** The one place that turns a filter into a query (access control will add the viewer's visibility here). */
export function partnershipActionWhere(viewer: Viewer, filter: PartnershipActionFilter | null | undefined): FilterQuery<PartnershipAction> {
  const where: FilterQuery<PartnershipAction>[] = [visiblePartnershipActions(viewer)];
  if (filter?.statuses?.length) where.push({ status: { $in: filter.statuses } });
  // $some is an EXISTS subquery on the pivot: no duplicate rows when several values match.
  if (filter?.partnerAgencyIds?.length) where.push({ partners: { $some: { id: { $in: filter.partnerAgencyIds } } } });
  if (filter?.ports?.length) where.push({ ports: { $some: { unlocode: { $in: filter.ports } } } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  return where.length ? { $and: where } : {};
}


export const partnershipActionService = {
  list(ctx: HubContext, filter: PartnershipActionFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, PartnershipAction, partnershipActionWhere(ctx.viewer, filter), partnershipActionOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<PartnershipAction> {
    return loadOrNotFound(ctx.loaders.partnershipAction.byId, id, 'PartnershipAction');
  },

  partnersOf(ctx: HubContext, action: PartnershipAction, page: PageArgs) {
    return ctx.loaders.partnershipAction.partners.load(action.id, {}, page);
  },

  portsOf(ctx: HubContext, action: PartnershipAction, page: PageArgs) {
    return ctx.loaders.partnershipAction.ports.load(action.id, {}, page);
  },

  actionsOfPartner(ctx: HubContext, agency: Agency, filter: PartnershipActionFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.partnershipAction.ofPartner.load(agency.id, partnershipActionWhere(ctx.viewer, filter), page, filter);
  },

  actionsOfPort(ctx: HubContext, port: Port, filter: PartnershipActionFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.partnershipAction.ofPort.load(port.id, partnershipActionWhere(ctx.viewer, filter), page, filter);
  },
};
