import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import { type Agency, agencyService } from '../agency/index.js';
import type { Port } from '../port/index.js';
import { BestPractice } from './best-practice.entity.js';
import { bestPracticeOrder, bestPracticeWhere } from './best-practice.rows.js';
import { rankedPage } from './best-practice.search.js';
import type { BestPracticeFilter } from './best-practice.inputs.js';

export const bestPracticeService = {
  /** The root list: newest first, or ranked by relevance when searched. `listKey`: its place in the response (snippets). */
  list(ctx: HubContext, filter: BestPracticeFilter | null | undefined, page: PageArgs, listKey: string) {
    const where = bestPracticeWhere(ctx.viewer, filter);
    ctx.loaders.bestPractice.searchSnippets.listed(listKey, filter?.search);
    if (filter?.search) return rankedPage(ctx.em, ctx.viewer, where, filter.search, page);
    return findPage(ctx.em, BestPractice, where, bestPracticeOrder, page);
  },

  /** The snippet of a practice listed by a searched list (at `listKey`), null elsewhere. */
  searchSnippetOf(ctx: HubContext, practice: BestPractice, listKey: string): Promise<string | null> {
    return ctx.loaders.bestPractice.searchSnippets.of(listKey, practice.id);
  },

  async get(ctx: HubContext, id: string): Promise<BestPractice> {
    return loadOrNotFound(ctx.loaders.bestPractice.byId, id, 'BestPractice');
  },

  authorOf(ctx: HubContext, practice: BestPractice): Promise<Agency> {
    return agencyService.of(ctx, practice.originAgency);
  },

  /** Ports that adopted a practice (BestPractice.adoptingPorts), batched across practices. */
  adoptingPortsOf(ctx: HubContext, practice: BestPractice, page: PageArgs) {
    return ctx.loaders.bestPractice.adoptingPorts.load(practice.id, null, page);
  },

  /** Practices a port adopted, batched across ports. */
  adoptedByPort(ctx: HubContext, port: Port, filter: BestPracticeFilter | null | undefined, page: PageArgs, listKey: string) {
    ctx.loaders.bestPractice.searchSnippets.listed(listKey, filter?.search);
    return ctx.loaders.bestPractice.adoptedByPort.load(port.id, filter, page);
  },

  /** Practices an agency wrote, batched across agencies. */
  authoredBy(ctx: HubContext, agency: Agency, filter: BestPracticeFilter | null | undefined, page: PageArgs, listKey: string) {
    ctx.loaders.bestPractice.searchSnippets.listed(listKey, filter?.search);
    return ctx.loaders.bestPractice.ofAuthor.load(agency.id, filter, page);
  },
};
