// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import type { Port } from './port.entity.js';
import type { PortFilter } from './port.inputs.js';

export const portOrder: SortKeys<Port> = [['name', 'asc']];

export function portWhere(filter: PortFilter | null | undefined): FilterQuery<Port> {
  const where: FilterQuery<Port>[] = [];
  if (filter?.country) where.push({ country: filter.country });
  if (filter?.search) {
    const like = `%${escapeLike(filter.search)}%`;
    where.push({ $or: [{ name: { $ilike: like } }, { unlocode: { $ilike: like } }] });
  }
  if (filter?.member != null) where.push({ memberSince: filter.member ? { $ne: null } : null });
  if (filter?.overseas != null) where.push({ overseas: filter.overseas });
  return where.length ? { $and: where } : {};
}
