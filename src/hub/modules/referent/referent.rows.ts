// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import type { Referent } from './referent.entity.js';
import type { ReferentFilter } from './referent.inputs.js';
import { visibleReferents } from './referent.visibility.js';

export const referentOrder: SortKeys<Referent> = [['fullName', 'asc']];

export function referentWhere(viewer: Viewer, filter: ReferentFilter | null | undefined): FilterQuery<Referent> {
  const where: FilterQuery<Referent>[] = [visibleReferents(viewer)];
  if (filter?.ports?.length) where.push({ ports: { $some: { unlocode: { $in: filter.ports } } } });
  if (filter?.country) where.push({ agency: { country: filter.country } });
  if (filter?.agencyIds?.length) where.push({ agency: { $in: filter.agencyIds } });
  if (filter?.expertise?.length) where.push({ expertise: { $overlap: filter.expertise } });
  if (filter?.languages?.length) where.push({ languages: { $overlap: filter.languages } });
  if (filter?.search) where.push({ fullName: { $ilike: `%${escapeLike(filter.search)}%` } });
  return where.length ? { $and: where } : {};
}
