import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Seizure } from '../seizure/index.js';
import { Investigation } from './investigation.entity.js';
import { investigationOrder, investigationWhere } from './investigation.rows.js';
import type { InvestigationFilter } from './investigation.inputs.js';

export const investigationService = {
  list(ctx: HubContext, filter: InvestigationFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, Investigation, investigationWhere(ctx.viewer, filter), investigationOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<Investigation> {
    return loadOrNotFound(ctx.loaders.investigation.byId, id, 'Investigation');
  },

  /** Agencies taking part in an investigation (Investigation.participants), batched across investigations. */
  participantsOf(ctx: HubContext, investigation: Investigation, page: PageArgs) {
    return ctx.loaders.investigation.participants.load(investigation.id, null, page);
  },

  /** Investigations an agency takes part in, batched across agencies. */
  investigationsOfAgency(ctx: HubContext, agency: Agency, filter: InvestigationFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.investigation.ofParticipant.load(agency.id, filter, page);
  },

  /**
   * Investigations a seizure is linked to, batched across seizures: only those the viewer may see, so a link to a
   * hidden investigation leaves no trace (not listed, not counted).
   */
  investigationsOfSeizure(ctx: HubContext, seizure: Seizure, filter: InvestigationFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.investigation.ofSeizure.load(seizure.id, filter, page);
  },
};
