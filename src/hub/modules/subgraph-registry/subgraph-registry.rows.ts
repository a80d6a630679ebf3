// Which registrations a list shows, and in which order.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { SortKeys } from '../../common/pagination.js';
import type { MemberSubgraph } from './subgraph-registry.entity.js';
import type { MemberSubgraphFilter } from './subgraph-registry.inputs.js';

export const memberSubgraphOrder: SortKeys<MemberSubgraph> = [['name', 'asc']];

export function memberSubgraphWhere(filter: MemberSubgraphFilter | null | undefined): FilterQuery<MemberSubgraph> {
  return filter?.includeRetired ? {} : { retiredAt: null };
}
