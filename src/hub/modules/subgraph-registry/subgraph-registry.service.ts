import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../context.js';
import { notFound } from '../../common/errors.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import { MemberSubgraph } from './subgraph-registry.entity.js';
import type { MemberSubgraphFilter } from './subgraph-registry.inputs.js';
import { memberSubgraphOrder, memberSubgraphWhere } from './subgraph-registry.rows.js';

export const subgraphRegistryService = {
  list(ctx: HubContext, filter: MemberSubgraphFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, MemberSubgraph, memberSubgraphWhere(filter), memberSubgraphOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<MemberSubgraph> {
    const found = await ctx.em.findOne(MemberSubgraph, { id });
    if (!found) throw notFound('MemberSubgraph', id);
    return found;
  },

  /** The registration holding a name, retired or not (names stay unique: a retired one is registered again in place). */
  byName(em: EntityManager, name: string): Promise<MemberSubgraph | null> {
    return em.findOne(MemberSubgraph, { name });
  },
};
