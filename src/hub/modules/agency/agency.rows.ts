// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import type { Agency } from './agency.entity.js';
import type { AgencyFilter } from './agency.inputs.js';

export const agencyOrder: SortKeys<Agency> = [['name', 'asc']];

export function agencyWhere(filter: AgencyFilter | null | undefined): FilterQuery<Agency> {
  const where: FilterQuery<Agency>[] = [];
  if (filter?.country) where.push({ country: filter.country });
  if (filter?.kinds?.length) where.push({ kind: { $in: filter.kinds } });
  if (filter?.search) {
    const like = `%${escapeLike(filter.search)}%`;
    where.push({ $or: [{ name: { $ilike: like } }, { code: { $ilike: like } }] });
  }
  return where.length ? { $and: where } : {};
}
