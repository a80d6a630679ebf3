import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs, type SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import type { Agency } from '../agency/index.js';
import { Investigation } from './investigation.entity.js';
import { visibleInvestigations } from './investigation.visibility.js';
import type { InvestigationFilter } from './investigation.inputs.js';

export const investigationOrder: SortKeys<Investigation> = [['openedOn', 'desc']];

/** The one place that turns a filter into a query (access control will add the viewer's visibility here). */
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

export const investigationService = {
  list(ctx: HubContext, filter: InvestigationFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, Investigation, investigationWhere(ctx.viewer, filter), investigationOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<Investigation> {
    return loadOrNotFound(ctx.loaders.investigation.byId, id, 'Investigation');
  },

  /** Agencies taking part in an investigation (pivot investigation_participant), batched across investigations. */
  participantsOf(ctx: HubContext, investigation: Investigation, page: PageArgs) {
    return ctx.loaders.investigation.participants.load(investigation.id, {}, page);
  },

  /** Investigations an agency takes part in, batched across agencies. */
  investigationsOfAgency(ctx: HubContext, agency: Agency, filter: InvestigationFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.investigation.ofParticipant.load(agency.id, investigationWhere(ctx.viewer, filter), page, filter);
  },
};
